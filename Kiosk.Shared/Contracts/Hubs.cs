using Microsoft.AspNetCore.SignalR;

namespace Kiosk.Shared.Contracts;

/// <summary>
/// /hubs/terminal as it travels: the route and the method names are a public contract (README), spelled here
/// once for the server's hub and the kiosk's connection alike.
/// </summary>
public static class TerminalHubNames
{
    public const string Route = "/hubs/terminal";
    public const string RosterChanged = "rosterChanged";
    public const string ProfileChanged = "profileChanged";
    public const string ReprintOrdered = "reprintOrdered";

    /// <summary>The hub method a kiosk invokes, answered with a <see cref="HeartbeatAnswer"/>.</summary>
    public const string Heartbeat = "Heartbeat";
}

/// <summary>What the server pushes to a connected kiosk. Hints only: what a kiosk must not miss it also gets by asking.</summary>
public interface ITerminalClient
{
    /// <summary>Its event's roster changed up to <paramref name="seq"/>: fetch the delta.</summary>
    [HubMethodName(TerminalHubNames.RosterChanged)]
    Task RosterChanged(long seq);

    /// <summary>The kiosk's profile (e.g. its mode or the event's settings) changed: fetch it again.</summary>
    [HubMethodName(TerminalHubNames.ProfileChanged)]
    Task ProfileChanged();

    /// <summary>Staff ordered a reprint at this kiosk: fetch the pending orders.</summary>
    [HubMethodName(TerminalHubNames.ReprintOrdered)]
    Task ReprintOrdered();
}

/// <summary>/hubs/live as it travels: route, event choice and method names are a public contract (README).</summary>
public static class LiveHubNames
{
    public const string Route = "/hubs/live";

    /// <summary>Query parameter naming the one event a dashboard watches (<c>/hubs/live?eventId=7</c>); without it, every event.</summary>
    public const string EventQuery = "eventId";

    public const string OccupancyChanged = "occupancyChanged";
    public const string ArrivalsChanged = "arrivalsChanged";
    public const string TerminalsChanged = "terminalsChanged";
    public const string PrintBatchesChanged = "printBatchesChanged";
}

/// <summary>
/// What the server pushes to an organizer's dashboard. Hints: after a reconnect or a <see cref="OccupancyHint.Seq"/>
/// gap the dashboard fetches the snapshot (GET /api/events/{id}/dashboard).
/// </summary>
public interface ILiveClient
{
    /// <summary>Sent at once, one per change of a room's count.</summary>
    [HubMethodName(LiveHubNames.OccupancyChanged)]
    Task OccupancyChanged(OccupancyHint hint, CancellationToken cancellationToken = default);

    /// <summary>Sent at most once per tick per event, with fresh counts.</summary>
    [HubMethodName(LiveHubNames.ArrivalsChanged)]
    Task ArrivalsChanged(ArrivalsHint hint, CancellationToken cancellationToken = default);

    /// <summary>A kiosk's state changed (heartbeat, printer, outbox): sent at most once per tick per event.</summary>
    [HubMethodName(LiveHubNames.TerminalsChanged)]
    Task TerminalsChanged(TerminalsHint hint, CancellationToken cancellationToken = default);

    /// <summary>A badge of a print batch printed, or a batch was sent: sent at most once per tick per event.</summary>
    [HubMethodName(LiveHubNames.PrintBatchesChanged)]
    Task PrintBatchesChanged(PrintBatchesHint hint, CancellationToken cancellationToken = default);
}

/// <summary>A room's new count; <see cref="Seq"/> is the room's <see cref="RoomOccupancy.Seq"/>.</summary>
public sealed record OccupancyHint(int EventId, int RoomId, int Inside, int Capacity, long Seq);

/// <summary>How many registered attendees of the event have arrived.</summary>
public sealed record ArrivalsHint(int EventId, int Arrived, int Registered);

/// <summary>Some kiosk of the event changed; the snapshot has the details.</summary>
public sealed record TerminalsHint(int EventId);

/// <summary>A print batch of the event made progress; GET /api/events/{id}/print-batches has the counts.</summary>
public sealed record PrintBatchesHint(int EventId);
