using System.Security.Claims;
using Kiosk.Server.Auth;
using Kiosk.Server.Data;
using Kiosk.Shared.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Terminals;

/// <summary>A terminal's periodic sign of life, over SignalR or HTTP: stored for the organizers' kiosk view.</summary>
public static class TerminalHeartbeats
{
    public static async Task<HeartbeatAnswer> RecordAsync(KioskDb db, Dashboard.LiveUpdates live, Operations.KioskMetrics metrics, ClaimsPrincipal terminal, TerminalHeartbeat heartbeat, DateTimeOffset now, CancellationToken ct)
    {
        var terminalId = terminal.TerminalId() ?? throw new InvalidOperationException("Only terminals send heartbeats.");
        var eventId = terminal.TerminalEventId()!.Value;
        await db.Terminals.Where(t => t.Id == terminalId).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.LastSeenAt, now)
            .SetProperty(t => t.AppVersion, Clip(heartbeat.AppVersion, 50))
            .SetProperty(t => t.OutboxLength, Math.Max(0, heartbeat.Outbox))
            .SetProperty(t => t.PrinterState, Clip(heartbeat.PrinterState, 20))
            .SetProperty(t => t.Mode, Clip(heartbeat.Mode, 20)), ct);
        live.TerminalsChanged(eventId);
        metrics.Heartbeat(terminalId, eventId, heartbeat);
        var seq = await db.Events.Where(e => e.Id == eventId).Select(e => e.RosterSeq).FirstAsync(ct);
        var mark = await db.Terminals.Where(t => t.Id == terminalId).Select(t => t.OutboxMark).FirstAsync(ct);
        return new HeartbeatAnswer(seq, now, await DatabaseGeneration.ReadAsync(db, now, ct), mark);
    }

    /// <summary>Heartbeats come over SignalR too, where no request validation runs: whatever a kiosk sends is made storable.</summary>
    private static string? Clip(string? value, int max) =>
        value is null ? null : new string(value.Take(max).Where(c => !char.IsControl(c)).ToArray());
}
