using Kiosk.Shared.Contracts;
using Microsoft.AspNetCore.SignalR.Client;
using Kiosk.Terminal.Printing;
using Microsoft.Extensions.Options;

namespace Kiosk.Terminal.Offline;

/// <summary>
/// Keeps the terminal in step with the server: enrols (again, when given a new code), then fetches its
/// profile, the badge keys and roster deltas, and sends heartbeats. A SignalR push ("rosterChanged") only
/// wakes it early; the periodic heartbeat answer carries the newest sequence, so a missed push costs one
/// interval at most. A refused key withdraws the kiosk (<see cref="KioskTrust"/>) within one round.
/// </summary>
public sealed class RosterSync(
    ServerLink server, Settings settings, TerminalStore store, TerminalState state, Outbox outbox, PrinterStatusBoard printer, WalkInBadges walkInBadges, ReprintOrders reprints,
    KioskTrust trust, Roster roster, Scanning.ScanTimings timings, TimeProvider time, IOptions<TerminalOptions> options, IOptions<ServerOptions> serverOptions,
    ILogger<RosterSync> log) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0);
    private HubConnection? _hub;

    public bool Enrolled { get; private set; }

    /// <summary>What became of the last enrolment code tried here, for the staff line on the out-of-order screen.</summary>
    public EnrolmentState State { get; private set; }

    public void Wake()
    {
        if (_wake.CurrentCount == 0) _wake.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        // The dashboard's "paper out" and the help desk's held reprint come from the heartbeat: send one at each change.
        printer.StateChanged += Wake;
        var backoff = TimeSpan.FromSeconds(1);
        var interval = TimeSpan.FromSeconds(options.Value.SyncSeconds);
        while (!stop.IsCancellationRequested)
        {
            var again = false;
            var refused = false;
            try
            {
                Enrolled = await EnrolAsync(stop);
                if (Enrolled && trust.Withdrawn is null)
                {
                    await ConnectHubAsync();
                    await RefreshProfileAsync(stop);
                    await PullRosterAsync(stop);
                    await StockWalkInBadgesAsync(stop);
                    await reprints.TakeAsync(stop);
                    again = await HeartbeatAsync(stop);
                }
                backoff = TimeSpan.FromSeconds(1);
            }
            catch (KeyRefusedException) when (!stop.IsCancellationRequested)
            {
                refused = true;
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                // Whatever went wrong with the server, the kiosk keeps serving from its copy and tries again.
                log.LogInformation("Server not reachable ({Error}); working offline.", e.GetType().Name);
                interval = backoff;
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(options.Value.SyncSeconds).Ticks));
            }
            try
            {
                if (refused)
                {
                    await DisconnectHubAsync();
                    await trust.WithdrawAsync("key refused by the server", time.GetUtcNow(), stop);
                }
                if (trust.Withdrawn is not null) await trust.CompactIfOwedAsync(stop);
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                log.LogWarning(e, "Standing down after the server refused this kiosk did not finish; tried again next round.");
            }
            if (!again) await _wake.WaitAsync(interval, stop).ContinueWith(_ => { }, TaskScheduler.Default);
            interval = TimeSpan.FromSeconds(options.Value.SyncSeconds);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_hub is not null) await _hub.DisposeAsync();
        await base.StopAsync(cancellationToken);
    }

    /// <summary>The code staff typed here, else the configured one.</summary>
    private async Task<string?> CodeAsync() =>
        await settings.GetAsync<string>(Settings.TypedCode) is { Length: > 0 } typed ? typed
        : string.IsNullOrWhiteSpace(options.Value.EnrolmentCode) ? null : options.Value.EnrolmentCode;

    /// <summary>
    /// True when the kiosk has an identity. A code other than the one the identity was enrolled with enrols
    /// afresh (a PC reused for the next event, or re-enrolled after a revocation): scans still waiting under
    /// the old identity are uploaded first while the server accepts it; once it refuses it, they are kept
    /// aside (orphaned, exportable), never sent under the new identity.
    /// </summary>
    private async Task<bool> EnrolAsync(CancellationToken ct)
    {
        var code = await CodeAsync();
        var key = await server.KeyAsync();
        if (code is null) return key is not null;
        var used = await settings.GetAsync<string>(Settings.EnrolledWithCode);
        if (key is not null && used is null)
        {
            // Enrolled before kiosks remembered their code: the configured code is the one it used.
            await settings.SetAsync(Settings.EnrolledWithCode, ServerLink.CodeHash(code), ct);
            return true;
        }
        if (key is not null && used == ServerLink.CodeHash(code)) return true;
        if (await settings.GetAsync<string>(Settings.RefusedCode) == ServerLink.CodeHash(code)) return key is not null;
        if (key is not null && trust.Withdrawn is null && await outbox.PendingCountAsync() > 0)
        {
            log.LogInformation("A new enrolment code waits until this kiosk's scans are uploaded under its current identity.");
            return true;
        }
        if (trust.Withdrawn is not null) await store.WriteAsync(KioskTrust.OrphanPendingAsync, ct);
        var answer = await server.EnrolAsync(code, ct);
        if (answer is null)
        {
            log.LogWarning("The enrolment code was refused (used, expired or mistyped); ask the organizer for a new one.");
            State = EnrolmentState.CodeRefused;
            await settings.SetAsync(Settings.RefusedCode, ServerLink.CodeHash(code), ct);
            await settings.SetAsync(Settings.TypedCode, "", ct);
            return key is not null;
        }
        log.LogInformation("Enrolled as terminal {TerminalId} of event {EventId}.", answer.TerminalId, answer.EventId);
        State = EnrolmentState.Enrolled;
        await settings.SetAsync(Settings.TypedCode, "", ct);
        if (key is not null || trust.Withdrawn is not null)
        {
            await DisconnectHubAsync();
            await trust.StartAfreshAsync(ct);
        }
        return true;
    }

    private async Task DisconnectHubAsync()
    {
        if (_hub is null) return;
        await _hub.DisposeAsync();
        _hub = null;
    }

    private async Task RefreshProfileAsync(CancellationToken ct)
    {
        var profile = await server.GetFromJsonAsync<TerminalProfile>("/api/terminal/profile", ct);
        var keys = await server.GetFromJsonAsync<List<PublicBadgeKey>>($"/api/events/{profile.EventId}/badge-keys", ct);
        await state.SetAsync(profile, keys, ct);
    }

    private async Task PullRosterAsync(CancellationToken ct)
    {
        var cursor = await settings.GetAsync<RosterCursor>(Settings.RosterCursor) ?? new RosterCursor(0, 0);
        var changed = false;
        while (true)
        {
            var page = await server.GetFromJsonAsync<RosterPage>($"/api/terminal/roster?since={cursor.Since}&after={cursor.After}", ct);
            var next = new RosterCursor(page.NextSince, page.NextAfter);
            var printJobs = await store.WriteAsync(async (c, tx) =>
            {
                var forgotten = await Roster.ForgetErasedAsync(c, tx, page.Attendees);
                await Roster.UpsertAsync(c, tx, page.Attendees);
                await Settings.SetAsync(c, tx, Settings.RosterCursor, next);
                if (page.Attendees.Any(a => a.Erased)) await Settings.SetAsync(c, tx, Settings.CompactionOwed, true);
                return forgotten;
            }, ct);
            DeletePreviews(printJobs);
            changed |= page.Attendees.Count > 0;
            cursor = next;
            if (page.Complete) break;
        }
        if (changed) state.OnRosterChanged();
        // Erased people's old values stay in the file's free space and WAL until it is rewritten. Owed
        // until done, so a failure or a restart in between only delays it to the next round.
        if (await settings.GetAsync<bool>(Settings.CompactionOwed))
        {
            await store.CompactAsync(ct);
            await settings.SetAsync(Settings.CompactionOwed, false, ct);
        }
    }

    /// <summary>The virtual printer's files of removed print jobs (a rendered badge shows the name).</summary>
    private void DeletePreviews(List<long> printJobs)
    {
        foreach (var id in printJobs)
            foreach (var extension in new[] { "bin", "svg" })
                File.Delete(Path.Combine(store.DataDirectory, "prints", $"{id}.{extension}"));
    }

    /// <summary>Keeps signed walk-in badges in stock while the server is reachable, for walk-ins during an outage.</summary>
    private async Task StockWalkInBadgesAsync(CancellationToken ct)
    {
        if (state.Profile is not { AllowsWalkIns: true }) return;
        var unused = await walkInBadges.UnusedAsync();
        if (unused >= WalkInBadges.Stock / 2) return;
        using var response = await server.PostAsync($"/api/terminal/walkin-badges?count={WalkInBadges.Stock - unused}", new { }, ct);
        if (!response.IsSuccessStatusCode) return; // walk-ins switched off meanwhile
        var grants = await response.Content.ReadFromJsonAsync<List<WalkInBadgeGrant>>(TerminalJson.Options, ct);
        await walkInBadges.AddAsync(grants ?? [], ct);
    }

    /// <summary>True when the server has roster changes this terminal has not fetched yet.</summary>
    private async Task<bool> HeartbeatAsync(CancellationToken ct)
    {
        var answeredUpTo = await outbox.AnsweredUpToAsync();
        var (scans, p50, p95) = timings.Read();
        var figures = new KioskFigures(await roster.CountAsync(), await outbox.OrphanedCountAsync(), scans, p50, p95);
        var beat = new TerminalHeartbeat(Kiosk.Shared.ProductVersion.Current, await outbox.PendingCountAsync(), printer.Current.State.ToString(), state.Mode(options.Value.Mode), figures);
        HeartbeatAnswer? answer = null;
        if (_hub is { State: HubConnectionState.Connected })
        {
            // A connection the network swallowed still says "connected" until its server timeout: ask no longer
            // than any request, then drop it and beat over HTTP (which also hears a refused key).
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(serverOptions.Value.TimeoutSeconds));
            try { answer = await _hub.InvokeAsync<HeartbeatAnswer>(TerminalHubNames.Heartbeat, beat, timeout.Token); }
            catch (Exception) when (!ct.IsCancellationRequested) { await DisconnectHubAsync(); }
        }
        if (answer is null)
        {
            using var response = await server.PostAsync("/api/terminal/heartbeat", beat, ct);
            response.EnsureSuccessStatusCode();
            answer = (await response.Content.ReadFromJsonAsync<HeartbeatAnswer>(TerminalJson.Options, ct))!;
        }
        await CatchUpWithLostDatabaseAsync(answeredUpTo, answer, ct);
        var cursor = await settings.GetAsync<RosterCursor>(Settings.RosterCursor);
        return answer.RosterSeq > (cursor?.Since ?? 0);
    }

    /// <summary>
    /// A server whose database went back in time (a power cut, a restored backup) lacks scans it answered and
    /// numbers new roster changes again from an older sequence: send those scans again, and copy the roster afresh.
    /// </summary>
    private async Task CatchUpWithLostDatabaseAsync(long answeredUpTo, HeartbeatAnswer answer, CancellationToken ct)
    {
        var known = await settings.GetAsync<Guid>(Settings.ServerGeneration);
        if (LostAnswers.ResendFrom(answeredUpTo, known, answer) is { } from)
        {
            var again = await outbox.SendAgainFromAsync(from, ct);
            log.LogWarning("The server's database lacks answered outbox items from {From} on (power cut or restore?); sending {Count} again.", from, again);
            outbox.Poke();
        }
        if (answer.DatabaseGeneration is { } generation && generation != Guid.Empty && generation != known)
            await settings.SetAsync(Settings.ServerGeneration, generation, ct);
        if (await settings.GetAsync<RosterCursor>(Settings.RosterCursor) is { } cursor && answer.RosterSeq < cursor.Since)
        {
            log.LogWarning("The server's roster is behind this kiosk's copy (restore?); copying it afresh.");
            await settings.SetAsync(Settings.RosterCursor, new RosterCursor(0, 0), ct);
        }
    }

    private async Task ConnectHubAsync()
    {
        if (_hub is not null) return;
        _hub = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, TerminalHubNames.Route), o => o.AccessTokenProvider = server.KeyAsync)
            .WithAutomaticReconnect(new ForeverRetry())
            .Build();
        _hub.On<long>(TerminalHubNames.RosterChanged, _ => Wake());
        _hub.On(TerminalHubNames.ProfileChanged, Wake);
        _hub.On(TerminalHubNames.ReprintOrdered, Wake);
        _hub.Reconnected += _ => { Wake(); return Task.CompletedTask; };
        // Not awaited to completion on failure: polling carries on, and the next round tries again with a
        // new connection (whatever the failure was: leaving a never-started hub behind would end the pushes for good).
        // No longer than a request may take: a start through a swallowed network would otherwise hold the round.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(serverOptions.Value.TimeoutSeconds));
        try { await _hub.StartAsync(timeout.Token); }
        catch (Exception)
        {
            await _hub.DisposeAsync();
            _hub = null;
        }
    }

    /// <summary>Reconnects forever, at most every 10 s: a kiosk outlives any outage.</summary>
    private sealed class ForeverRetry : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext context) =>
            TimeSpan.FromSeconds(Math.Min(10, 1 << (int)Math.Min(context.PreviousRetryCount, 4)));
    }
}

public enum EnrolmentState
{
    None,
    Enrolled,
    /// <summary>The last code was refused: used, expired or mistyped.</summary>
    CodeRefused,
}
