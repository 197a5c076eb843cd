using Kiosk.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Registrations;

/// <summary>An event's registration form and categories: read for the page and the API, written by organizers.</summary>
public sealed class RegistrationForms(KioskDb db, TimeProvider time)
{
    public async Task<RegistrationFormView?> ViewAsync(int eventId, CancellationToken ct)
    {
        var form = await db.RegistrationForms.AsNoTracking().FirstOrDefaultAsync(f => f.EventId == eventId, ct);
        if (form is null) return null;
        var evt = await db.Events.AsNoTracking().SingleAsync(e => e.Id == eventId, ct);
        var categories = await db.RegistrationCategories.AsNoTracking().Where(c => c.EventId == eventId).OrderBy(c => c.Position).ThenBy(c => c.Id).ToListAsync(ct);
        var taken = await db.Registrations.AsNoTracking().Where(r => r.EventId == eventId && r.State != RegistrationState.Refused && r.State != RegistrationState.Cancelled)
            .GroupBy(r => r.CategoryId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return new(evt, form, categories.Select(c => (c, c.Quota is { } quota && taken.GetValueOrDefault(c.Id) >= quota)).ToList(), await SessionsAsync(eventId, ct));
    }

    /// <summary>The master classes on the form that are still to come, in start order, with their seats now.</summary>
    public async Task<IReadOnlyList<RegistrationSessionView>> SessionsAsync(int eventId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var rows = await db.Sessions.AsNoTracking().Where(s => s.EventId == eventId && s.OnRegistrationForm && s.StartsAt > now)
            .Join(db.Rooms, s => s.RoomId, r => r.Id, (s, r) => new
            {
                s.Id, s.Title, s.StartsAt, s.EndsAt, Room = r.Name, Capacity = s.Capacity ?? r.Capacity,
                Booked = db.SessionBookings.Count(b => b.SessionId == s.Id), Waitlisted = db.SessionWaitlist.Count(w => w.SessionId == s.Id),
            }).ToListAsync(ct);
        return rows.OrderBy(s => s.StartsAt).ThenBy(s => s.Id)
            .Select(s => new RegistrationSessionView(s.Id, s.Title, s.StartsAt, s.EndsAt, s.Room, s.Capacity, s.Booked, s.Waitlisted,
                s.Waitlisted > 0 ? 0 : Math.Max(0, s.Capacity - s.Booked))).ToList();
    }

    public RegistrationFormResponse Response(RegistrationFormView view) => new(
        view.Event.Id, view.Event.Name, view.Event.StartsAt, view.Event.EndsAt, view.Form.IsOpen(time.GetUtcNow()), view.Form.OpensAt, view.Form.ClosesAt,
        view.Form.PrivacyNotice, view.Form.PrivacyNoticeEn, view.Form.ContactSharingText, view.Form.ContactSharingTextEn,
        view.Categories.Select(x => new RegistrationCategoryView(x.Category.Id, x.Category.Name, x.Category.NameEn, x.Category.BadgeCategory,
            x.Category.NeedsApproval, x.Category.Quota, x.Full)).ToList(), view.Sessions);

    public async Task<(RegistrationFormView?, ProblemHttpResult?)> SaveAsync(int eventId, RegistrationFormRequest request, CancellationToken ct)
    {
        if (!await db.Events.AnyAsync(e => e.Id == eventId, ct)) return (null, Problems.NotFound("Event"));
        var form = await db.RegistrationForms.FirstOrDefaultAsync(f => f.EventId == eventId, ct);
        if (form is null) db.RegistrationForms.Add(form = new RegistrationForm { EventId = eventId, PrivacyNotice = "" });
        form.OpensAt = request.OpensAt?.ToUniversalTime();
        form.ClosesAt = request.ClosesAt?.ToUniversalTime();
        form.PrivacyNotice = request.PrivacyNotice.Trim();
        form.PrivacyNoticeEn = Blank(request.PrivacyNoticeEn);
        form.ContactSharingText = Blank(request.ContactSharingText);
        form.ContactSharingTextEn = Blank(request.ContactSharingTextEn);

        var existing = await db.RegistrationCategories.Where(c => c.EventId == eventId).ToListAsync(ct);
        if (request.Categories.Any(c => c.Id is { } id && existing.All(e => e.Id != id)))
            return (null, Problems.Invalid("registration-category", "A category id is not one of this event's."));
        var removed = existing.Where(e => request.Categories.All(c => c.Id != e.Id)).ToList();
        var removedIds = removed.Select(r => r.Id).ToList();
        if (await db.Registrations.AnyAsync(r => removedIds.Contains(r.CategoryId), ct))
            return (null, Problems.Conflict("registration-category-used", "A category left out has registrations; keep it (it can be renamed or given a quota of its registrations)."));
        var sessionIds = (request.SessionIds ?? []).Distinct().ToList();
        if (await db.Sessions.CountAsync(s => s.EventId == eventId && sessionIds.Contains(s.Id), ct) != sessionIds.Count)
            return (null, Problems.Invalid("registration-sessions", "A session id is not one of this event's sessions."));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Sessions.Where(s => s.EventId == eventId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.OnRegistrationForm, s => sessionIds.Contains(s.Id)), ct);
        db.RegistrationCategories.RemoveRange(removed);
        for (var i = 0; i < request.Categories.Length; i++)
        {
            var c = request.Categories[i];
            var row = c.Id is { } id ? existing.Single(e => e.Id == id) : null;
            if (row is null) db.RegistrationCategories.Add(row = new RegistrationCategory { EventId = eventId, Name = "" });
            row.Name = c.Name.Trim();
            row.NameEn = Blank(c.NameEn);
            row.BadgeCategory = c.BadgeCategory;
            row.NeedsApproval = c.NeedsApproval;
            row.Quota = c.Quota;
            row.Position = i;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (await ViewAsync(eventId, ct), null);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
