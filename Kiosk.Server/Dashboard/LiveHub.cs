using Kiosk.Server.Auth;
using Kiosk.Shared.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Kiosk.Server.Dashboard;

/// <summary>
/// /hubs/live: organizers' dashboards. Every message is a hint with a sequence number or a fresh count;
/// a dashboard that reconnects or sees a gap fetches the snapshot (GET /api/events/{id}/dashboard).
/// A dashboard names its event (<c>?eventId=7</c>) and hears only that event; a connection that names none
/// (an older dashboard, a tool) hears every event, as before. Organizers only, whichever they name.
/// </summary>
[Authorize(Policy = Policies.Organizer)]
public sealed class LiveHub : Hub<ILiveClient>
{
    public const string Route = LiveHubNames.Route;

    /// <summary>Connections that named no event.</summary>
    public const string EveryEventGroup = "every-event";

    public static string EventGroup(int eventId) => $"event:{eventId}";

    public override async Task OnConnectedAsync()
    {
        var named = Context.GetHttpContext()?.Request.Query[LiveHubNames.EventQuery].ToString();
        var group = string.IsNullOrEmpty(named) ? EveryEventGroup
            : int.TryParse(named, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var eventId) && eventId > 0 ? EventGroup(eventId)
            : throw new HubException($"{LiveHubNames.EventQuery} must be an event's id.");
        await Groups.AddToGroupAsync(Context.ConnectionId, group);
        await base.OnConnectedAsync();
    }
}
