using Kiosk.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Kiosk.Server.Dashboard;

/// <summary>
/// /hubs/live: organizers' dashboards. Every message is a hint with a sequence number or a fresh count;
/// a dashboard that reconnects or sees a gap fetches the snapshot (GET /api/events/{id}/dashboard).
/// </summary>
[Authorize(Policy = Policies.Organizer)]
public sealed class LiveHub : Hub
{
    public const string Route = "/hubs/live";
}
