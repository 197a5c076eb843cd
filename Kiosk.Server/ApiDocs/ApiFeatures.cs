using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Kiosk.Server.ApiDocs;

/// <summary>
/// The features of the API, each one tag of the OpenAPI document, in the order the reference shows them. A route
/// is mapped through <see cref="MapFeature"/>, which also describes the problems the pipeline gives before the
/// handler runs (sign-in, role, rate limit, unreadable body), read from the route's own metadata so they cannot
/// drift from what the server does. The handler's own problems each route names with <see cref="ProducesProblems"/>.
/// </summary>
public static class ApiFeatures
{
    public static readonly IReadOnlyList<(string Tag, string Description)> All =
    [
        ("Auth", "Sign-in for the web pages (cookie) and bearer tokens for scripts."),
        ("Accounts", "Accounts of organizers and help-desk staff."),
        ("Events", "Events, their kiosk settings and the keys that sign their badges."),
        ("Imports", "Registrations read from CSV files, directly or as a background run."),
        ("Registration", "Online sign-up: the public form, its double opt-in, and the organizer's settings and list."),
        ("Attendees", "Attendees, their badge tokens and QR codes, and the name search."),
        ("Terminals", "Kiosk terminals: enrolment codes, enrolment, mode and revocation."),
        ("Terminal sync", "What an enrolled kiosk asks for itself: profile, roster deltas, heartbeat, reprint orders."),
        ("Check-in", "Scans at the entrance, by kiosks and the help desk."),
        ("Walk-ins", "Registration at the kiosk with badges signed in advance."),
        ("Rooms", "Rooms, their sessions and seats booked in advance."),
        ("Presence", "Door scans into and out of rooms."),
        ("Dashboard", "The organizers' live dashboard."),
        ("Help desk", "One attendee's story and the acts that change it: corrections, reprints, reissues, undos, conflict reviews."),
        ("Reports", "Session, room and timeline reports as JSON, CSV and XLSX."),
        ("Certificates", "Attendance certificates of a session."),
        ("Privacy", "Data subject rights: Art. 15 export and Art. 17 erasure."),
        ("Audit", "The audit log, read only."),
        ("Mail", "Confirmation mails."),
        ("Operations", "What the server says about itself."),
    ];

    /// <summary>A group of one feature's routes under <paramref name="prefix"/> ("" for routes with their whole path).</summary>
    public static RouteGroupBuilder MapFeature(this IEndpointRouteBuilder app, string prefix, string tag)
    {
        if (!All.Any(f => f.Tag == tag)) throw new ArgumentException($"'{tag}' is not a feature of {nameof(ApiFeatures)}.{nameof(All)}.", nameof(tag));
        var group = app.MapGroup(prefix).WithTags(tag);
        ((IEndpointConventionBuilder)group).Finally(DescribePipelineProblems);
        return group;
    }

    /// <summary>Problem answers the handler itself gives (400 invalid, 404 not found, 409 conflict, 413 too large, …).</summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statusCodes) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statusCodes) builder.ProducesProblem(status);
        return builder;
    }

    /// <summary>A file or page the route answers with (a report, a QR code, a printable certificate).</summary>
    public static TBuilder ProducesFile<TBuilder>(this TBuilder builder, string contentType) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(Stream), [contentType]));

    /// <summary>A problem answer of the handler, with what it means for the caller (its problem types, when to expect it).</summary>
    public static TBuilder Refuses<TBuilder>(this TBuilder builder, int statusCode, string description) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProducesResponseTypeMetadata(statusCode, typeof(ProblemDetails), [ProblemJson]) { Description = description });

    /// <summary>
    /// 401 on a route that needs a sign-in; 403 where a role is needed or a terminal of another event is turned
    /// away (<c>/problems/wrong-event</c>); 429 behind a rate limit; 400 with field errors where a JSON body is read.
    /// </summary>
    private static void DescribePipelineProblems(EndpointBuilder endpoint)
    {
        var metadata = endpoint.Metadata;
        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        var signInNeeded = !metadata.OfType<IAllowAnonymous>().Any() && (authorize.Count > 0 || metadata.OfType<AuthorizationPolicy>().Any());
        if (signInNeeded)
        {
            Problem(metadata, StatusCodes.Status401Unauthorized, "Not signed in, or the token or terminal key is unknown, expired or revoked.");
            var eventScoped = endpoint is RouteEndpointBuilder route && route.RoutePattern.Parameters.Any(p => p.Name == Auth.TerminalEventScope.RouteValue);
            var roles = authorize.Any(a => a.Policy is not null || a.Roles is not null);
            if (eventScoped || roles)
                Problem(metadata, StatusCodes.Status403Forbidden, string.Join(" ", new[]
                {
                    roles ? "Signed in, but not in a role this route admits." : null,
                    eventScoped ? "A terminal of another event gets `/problems/wrong-event`." : null,
                }.OfType<string>()));
        }
        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
            Problem(metadata, StatusCodes.Status429TooManyRequests, "Too many requests from this caller (limits under `RateLimits` in the configuration); try again shortly.");
        var own = metadata.OfType<IProducesResponseTypeMetadata>().Where(p => p.StatusCode == StatusCodes.Status400BadRequest).ToList();
        var jsonBody = metadata.OfType<IAcceptsMetadata>().Any(a => a.ContentTypes.Any(c => c.Contains("json", StringComparison.OrdinalIgnoreCase)));
        if (jsonBody || own.Any(o => o.Type == typeof(HttpValidationProblemDetails)))
        {
            // The handler's own 400s have the shape of the validation problem without "errors": one response describes both.
            foreach (var answer in own) metadata.Remove(answer);
            var descriptions = own.Select(o => o.Description).Where(d => !string.IsNullOrEmpty(d)).Prepend(jsonBody
                ? "The body is not the JSON this route takes, or a field breaks its rule (`/problems/validation`, with `errors`)."
                : null).OfType<string>();
            metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails), [ProblemJson])
            {
                Description = string.Join(" ", descriptions) is { Length: > 0 } text ? text : null,
            });
        }
    }

    private const string ProblemJson = "application/problem+json";

    private static void Problem(IList<object> metadata, int status, string description)
    {
        if (!metadata.OfType<IProducesResponseTypeMetadata>().Any(p => p.StatusCode == status))
            metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), [ProblemJson]) { Description = description });
    }
}
