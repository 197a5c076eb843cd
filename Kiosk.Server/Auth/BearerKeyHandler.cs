using System.Security.Claims;
using System.Text.Encodings.Web;
using Kiosk.Server.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Kiosk.Server.Auth;

/// <summary>
/// "Authorization: Bearer &lt;key&gt;" for terminals (ktk_…) and scripts (kut_…). Keys are looked up by
/// hash and the answer is cached briefly, so the check-in hot path does not query for every scan;
/// revocation evicts the cache entry on this instance and other instances follow within the cache time.
/// </summary>
internal sealed class BearerKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IServiceScopeFactory scopes,
    BearerKeyCache cache,
    TimeProvider time) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var secret = header["Bearer ".Length..].Trim();
        // Not one of our key formats (the metrics scrape token, say): not ours to refuse, and no log line per scrape.
        if (!secret.StartsWith(Secrets.TerminalKeyPrefix, StringComparison.Ordinal) && !secret.StartsWith(Secrets.UserTokenPrefix, StringComparison.Ordinal))
            return AuthenticateResult.NoResult();
        var hash = Secrets.Hash(secret);

        var principal = cache.Get(hash) ?? await LookUpAsync(secret, hash);
        return principal is null
            ? AuthenticateResult.Fail("Unknown, expired or revoked key.")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>
    /// A terminal key the server does not accept gets a problem the kiosk recognises as "no longer trusted"
    /// (it then stands down and deletes its roster copy); other challenges stay plain 401s.
    /// </summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var header = Request.Headers.Authorization.ToString();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        if (!header.StartsWith("Bearer " + Secrets.TerminalKeyPrefix, StringComparison.OrdinalIgnoreCase)) return;
        await Response.WriteAsJsonAsync(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Type = Kiosk.Shared.Contracts.TerminalKeys.RefusedProblemType,
            Title = "This kiosk's key is revoked or unknown to this server; enrol the kiosk again with a new code.",
            Status = StatusCodes.Status401Unauthorized,
        }, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    private async Task<ClaimsPrincipal?> LookUpAsync(string secret, string hash)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KioskDb>();
        var now = time.GetUtcNow();

        if (secret.StartsWith(Secrets.TerminalKeyPrefix, StringComparison.Ordinal))
        {
            var terminal = await db.Terminals.AsNoTracking()
                .Where(t => t.KeyHash == hash && t.RevokedAt == null)
                .Select(t => new { t.Id, t.EventId, t.Name })
                .FirstOrDefaultAsync();
            if (terminal is null) return null;
            var identity = new ClaimsIdentity([
                new Claim(ClaimTypes.Name, $"terminal:{terminal.Id}"),
                new Claim(ClaimTypes.Role, KioskClaims.TerminalRole),
                new Claim(KioskClaims.TerminalId, terminal.Id.ToString()),
                new Claim(KioskClaims.EventId, terminal.EventId.ToString()),
            ], SchemeName);
            return cache.Put(hash, new ClaimsPrincipal(identity), now + BearerKeyCache.Lifetime);
        }

        if (secret.StartsWith(Secrets.UserTokenPrefix, StringComparison.Ordinal))
        {
            var token = await db.ApiTokens.AsNoTracking()
                .Where(t => t.TokenHash == hash && t.ExpiresAt > now && !t.UserAccount!.Disabled)
                .Select(t => new { t.ExpiresAt, t.UserAccount!.Id, t.UserAccount.UserName, t.UserAccount.Role })
                .FirstOrDefaultAsync();
            if (token is null) return null;
            var principal = AccountPrincipal.Create(token.Id, token.UserName, token.Role, SchemeName);
            var until = token.ExpiresAt < now + BearerKeyCache.Lifetime ? token.ExpiresAt : now + BearerKeyCache.Lifetime;
            return cache.Put(hash, principal, until);
        }
        return null;
    }
}

/// <summary>Recently validated bearer keys, by hash.</summary>
public sealed class BearerKeyCache(IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    public ClaimsPrincipal? Get(string hash) => Refused(hash) ? null : cache.Get<ClaimsPrincipal>(("bearer", hash));

    /// <summary>Caches a key's principal, unless the key was revoked meanwhile (a lookup that began before the revocation).</summary>
    public ClaimsPrincipal Put(string hash, ClaimsPrincipal principal, DateTimeOffset until) =>
        Refused(hash) ? principal : cache.Set(("bearer", hash), principal, until);

    /// <summary>
    /// A revoked key: forgotten, and remembered as refused for twice the cache time, so a lookup still running when
    /// the revocation came cannot put it back (it did: a revoked kiosk stayed accepted for another 30 s).
    /// </summary>
    public void Evict(string hash)
    {
        cache.Set(("refused", hash), true, 2 * Lifetime);
        cache.Remove(("bearer", hash));
    }

    private bool Refused(string hash) => cache.TryGetValue(("refused", hash), out _);
}

public static class AccountPrincipal
{
    public static ClaimsPrincipal Create(int userId, string userName, string role, string scheme) =>
        new(new ClaimsIdentity([
            new Claim(ClaimTypes.Name, userName),
            new Claim(ClaimTypes.Role, role),
            new Claim(KioskClaims.UserId, userId.ToString()),
        ], scheme));

    public static int? TerminalId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(KioskClaims.TerminalId), out var id) ? id : null;

    public static int? TerminalEventId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(KioskClaims.EventId), out var id) ? id : null;

    public static int? UserId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(KioskClaims.UserId), out var id) ? id : null;

    /// <summary>Who did it, for the audit log and rate limits: "terminal:7" or the user name.</summary>
    public static string Actor(this ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";
}
