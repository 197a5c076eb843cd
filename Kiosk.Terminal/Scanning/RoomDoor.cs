using Kiosk.Shared.Contracts;
using Kiosk.Terminal.Offline;
using Microsoft.Extensions.Options;

namespace Kiosk.Terminal.Scanning;

/// <summary>
/// A kiosk at a room's door. Only the server knows how full a room is across all its doors, so a scan asks
/// it first, briefly (Terminal:DoorAskMilliseconds). When it does not answer in time the door decides alone — a
/// genuine, known badge gets in — and the scan goes to the outbox; the server counts it when it arrives
/// and flags it if it broke a rule. A lost answer costs nothing: the outbox resends the same client scan id.
/// Answered scans are kept in the outbox too, so that they can go again should the server's database lose them.
/// </summary>
public sealed class RoomDoor(TerminalState state, Roster roster, Outbox outbox, ServerLink server,
    DuplicateReads duplicates, IOptions<TerminalOptions> options, KioskClock clock, TimeProvider time)
{
    private RoomOccupancy? _lastKnown;

    public async Task<ScanAnswer> ScanAsync(string text, CancellationToken ct)
    {
        var code = text.Trim();
        if (duplicates.IsRepeat(code)) return new ScanAnswer(ScanResult.Ignored);
        if (state.Profile is not { } profile || options.Value.RoomId is not { } roomId) return new ScanAnswer(ScanResult.OutOfOrder);
        if (state.Keys.Check(code, time.GetUtcNow(), out var token) != Kiosk.Shared.Badges.BadgeTokenCheck.Valid)
            return Refused(ScanResult.Invalid, PresenceDecision.Invalid);
        var person = await roster.FindByBadgeAsync(token.Claims.BadgeId);
        if (person is null) return Refused(ScanResult.Unknown, PresenceDecision.Unknown);
        var local = AdmissionRules.Decide(person, token.Claims.BadgeVersion);
        if (local is ScanResult.Revoked or ScanResult.Cancelled)
            return Refused(local, local == ScanResult.Revoked ? PresenceDecision.Revoked : PresenceDecision.Cancelled);

        var direction = state.Mode(options.Value.Mode) switch
        {
            TerminalModes.RoomEntrance => PresenceDirection.In,
            TerminalModes.RoomExit => PresenceDirection.Out,
            _ => PresenceDirection.Toggle,
        };
        var scanned = clock.At(time.GetUtcNow());
        var request = new PresenceRequest(code, null, false, roomId, direction, Guid.NewGuid(), scanned.At);
        var place = await outbox.AddAskingAsync(request, scanned, ct);
        if (await AskServerAsync(request, place, ct) is var (answer, json))
        {
            await outbox.MarkSentAsync(place.Seq, json, time.GetUtcNow());
            _lastKnown = answer.Room;
            var ok = answer.Decision is PresenceDecision.Admitted or PresenceDecision.Left or PresenceDecision.NotInside;
            return new ScanAnswer(ok ? ScanResult.Welcome : ScanResult.Invalid, person.DisplayName,
                Room: new RoomAnswer(answer.Decision, answer.Room.Name, answer.Room.Inside, answer.Room.Capacity, Offline: false));
        }

        await outbox.PutInLineAsync(place.Seq, ct);
        outbox.Poke();
        var decision = direction == PresenceDirection.Out ? PresenceDecision.Left : PresenceDecision.Admitted;
        var last = _lastKnown;
        var inside = Math.Max(0, (last?.Inside ?? 0) + (decision == PresenceDecision.Left ? -1 : 1));
        _lastKnown = last is null ? null : last with { Inside = inside };
        return new ScanAnswer(ScanResult.Welcome, person.DisplayName,
            Room: new RoomAnswer(decision, last?.Name, inside, last?.Capacity ?? 0, Offline: true));
    }

    /// <summary>The server's answer and its text as kept in the outbox; null when there is none in time.</summary>
    private async Task<(PresenceResponse, string)?> AskServerAsync(PresenceRequest request, OutboxPlace place, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromMilliseconds(options.Value.DoorAskMilliseconds));
        try
        {
            using var response = await server.PostAsync("/api/presence", request, deadline.Token, place);
            if (!response.IsSuccessStatusCode) return null;
            var json = await response.Content.ReadAsStringAsync(deadline.Token);
            return System.Text.Json.JsonSerializer.Deserialize<PresenceResponse>(json, TerminalJson.Options) is { } answer ? (answer, json) : null;
        }
        // Whatever stands between the door and an answer (no route, a reset, a bare SocketException that
        // HttpClient lets through when the peer vanishes mid-connect, a garbled body), the door decides alone.
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private ScanAnswer Refused(ScanResult result, PresenceDecision decision) =>
        new(result, Room: new RoomAnswer(decision, _lastKnown?.Name, _lastKnown?.Inside ?? 0, _lastKnown?.Capacity ?? 0, Offline: !server.Online));
}
