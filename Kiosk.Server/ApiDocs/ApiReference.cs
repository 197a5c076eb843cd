using Kiosk.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Kiosk.Server.ApiDocs;

/// <summary>
/// The API describes itself: the OpenAPI document at /openapi/v1.json (public, as it always was; committed as
/// docs/openapi.json) and, for organizers, a reference page at /api/docs rendered by Scalar from files this
/// server serves itself, so it works on a venue network without internet.
/// </summary>
public static class ApiReference
{
    public const string DocsPath = "/api/docs";
    public const string DocumentPath = "/openapi/v1.json";

    private const string Overview = """
        The registration server of the Kiosk system: events, attendees, badges, kiosks, check-in, rooms, reports.

        **Signing in.** Web pages use the cookie from `POST /api/auth/login`; scripts send
        `Authorization: Bearer <token>` with a token from `POST /api/auth/token` (7 days); kiosks send their terminal
        key (`ktk_…`) the same way. Each operation says who may call it.

        **Errors** are RFC 9457 problem details (`application/problem+json`) whose `type` is stable per kind of error
        (`/problems/client-scan-id`, `/problems/import-unreadable`, …): clients branch on `type` and show `title` and
        `detail`. A body that is not the JSON a route takes (malformed, wrong types, missing) gets 400; one that breaks a
        field's rule (required, length, range, enum value, control characters in a name) gets 400
        `{type: "/problems/validation", title, status, detail, errors: {field: ["message", …]}}` (`detail`: the messages
        in one line) before the route does anything. A terminal gets 403 `/problems/wrong-event` on every route of
        another event than its own (`/api/events/{eventId}/…`).

        The SignalR hubs `/hubs/terminal` (kiosks) and `/hubs/live` (organizers) are described in the README, under
        "Using the API".
        """;

    public static IServiceCollection AddKioskOpenApi(this IServiceCollection services) => services.AddOpenApi(o =>
    {
        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo { Title = "Kiosk API", Version = "v1", Description = Overview };
            document.Tags = new HashSet<OpenApiTag>(ApiFeatures.All.Select(f => new OpenApiTag { Name = f.Tag, Description = f.Description }));
            // No server address: every venue runs its own; the reference page calls the server that serves it.
            document.Servers = [];
            return Task.CompletedTask;
        });
        // A conflict is written as its words ("over capacity", or door rules joined: "not checked in, over capacity").
        o.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type != typeof(Kiosk.Shared.Contracts.ScanConflict)) return Task.CompletedTask;
            schema.Type = JsonSchemaType.String | JsonSchemaType.Null;
            schema.Properties?.Clear();
            schema.Description = "What a late upload found: \"printed twice\" (uploaded late), or the door rules it broke, " +
                "joined by \", \" in this order: \"not checked in\", \"not booked\", \"over capacity\". Null when nothing is flagged.";
            return Task.CompletedTask;
        });
        o.AddOperationTransformer(async (operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var eventScoped = context.Description.ParameterDescriptions.Any(p => p.Name == TerminalEventScope.RouteValue);
            var who = await WhoMayCallAsync(metadata, eventScoped, context.ApplicationServices);
            operation.Description = operation.Description is { Length: > 0 } own ? $"{who}\n\n{own}" : who;
            // What each problem answer means for this route (see ApiFeatures.Refuses), where the route says.
            foreach (var answer in metadata.OfType<IProducesResponseTypeMetadata>().Where(a => !string.IsNullOrEmpty(a.Description)))
                if (operation.Responses?.TryGetValue(answer.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response) == true && response is OpenApiResponse r)
                    r.Description = answer.Description;
            // Success first, then the problems by status code.
            if (operation.Responses is { Count: > 1 } responses)
            {
                var sorted = responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
                responses.Clear();
                foreach (var (status, response) in sorted) responses[status] = response;
            }
        });
    });

    /// <summary>The document (public) and the reference page (organizers; the sign-in page first, see <see cref="AuthSetup"/>).</summary>
    public static void MapKioskApiReference(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference(DocsPath, o => o
                .WithTitle("Kiosk API")
                // Nothing from outside: no web fonts, no telemetry, no AI chat; test requests go straight here (no proxy is set).
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                // Its toolbar offers Scalar's hosted services (share, SDKs, deploy): not for a venue network.
                .HideDeveloperTools()
                .WithJavaScriptConfiguration("/api-docs/reference.js")
                .WithCustomCss(ReadableColours)
                // A fresh nonce for the page's one inline script, named in its Content-Security-Policy (SecurityHeaders).
                .WithNonce())
            .RequireAuthorization(Policies.Organizer);
    }

    /// <summary>
    /// Scalar's light theme writes HTTP methods and hints in colours too faint on its grey (axe-core: 3–3.9:1);
    /// these reach 4.5:1.
    /// </summary>
    private const string ReadableColours = """
        .light-mode {
          --scalar-color-3: #6b6b6b !important;
          --scalar-color-green: #00704a !important;
          --scalar-color-red: #c20005 !important;
          --scalar-color-yellow: #7a5c00 !important;
          --scalar-color-orange: #b34000 !important;
        }
        """;

    /// <summary>The reference page itself (not its scripts), which a browser opens.</summary>
    public static bool IsPage(PathString path) => path == DocsPath || path == DocsPath + "/";

    /// <summary>The nonce Scalar wrote on the reference page's inline script, if this answer is that page.</summary>
    public static string? NonceOf(HttpContext context) => context.Items[ScalarOptions.NonceHttpContextItemKey] as string;

    private static async Task<string> WhoMayCallAsync(IList<object> metadata, bool eventScoped, IServiceProvider services)
    {
        if (metadata.OfType<IAllowAnonymous>().Any()) return "**Who may call:** anyone.";
        var policy = await AuthorizationPolicy.CombineAsync(services.GetRequiredService<IAuthorizationPolicyProvider>(),
            metadata.OfType<IAuthorizeData>(), metadata.OfType<AuthorizationPolicy>());
        if (policy is null) return "**Who may call:** anyone.";
        var roles = policy.Requirements.OfType<RolesAuthorizationRequirement>().Select(r => r.AllowedRoles.ToHashSet()).Aggregate((HashSet<string>?)null,
            (all, next) => all is null ? next : [.. all.Intersect(next)]);
        if (roles is null) return "**Who may call:** anyone signed in (cookie, script token or terminal key).";
        var names = new List<string>();
        if (roles.Contains(Staff.Roles.Organizer)) names.Add("organizers");
        if (roles.Contains(Staff.Roles.Staff)) names.Add("help-desk staff");
        if (roles.Contains(KioskClaims.TerminalRole))
            names.Add(eventScoped ? "kiosk terminals of this event" : "kiosk terminals");
        return $"**Who may call:** {string.Join(", ", names)}.";
    }
}
