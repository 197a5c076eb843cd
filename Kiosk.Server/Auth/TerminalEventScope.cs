using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Kiosk.Server.Auth;

/// <summary>
/// A terminal belongs to one event: on a route of another event (<c>{eventId}</c> in the path) it gets 403
/// <c>/problems/wrong-event</c>, whatever the route. Every policy carries this requirement (see <see cref="AuthSetup"/>),
/// so no route has to remember it. Routes that address an event's object by its own id (attendees, sessions, imports)
/// are for staff and organizers only; a terminal reaches its own event's objects through <c>/api/terminal/…</c>
/// and its scans (<c>/api/checkins</c>, <c>/api/presence</c>), which judge the badge or room against the terminal's event.
/// </summary>
public sealed class TerminalEventScope : AuthorizationHandler<TerminalEventScope>, IAuthorizationRequirement
{
    public const string RouteValue = "eventId";

    public static readonly TerminalEventScope Requirement = new();

    private TerminalEventScope() { }

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TerminalEventScope requirement)
    {
        if (context.User.TerminalEventId() is { } own && context.Resource is HttpContext http
            && http.GetRouteValue(RouteValue) is { } value && (!int.TryParse(value.ToString(), out var eventId) || eventId != own))
            context.Fail(new AuthorizationFailureReason(this, "The terminal belongs to another event."));
        else
            context.Succeed(requirement);
        return Task.CompletedTask;
    }

    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem() =>
        Problems.Make(StatusCodes.Status403Forbidden, "wrong-event", "This terminal belongs to another event.");
}

/// <summary>Answers a refusal by <see cref="TerminalEventScope"/> with its problem type; every other answer as usual.</summary>
internal sealed class WrongEventAnswer : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _usual = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result) =>
        result.Forbidden && result.AuthorizationFailure?.FailureReasons.Any(r => r.Handler is TerminalEventScope) == true
            ? TerminalEventScope.Problem().ExecuteAsync(context)
            : _usual.HandleAsync(next, context, policy, result);
}
