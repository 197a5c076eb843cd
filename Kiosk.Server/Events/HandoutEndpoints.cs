using System.ComponentModel.DataAnnotations;
using Kiosk.Server.ApiDocs;
using Kiosk.Server.Auth;
using Kiosk.Server.Data;
using Kiosk.Server.Rooms;
using Kiosk.Shared.Badges;
using Kiosk.Shared.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Events;

/// <summary>A handout note: organizer text the kiosk shows and speaks as written; empty or null removes it.</summary>
public sealed record HandoutNoteRequest([StringLength(CategoryHandoutNote.MaxNote), NoControlCharacters] string? Note);

public sealed record CategoryHandoutView(AttendeeCategory Category, string? Note);

public sealed record SessionHandoutView(int SessionId, int RoomId, string Room, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Note);

/// <summary>Every category (note or null) and every session of the event in start order, with its note.</summary>
public sealed record HandoutsView(IReadOnlyList<CategoryHandoutView> Categories, IReadOnlyList<SessionHandoutView> Sessions);

/// <summary>
/// Handout notes ("Ausgabehinweise"): per attendee category of an event, and per session (see
/// <see cref="SessionEndpoints"/>). Category notes travel with the terminal profile, so a change pushes
/// <c>profileChanged</c> to the event's kiosks and touches no roster row.
/// </summary>
public static class HandoutEndpoints
{
    public static void MapHandoutEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapFeature("/api/events/{eventId:int}/handouts", "Events");

        group.MapGet("/", async Task<Results<Ok<HandoutsView>, ProblemHttpResult>> (int eventId, KioskDb db) =>
        {
            if (!await db.Events.AnyAsync(e => e.Id == eventId)) return Problems.NotFound("Event");
            var notes = await db.CategoryHandouts.AsNoTracking().Where(h => h.EventId == eventId).ToListAsync();
            var sessions = await db.Sessions.AsNoTracking().Where(s => s.EventId == eventId)
                .Join(db.Rooms, s => s.RoomId, r => r.Id, (s, r) => new SessionHandoutView(s.Id, r.Id, r.Name, s.Title, s.StartsAt, s.EndsAt, s.HandoutNote))
                .ToListAsync();
            return TypedResults.Ok(new HandoutsView(
                Enum.GetValues<AttendeeCategory>().Select(c => new CategoryHandoutView(c, notes.FirstOrDefault(n => n.Category == c)?.Note)).ToList(),
                sessions.OrderBy(s => s.StartsAt).ThenBy(s => s.SessionId).ToList()));
        }).RequireAuthorization(Policies.Organizer)
            .WithName("ListHandouts").WithSummary("The event's handout notes: per attendee category and per session")
            .WithDescription("`{categories: [{category, note}], sessions: [{sessionId, roomId, room, title, startsAt, endsAt, note}]}`: every category (`note` null when none is set) and every session in start order.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        group.MapPut("/{category}", async Task<Results<Ok<CategoryHandoutView>, ProblemHttpResult>> (
            int eventId, string category, HandoutNoteRequest request, KioskDb db, Terminals.TerminalPushes pushes, Audit.AuditLog audit, HttpContext http) =>
        {
            if (ParseCategory(category) is not { } which)
                return Problems.Invalid("handout-category", $"Category must be one of {string.Join(", ", Enum.GetNames<AttendeeCategory>())}.");
            if (!await db.Events.AnyAsync(e => e.Id == eventId)) return Problems.NotFound("Event");
            var note = Normalise(request?.Note);
            if (!await SaveNoteAsync(db, eventId, which, note)) return TypedResults.Ok(new CategoryHandoutView(which, note));
            await audit.WriteAsync(http.User.Actor(), "event.handout-changed", eventId, details: $"category {which}: {(note is null ? "removed" : "set")}");
            foreach (var terminalId in await db.Terminals.AsNoTracking().Where(t => t.EventId == eventId).Select(t => t.Id).ToListAsync())
                await pushes.ProfileChangedAsync(terminalId);
            return TypedResults.Ok(new CategoryHandoutView(which, note));
        }).RequireAuthorization(Policies.Organizer)
            .WithName("SetCategoryHandout").WithSummary("Set or remove the handout note of an attendee category")
            .WithDescription("`{note}` (at most 200 characters; empty or null removes it) for `Visitor`, `Exhibitor`, `Speaker`, `Press` or `Team`: shown and spoken on the kiosk's welcome screen to attendees of that category, pushed to the event's kiosks at once (`profileChanged`); audited `event.handout-changed`.")
            .Refuses(StatusCodes.Status400BadRequest, "`/problems/handout-category`: not one of the categories.")
            .ProducesProblems(StatusCodes.Status404NotFound);
    }

    /// <summary>
    /// Sets or removes the note; false when it already was so. Organizers changing the same note at once race on the
    /// row (an insert meets a unique violation, an update or removal a vanished row): the later request wins.
    /// </summary>
    private static async Task<bool> SaveNoteAsync(KioskDb db, int eventId, AttendeeCategory which, string? note)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var row = await db.CategoryHandouts.FindAsync(eventId, which);
            if (row?.Note == note) return false; // already so, perhaps set by the request this one raced: that one told the kiosks
            if (note is null) db.CategoryHandouts.Remove(row!);
            else if (row is null) db.CategoryHandouts.Add(new CategoryHandoutNote { EventId = eventId, Category = which, Note = note });
            else row.Note = note;
            try
            {
                await db.SaveChangesAsync();
                return true;
            }
            catch (DbUpdateException e) when (attempt < 5 && (e is DbUpdateConcurrencyException || e.IsUniqueViolation())) { }
        }
    }

    /// <summary>White space trimmed; nothing left means no note.</summary>
    public static string? Normalise(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();

    // By name only: a number would pass Enum.TryParse as a category that does not exist.
    private static AttendeeCategory? ParseCategory(string text) =>
        Enum.GetNames<AttendeeCategory>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<AttendeeCategory>(name) : null;

    /// <summary>The notes a terminal's profile carries, by category.</summary>
    public static async Task<List<CategoryHandout>> ForProfileAsync(KioskDb db, int eventId, CancellationToken ct) =>
        (await db.CategoryHandouts.AsNoTracking().Where(h => h.EventId == eventId).ToListAsync(ct))
            .OrderBy(h => h.Category).Select(h => new CategoryHandout(h.Category, h.Note)).ToList();
}
