using System.ComponentModel.DataAnnotations;
using Kiosk.Server.ApiDocs;
using Kiosk.Server.Audit;
using Kiosk.Server.Auth;
using Kiosk.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Terminals;

public sealed record NewTerminalRequest([Required, StringLength(100), NoControlCharacters] string Name);
public sealed record EnrolmentCodeResponse(int TerminalId, string Name, string EnrolmentCode, DateTimeOffset ExpiresAt);
/// <summary>
/// <c>TerminalKey</c>: a key the kiosk made itself and keeps before asking (<c>ktk_</c> and 43 URL-safe base64
/// characters). With it, asking again after a lost answer is safe: the same code and key get the same answer.
/// Without it the server makes the key, and a lost answer leaves the code used up.
/// </summary>
public sealed record EnrolRequest([Required, StringLength(100)] string Code, [StringLength(100)] string? TerminalKey = null);
public sealed record EnrolResponse(int TerminalId, int EventId, string Name, string TerminalKey);
public sealed record TerminalResponse(int Id, string Name, bool Enrolled, bool Revoked, DateTimeOffset? LastSeenAt);
public sealed record TerminalModeRequest([StringLength(50)] string? Mode);

public static class TerminalEndpoints
{
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromHours(24);

    public static void MapTerminalEndpoints(this IEndpointRouteBuilder app)
    {
        var perEvent = app.MapFeature("/api/events/{eventId:int}/terminals", "Terminals").RequireAuthorization(Policies.Organizer);

        perEvent.MapPost("/", async Task<Results<Ok<EnrolmentCodeResponse>, ProblemHttpResult>> (
            int eventId, NewTerminalRequest request, KioskDb db, TimeProvider time, AuditLog audit, HttpContext http) =>
        {
            if (!await db.Events.AnyAsync(e => e.Id == eventId)) return Problems.NotFound("Event");
            var code = Secrets.NewEnrolmentCode();
            var now = time.GetUtcNow();
            var terminal = new Terminal
            {
                EventId = eventId, Name = request.Name.Trim(), CreatedAt = now,
                EnrolmentCodeHash = Secrets.Hash(Secrets.NormaliseCode(code)), EnrolmentCodeExpiresAt = now + CodeLifetime,
            };
            db.Terminals.Add(terminal);
            await db.SaveChangesAsync();
            await audit.WriteAsync(http.User.Actor(), "terminal.created", eventId, terminalId: terminal.Id);
            return TypedResults.Ok(new EnrolmentCodeResponse(terminal.Id, terminal.Name, code, now + CodeLifetime));
        }).WithName("CreateTerminal").WithSummary("Add a kiosk terminal and get its one-time enrolment code")
            .WithDescription("`{name}` → `{terminalId, name, enrolmentCode, expiresAt}`: the code (valid 24 h) is typed or configured at the kiosk, which swaps it for its key (`POST /api/terminals/enrol`). Audited `terminal.created`.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        perEvent.MapGet("/", async (int eventId, KioskDb db) => TypedResults.Ok(await db.Terminals.AsNoTracking()
            .Where(t => t.EventId == eventId).OrderBy(t => t.Id)
            .Select(t => new TerminalResponse(t.Id, t.Name, t.KeyHash != null, t.RevokedAt != null, t.LastSeenAt))
            .ToListAsync()))
            .WithName("ListTerminals").WithSummary("The event's terminals: enrolled, revoked, last seen");

        var terminals = app.MapFeature("/api/terminals", "Terminals");

