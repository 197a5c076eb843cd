using System.ComponentModel.DataAnnotations;
using Kiosk.Server.ApiDocs;
using Kiosk.Server.Audit;
using Kiosk.Server.Auth;
using Kiosk.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Staff;

public sealed record NewAccountRequest([Required, StringLength(100), NoControlCharacters] string Username, [Required, StringLength(1000, MinimumLength = 10)] string Password, [Required] string Role);
public sealed record AccountResponse(int Id, string Username, string Role, bool Disabled);

/// <summary>Organizers create accounts for help-desk staff and other organizers, and can disable them.</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapFeature("/api/users", "Accounts").RequireAuthorization(Policies.Organizer);

        group.MapGet("/", async (KioskDb db) => TypedResults.Ok(await db.Users.AsNoTracking().OrderBy(u => u.UserName)
            .Select(u => new AccountResponse(u.Id, u.UserName, u.Role, u.Disabled)).ToListAsync()))
            .WithName("ListAccounts").WithSummary("Every account of organizers and help-desk staff");

        group.MapPost("/", async Task<Results<Created<AccountResponse>, ProblemHttpResult>> (
            NewAccountRequest request, KioskDb db, TimeProvider time, AuditLog audit, HttpContext http) =>
        {
            if (request.Role is not (Roles.Organizer or Roles.Staff))
                return Problems.Invalid("role", $"Role must be {Roles.Organizer} or {Roles.Staff}.");
            var account = new UserAccount { UserName = request.Username.Trim().ToLowerInvariant(), Role = request.Role, PasswordHash = "", CreatedAt = time.GetUtcNow() };
            account.PasswordHash = new PasswordHasher<UserAccount>().HashPassword(account, request.Password);
            db.Users.Add(account);
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                return Problems.Conflict("username-taken", $"The user name '{account.UserName}' is taken.");
            }
            await audit.WriteAsync(http.User.Actor(), "account.created", details: $"user {account.Id} as {account.Role}");
            return TypedResults.Created($"/api/users/{account.Id}", new AccountResponse(account.Id, account.UserName, account.Role, false));
        }).WithName("CreateAccount").WithSummary("Create an account for a help-desk person or an organizer")
            .WithDescription("`{username, password, role}`: role `Organizer` or `Staff`; the password at least 10 characters. Audited `account.created`.")
            .Refuses(StatusCodes.Status400BadRequest, "`/problems/role`: the role is neither `Organizer` nor `Staff`.")
            .Refuses(StatusCodes.Status409Conflict, "`/problems/username-taken`: an account has this user name.");

        group.MapPost("/{id:int}/disable", async Task<Results<NoContent, ProblemHttpResult>> (
            int id, KioskDb db, BearerKeyCache cache, AuditLog audit, HttpContext http) =>
        {
            var account = await db.Users.FindAsync(id);
            if (account is null) return Problems.NotFound("Account");
            if (account.UserName == http.User.Actor()) return Problems.Conflict("disable-self", "You cannot disable your own account.");
            account.Disabled = true;
            await db.SaveChangesAsync();
            // The account's script tokens stop at once on this instance (others within the cache time).
            var tokens = await db.ApiTokens.Where(t => t.UserAccountId == id).Select(t => t.TokenHash).ToListAsync();
            await db.ApiTokens.Where(t => t.UserAccountId == id).ExecuteDeleteAsync();
            tokens.ForEach(cache.Evict);
            await audit.WriteAsync(http.User.Actor(), "account.disabled", details: $"user {id}");
            return TypedResults.NoContent();
        }).WithName("DisableAccount").WithSummary("Disable an account; its script tokens stop working")
            .WithDescription("Nobody can disable their own account. Audited `account.disabled`.")
            .ProducesProblems(StatusCodes.Status404NotFound)
            .Refuses(StatusCodes.Status409Conflict, "`/problems/disable-self`: the caller's own account.");
    }
}
