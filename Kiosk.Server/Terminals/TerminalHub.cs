using Kiosk.Server.Auth;
using Kiosk.Server.Data;
using Kiosk.Shared.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Kiosk.Server.Terminals;

/// <summary>
/// /hubs/terminal: each enrolled terminal stays connected to hear about roster changes at once and to
/// send its heartbeat. Messages are hints: a terminal that was disconnected asks for the delta over HTTP.
/// </summary>
[Authorize(Policy = Policies.Terminal)]
public sealed class TerminalHub(KioskDb db, Dashboard.LiveUpdates live, Operations.KioskMetrics metrics, TimeProvider time) : Hub<ITerminalClient>
{
    public const string Route = TerminalHubNames.Route;

    public static string EventGroup(int eventId) => $"event:{eventId}";
    public static string TerminalGroup(int terminalId) => $"terminal:{terminalId}";

    public override async Task OnConnectedAsync()
    {
        if (Context.User?.TerminalEventId() is { } eventId)
            await Groups.AddToGroupAsync(Context.ConnectionId, EventGroup(eventId));
        if (Context.User?.TerminalId() is { } terminalId)
            await Groups.AddToGroupAsync(Context.ConnectionId, TerminalGroup(terminalId));
        await base.OnConnectedAsync();
    }

    [HubMethodName(TerminalHubNames.Heartbeat)]
    public Task<HeartbeatAnswer> Heartbeat(TerminalHeartbeat heartbeat) =>
        TerminalHeartbeats.RecordAsync(db, live, metrics, Context.User!, heartbeat, time.GetUtcNow(), Context.ConnectionAborted);
}

/// <summary>
/// Pushes to terminals; what a terminal must not miss it also gets by asking. Roster changes go to every
/// terminal of the event, the rest to the one terminal concerned.
/// </summary>
public sealed class TerminalPushes(IHubContext<TerminalHub, ITerminalClient> hub)
{
    public Task RosterChangedAsync(int eventId, long seq) =>
        hub.Clients.Group(TerminalHub.EventGroup(eventId)).RosterChanged(seq);

    /// <summary>Staff ordered a reprint at this kiosk: it fetches its pending orders.</summary>
    public Task ReprintOrderedAsync(int terminalId) =>
        hub.Clients.Group(TerminalHub.TerminalGroup(terminalId)).ReprintOrdered();

    /// <summary>The terminal's profile (e.g. its assigned mode) changed: it fetches it again.</summary>
    public Task ProfileChangedAsync(int terminalId) =>
        hub.Clients.Group(TerminalHub.TerminalGroup(terminalId)).ProfileChanged();
}
