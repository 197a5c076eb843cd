using System.Threading.RateLimiting;
using Kiosk.Server.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Kiosk.Server.Auth;

public static class AuthSetup
{
    private const string Smart = "CookieOrBearer";

    public static IServiceCollection AddAuth(this IServiceCollection services)
    {
        services.AddSingleton<BearerKeyCache>();
        services.AddAuthentication(Smart)
            .AddPolicyScheme(Smart, Smart, o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? BearerKeyHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerKeyHandler>(BearerKeyHandler.SchemeName, null)
            .AddCookie(o =>
            {
                o.Cookie.Name = "kiosk.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                // Secure whenever the sign-in came over https; plain http stays usable on a closed venue network.
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                // The sign-in page reads its return address from "return" (a page that finds itself signed out sends it there too).
                o.LoginPath = "/login/";
                o.ReturnUrlParameter = "return";
                // APIs answer 401/403; only pages redirect to the login form.
                o.Events.OnRedirectToLogin = ctx => Answer(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => Answer(ctx, StatusCodes.Status403Forbidden);
            });

        // Every policy, the default one too, keeps terminals to their own event's routes.
        services.AddSingleton<IAuthorizationHandler>(TerminalEventScope.Requirement);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, WrongEventAnswer>();
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(TerminalEventScope.Requirement).Build())
            .AddPolicy(Policies.Organizer, p => p.RequireRole(Roles.Organizer).AddRequirements(TerminalEventScope.Requirement))
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Organizer, Roles.Staff).AddRequirements(TerminalEventScope.Requirement))
            .AddPolicy(Policies.Terminal, p => p.RequireRole(KioskClaims.TerminalRole).AddRequirements(TerminalEventScope.Requirement))
            .AddPolicy(Policies.TerminalOrStaff, p => p.RequireRole(Roles.Organizer, Roles.Staff, KioskClaims.TerminalRole).AddRequirements(TerminalEventScope.Requirement));

        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Read per request from the validated options, so a limit is never taken from unvalidated configuration.
        static RateLimitOptions Limits(HttpContext ctx) => ctx.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RateLimits.Login, ctx => PerMinute($"login:{ctx.Connection.RemoteIpAddress}", Limits(ctx).LoginPerMinute));
            o.AddPolicy(RateLimits.Enrol, ctx => PerMinute($"enrol:{ctx.Connection.RemoteIpAddress}", Limits(ctx).EnrolPerMinute));
            o.AddPolicy(RateLimits.Search, ctx => PerSecond($"search:{ctx.User.Actor()}", Limits(ctx).SearchPerSecond));
            o.AddPolicy(RateLimits.CheckIn, ctx => PerSecond($"checkin:{ctx.User.Actor()}", Limits(ctx).CheckInPerSecond));
        });
        return services;
    }

    /// <summary>Sign-in, tokens, and signed-out page requests sent to the sign-in page first.</summary>
    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        app.MapAuthEndpoints();
        return app;
    }

    private static Task Answer(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        // The API reference is a page under /api: a visitor not signed in is sent to the sign-in page and back.
        var page = status == StatusCodes.Status401Unauthorized && ApiDocs.ApiReference.IsPage(ctx.Request.Path);
        if (ctx.Request.Path.StartsWithSegments("/api") && !page) ctx.Response.StatusCode = status;
        else ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        });

    private static RateLimitPartition<string> PerSecond(string key, int permits) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = permits * 2, TokensPerPeriod = permits, ReplenishmentPeriod = TimeSpan.FromSeconds(1), QueueLimit = 0,
        });
}

public static class RateLimits
{
    public const string Login = "login";
    public const string Enrol = "enrol";
    public const string Search = "search";
    public const string CheckIn = "checkin";
}

/// <summary>Section "RateLimits". Login and enrolment per client address; search and check-in per terminal or user.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    [System.ComponentModel.DataAnnotations.Range(1, int.MaxValue)]
    public int LoginPerMinute { get; set; } = 10;

    [System.ComponentModel.DataAnnotations.Range(1, int.MaxValue)]
    public int EnrolPerMinute { get; set; } = 10;

    [System.ComponentModel.DataAnnotations.Range(1, int.MaxValue)]
    public int SearchPerSecond { get; set; } = 5;

    /// <summary>Generous: a terminal flushing its outbox after an outage sends a burst.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, int.MaxValue)]
    public int CheckInPerSecond { get; set; } = 100;
}
