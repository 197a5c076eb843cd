using System.ComponentModel.DataAnnotations;
using Kiosk.Server.ApiDocs;
using Kiosk.Server.Data;
using Kiosk.Server.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Auth;

public sealed record LoginRequest([Required, StringLength(100), NoControlCharacters] string Username, [Required, StringLength(1000)] string Password);
public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt);
public sealed record MeResponse(string Name, string Role);

public sealed record SessionResponse(bool SignedIn, string? Name, string? Role);

public static class AuthEndpoints
{
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromDays(7);
    private const string BadCredentials = "`/problems/bad-credentials`: wrong user name or password, or the account is disabled.";

    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapFeature("/api/auth", "Auth");

        group.MapPost("/login", async Task<Results<NoContent, ProblemHttpResult>> (LoginRequest request, KioskDb db, HttpContext http) =>
        {
            var account = await VerifyAsync(db, request);
            if (account is null) return Problems.BadCredentials();
            var principal = AccountPrincipal.Create(account.Id, account.UserName, account.Role, CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
            return TypedResults.NoContent();
        }).RequireRateLimiting(RateLimits.Login).AllowAnonymous()
            .WithName("SignIn").WithSummary("Sign in to the web pages with a cookie")
            .WithDescription("Sets the cookie `kiosk.auth` (HttpOnly, SameSite=Strict, 12 h sliding) the organizer and staff pages use. Rate-limited per client address (`RateLimits:LoginPerMinute`).")
            .Refuses(StatusCodes.Status401Unauthorized, BadCredentials);

        group.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.NoContent();
        }).WithName("SignOut").WithSummary("Sign out of the web pages (clears the cookie)");

        group.MapPost("/token", async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> (LoginRequest request, KioskDb db, TimeProvider time) =>
        {
            var account = await VerifyAsync(db, request);
            if (account is null) return Problems.BadCredentials();
            var secret = Secrets.New(Secrets.UserTokenPrefix);
            var now = time.GetUtcNow();
            db.ApiTokens.Add(new ApiToken { UserAccountId = account.Id, TokenHash = Secrets.Hash(secret), CreatedAt = now, ExpiresAt = now + TokenLifetime });
            await db.SaveChangesAsync();
            return TypedResults.Ok(new TokenResponse(secret, now + TokenLifetime));
        }).RequireRateLimiting(RateLimits.Login).AllowAnonymous()
            .WithName("IssueScriptToken").WithSummary("Swap a user name and password for a bearer token for scripts")
            .WithDescription("`{username, password}` → `{token, expiresAt}`: send `Authorization: Bearer <token>`; valid 7 days, ended at once when the account is disabled. Rate-limited per client address (`RateLimits:LoginPerMinute`).")
            .Refuses(StatusCodes.Status401Unauthorized, BadCredentials);

        group.MapGet("/me", (HttpContext http) =>
            TypedResults.Ok(new MeResponse(http.User.Actor(), http.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value ?? "")))
            .RequireAuthorization()
            .WithName("WhoAmI").WithSummary("Who the caller is: name and role")
            .WithDescription("`{name, role}`; 401 when signed out.");
        // For the sign-in page: asks without a 401 in the browser's console when nobody is signed in.
        group.MapGet("/session", (HttpContext http) =>
            TypedResults.Ok(new SessionResponse(http.User.Identity?.IsAuthenticated == true,
                http.User.Identity?.IsAuthenticated == true ? http.User.Actor() : null,
                http.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value)))
            .AllowAnonymous()
            .WithName("GetSignInState").WithSummary("Whether the caller is signed in, and as whom")
            .WithDescription("`{signedIn, name, role}`, always 200: the sign-in page asks without a 401 in the browser's console.");
    }

    private static async Task<UserAccount?> VerifyAsync(KioskDb db, LoginRequest request)
    {
        var hasher = new PasswordHasher<UserAccount>();
        var account = await db.Users.FirstOrDefaultAsync(u => u.UserName == request.Username.Trim().ToLowerInvariant());
        if (account is null || account.Disabled)
        {
            // Same work for unknown names, so response time does not tell which user names exist.
            hasher.VerifyHashedPassword(null!, DummyHash, request.Password);
            return null;
        }
        var result = hasher.VerifyHashedPassword(account, account.PasswordHash, request.Password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.PasswordHash = hasher.HashPassword(account, request.Password);
            await db.SaveChangesAsync();
        }
        return result == PasswordVerificationResult.Failed ? null : account;
    }

    private static readonly string DummyHash = new PasswordHasher<UserAccount>().HashPassword(null!, "not-a-password");
}
