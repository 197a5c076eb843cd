using System.Net;
using Microsoft.Extensions.Options;

namespace Kiosk.Terminal.Offline;

/// <summary>
/// Sends outbox items to POST /api/checkins in order until the server has answered each. Every resend
/// carries the same client scan id, so a response lost after the server committed costs nothing. A 4xx
/// answer is final (the server will never accept that request) and is kept with the item for staff.
/// </summary>
public sealed class OutboxSender(
    Outbox outbox, ServerLink server, KioskTrust trust, KioskClock clock, TimeProvider time, IOptions<TerminalOptions> options, ILogger<OutboxSender> log) : BackgroundService
{

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var backoff = TimeSpan.FromMilliseconds(500);
        while (!stop.IsCancellationRequested)
        {
            var wait = TimeSpan.FromSeconds(30);
            try
            {
                // A withdrawn kiosk's key is refused: its unsent scans wait for a new enrolment (see RosterSync).
                if (trust.Withdrawn is null && await server.KeyAsync() is not null && await SendPendingAsync(stop)) backoff = TimeSpan.FromMilliseconds(500);
            }
            catch (KeyRefusedException) when (!stop.IsCancellationRequested)
            {
                // The roster sync stands the kiosk down within its round; nothing more is sent meanwhile.
                wait = TimeSpan.FromSeconds(options.Value.SyncSeconds);
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                log.LogInformation("Outbox waits for the server ({Error}); retry in {Seconds} s.", e.GetType().Name, backoff.TotalSeconds);
                wait = backoff;
                // Never longer than the sync interval: the heartbeat would notice the server first otherwise.
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(options.Value.SyncSeconds).Ticks));
            }
            await outbox.WaitForWorkAsync(wait, stop).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Sends until the outbox is empty; true when something was sent.</summary>
    private async Task<bool> SendPendingAsync(CancellationToken stop)
    {
        var sent = false;
        while (await outbox.PendingAsync(50) is { Count: > 0 } batch)
        {
            foreach (var item in batch)
            {
                // Walk-ins before the check-ins behind them: the outbox keeps the order of the kiosk.
                var path = item.Kind switch
                {
                    OutboxKind.WalkIn => "/api/terminal/walkins",
                    OutboxKind.Presence => "/api/presence",
                    OutboxKind.Reprinted => $"/api/terminal/reprints/{item.ClientScanId}/printed",
                    OutboxKind.SelfReprinted => "/api/terminal/reprints/self-service",
                    OutboxKind.CorrectionRequest => "/api/terminal/corrections",
                    _ => "/api/checkins",
                };
                using var response = await server.PostJsonAsync(path, item.Body, clock.SentAt(item.Recorded), stop, await outbox.PlaceAsync(item.Seq));
                if (response.StatusCode >= HttpStatusCode.InternalServerError || response.StatusCode == HttpStatusCode.TooManyRequests)
                    throw new HttpRequestException($"Server answered {(int)response.StatusCode}.", null, response.StatusCode);
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    throw new HttpRequestException($"Server answered {(int)response.StatusCode}.", null, response.StatusCode);
                var answer = await response.Content.ReadAsStringAsync(stop);
                if (!response.IsSuccessStatusCode) log.LogWarning("Server refused outbox item {Seq} with {Status}; kept for staff.", item.Seq, (int)response.StatusCode);
                await outbox.MarkSentAsync(item.Seq, answer, time.GetUtcNow());
                sent = true;
            }
        }
        return sent;
    }
}
