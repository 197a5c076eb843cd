using System.Text.RegularExpressions;
using Kiosk.Server.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Server.Tests.Fuzz;

/// <summary>Who calls: nobody, a kiosk of the fair, a kiosk of another fair, help-desk staff, an organizer.</summary>
public enum Caller { Anonymous, Terminal, OtherEventTerminal, Staff, Organizer }

/// <summary>Who may call a route, read from the server's own endpoint metadata (policies and their roles).</summary>
public sealed record RouteAccess(bool Anonymous, IReadOnlySet<string>? Roles, bool EventScoped)
{
    /// <summary>Routes meant to be open; any other route without authorization metadata fails the test.</summary>
    public static readonly HashSet<string> OpenOnPurpose = ["POST /api/auth/login", "POST /api/auth/token", "POST /api/auth/logout", "POST /api/terminals/enrol"];

    public bool Allows(Caller caller) => caller switch
    {
        _ when Anonymous => true,
        Caller.Anonymous => false,
        Caller.OtherEventTerminal => !EventScoped && HasRole(KioskClaims.TerminalRole),
        Caller.Terminal => HasRole(KioskClaims.TerminalRole),
        Caller.Staff => HasRole(Kiosk.Server.Staff.Roles.Staff),
        _ => HasRole(Kiosk.Server.Staff.Roles.Organizer),
    };

    public bool HasRole(string role) => Roles is null || Roles.Contains(role);

    /// <summary>"GET /api/events/{eventId}" → access, for every route endpoint.</summary>
    public static async Task<Dictionary<string, RouteAccess?>> ReadAsync(IServiceProvider services)
    {
        var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var result = new Dictionary<string, RouteAccess?>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = Normalise(endpoint.RoutePattern.RawText ?? "");
            var eventScoped = endpoint.RoutePattern.Parameters.Any(p => p.Name == TerminalEventScope.RouteValue);
            RouteAccess? access;
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) access = new RouteAccess(true, null, eventScoped);
            else
            {
                var policy = await AuthorizationPolicy.CombineAsync(policies, endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
                // No metadata at all: open to anyone; null tells the test to check it is open on purpose.
                access = policy is null ? null : new RouteAccess(false, RolesOf(policy), eventScoped);
            }
            foreach (var method in endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods ?? [])
                result[$"{method} {path}"] = access;
        }
        return result;
    }

    private static HashSet<string>? RolesOf(AuthorizationPolicy policy)
    {
        HashSet<string>? roles = null;
        foreach (var requirement in policy.Requirements.OfType<RolesAuthorizationRequirement>())
            if (roles is null) roles = [.. requirement.AllowedRoles];
            else roles.IntersectWith(requirement.AllowedRoles);
        return roles;
    }

    public static string Normalise(string path)
    {
        var p = Regex.Replace(path, @"\{(\w+)(:[^}]*)?\}", "{$1}");
        return p.Length > 1 ? p.TrimEnd('/') : p;
    }
}