        // The one-time code is swapped for the terminal key; the code gives nothing to anyone else from then on.
        // The kiosk that holds the key may ask again until the code expires (its first answer may have been lost).
        terminals.MapPost("/enrol", async Task<Results<Ok<EnrolResponse>, ProblemHttpResult>> (
            EnrolRequest request, KioskDb db, TimeProvider time, AuditLog audit) =>
        {
            var refused = Problems.Make(StatusCodes.Status400BadRequest, "enrolment-code", "Unknown, used or expired enrolment code.");
            if (request.TerminalKey is { } proposed && !Kiosk.Shared.Contracts.TerminalKeys.IsWellFormed(proposed))
                return Problems.Invalid("terminal-key", "terminalKey must be ktk_ and 43 URL-safe base64 characters (256 random bits).");
            var codeHash = Secrets.Hash(Secrets.NormaliseCode(request.Code));
            var now = time.GetUtcNow();
            var terminal = await db.Terminals.AsNoTracking().FirstOrDefaultAsync(t => t.EnrolmentCodeHash == codeHash);
            if (terminal is null || terminal.RevokedAt is not null || terminal.EnrolmentCodeExpiresAt < now) return refused;

            var key = request.TerminalKey ?? Kiosk.Shared.Contracts.TerminalKeys.New();
            if (terminal.EnrolledAt is not null)
                return terminal.KeyHash == Secrets.Hash(key) ? TypedResults.Ok(new EnrolResponse(terminal.Id, terminal.EventId, terminal.Name, key)) : refused;
            var enrolled = await db.Terminals
                .Where(t => t.Id == terminal.Id && t.EnrolmentCodeHash == codeHash && t.EnrolledAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.KeyHash, Secrets.Hash(key)).SetProperty(t => t.EnrolledAt, now));
            if (enrolled == 0) return refused;
            await audit.WriteAsync($"terminal:{terminal.Id}", "terminal.enrolled", terminal.EventId, terminalId: terminal.Id);
            return TypedResults.Ok(new EnrolResponse(terminal.Id, terminal.EventId, terminal.Name, key));
        }).RequireRateLimiting(RateLimits.Enrol).AllowAnonymous()
            .WithName("EnrolTerminal").WithSummary("Swap a one-time enrolment code for the terminal key")
            .WithDescription("Anyone with a code: `{code, terminalKey?}` → `{terminalId, eventId, name, terminalKey}`; the kiosk then sends `Authorization: Bearer <terminalKey>`. " +
                "Kiosks propose their own key (`ktk_` and 43 URL-safe base64 characters, 256 random bits) and keep it before asking, so after a lost answer the same code and key get the same answer again until the code expires; " +
                "anyone else with the used code gets 400. Rate-limited per client address (`RateLimits:EnrolPerMinute`).")
            .Refuses(StatusCodes.Status400BadRequest, "`/problems/enrolment-code`: unknown, used (by another key), expired or revoked code; `/problems/terminal-key`: the proposed key is not `ktk_` and 43 URL-safe base64 characters.");

        // Turns a kiosk into a room door (or back) from the organizer's desk; null returns it to its configured mode.
        terminals.MapPut("/{terminalId:int}/mode", async Task<Results<NoContent, ProblemHttpResult>> (
            int terminalId, TerminalModeRequest request, KioskDb db, TerminalPushes pushes, AuditLog audit, HttpContext http) =>
        {
            if (request.Mode is not null && !Kiosk.Shared.Contracts.TerminalModes.IsValid(request.Mode))
                return Problems.Invalid("terminal-mode", $"mode must be one of {string.Join(", ", Kiosk.Shared.Contracts.TerminalModes.All)}, or null.");
            var terminal = await db.Terminals.FindAsync(terminalId);
            if (terminal is null) return Problems.NotFound("Terminal");
            terminal.AssignedMode = request.Mode;
            await db.SaveChangesAsync();
            await audit.WriteAsync(http.User.Actor(), "terminal.mode", terminal.EventId, terminalId: terminal.Id, details: request.Mode ?? "as configured");
            await pushes.ProfileChangedAsync(terminal.Id);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Organizer)
            .WithName("AssignTerminalMode").WithSummary("Turn a kiosk into a room door, or back")
            .WithDescription("`{mode}`: `lobby`, `room-entrance`, `room-exit`, `room-toggle`, `print-station`, or `null` for the terminal's configured mode; pushed to the kiosk at once (`profileChanged`). Audited `terminal.mode`.")
            .Refuses(StatusCodes.Status400BadRequest, "`/problems/terminal-mode`: not one of the modes above.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        terminals.MapPost("/{terminalId:int}/revoke", async Task<Results<NoContent, ProblemHttpResult>> (
            int terminalId, KioskDb db, TimeProvider time, BearerKeyCache cache, AuditLog audit, HttpContext http) =>
        {
            var terminal = await db.Terminals.FindAsync(terminalId);
            if (terminal is null) return Problems.NotFound("Terminal");
            terminal.RevokedAt ??= time.GetUtcNow();
            terminal.EnrolmentCodeHash = null;
            await db.SaveChangesAsync();
            if (terminal.KeyHash is not null) cache.Evict(terminal.KeyHash);
            await audit.WriteAsync(http.User.Actor(), "terminal.revoked", terminal.EventId, terminalId: terminal.Id);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Organizer)
            .WithName("RevokeTerminal").WithSummary("Revoke a terminal: its key stops working at once")
            .WithDescription("Its unused enrolment code is void too. Audited `terminal.revoked`.")
            .ProducesProblems(StatusCodes.Status404NotFound);
    }
}
