namespace Kiosk.Server.Auth;

/// <summary>
/// Browser protections on every answer, pages and APIs alike: scripts, styles and connections from this
/// server only (the pages keep no inline script or style), never framed (the login form cannot be laid
/// under someone else's page), no content-type guessing, no addresses with a name search leaving the site.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>'self' covers the dashboard's WebSocket to the same host (ws:/wss:) in current browsers.</summary>
    public const string StrictPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; font-src 'self'; " +
        "manifest-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>
    /// Hangfire's dashboard (/jobs) writes inline scripts and styles and data: images, none of which we can
    /// change; organizers only, and still never framed.
    /// </summary>
    public const string JobDashboardPolicy =
        "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; font-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>
    /// The API reference at /api/docs (Scalar, organizers only) starts itself with one inline module script, admitted
    /// by the nonce Scalar writes on it, fresh for every answer; its UI sets inline styles and data: icons as it
    /// renders, which we cannot change. Scripts, connections and fonts stay with this server, and it is never framed.
    /// </summary>
    public static string ApiReferencePolicy(string? nonce) =>
        $"default-src 'none'; script-src 'self'{(nonce is null ? "" : $" 'nonce-{nonce}'")}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; font-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>Outermost in the pipeline; a response that brings its own policy (a printable page) keeps it.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, PathString jobDashboard) => app.Use((context, next) =>
    {
        // Chosen now: Hangfire moves its prefix into PathBase while it answers.
        var policy = context.Request.Path.StartsWithSegments(jobDashboard) ? JobDashboardPolicy : StrictPolicy;
        var apiReference = context.Request.Path.StartsWithSegments(ApiDocs.ApiReference.DocsPath);
        // Set when the answer starts: the exception handler clears headers set earlier.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            if (!headers.ContainsKey("Content-Security-Policy"))
                headers.ContentSecurityPolicy = apiReference ? ApiReferencePolicy(ApiDocs.ApiReference.NonceOf(context)) : policy;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            // A page that hands nothing on at all (a personal one) keeps its stricter policy.
            if (!headers.ContainsKey("Referrer-Policy")) headers["Referrer-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    });
}
