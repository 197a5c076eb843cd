using Kiosk.Server.Data;
using Kiosk.Server.Reports;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Registrations;

/// <summary>
/// The event's online registrations as a table for the organizers' CSV and XLSX (German headers, venue time), with the
/// consents and their times and the master classes each registrant chose and where they stand in them.
/// </summary>
public static class RegistrationExport
{
    public static async Task<ReportTable?> TableAsync(KioskDb db, Rooms.SessionSeats seats, int eventId, CancellationToken ct)
    {
        var evt = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, ct);
        if (evt is null) return null;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(evt.TimeZone);
        DateTime? Local(DateTimeOffset? at) => at is { } t ? TimeZoneInfo.ConvertTime(t, zone).DateTime : null;
        var categories = await db.RegistrationCategories.AsNoTracking().Where(c => c.EventId == eventId).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var registrations = await db.Registrations.AsNoTracking().Where(r => r.EventId == eventId).OrderBy(r => r.CreatedAt).ToListAsync(ct);
        var rows = new List<object?[]>();
        foreach (var r in registrations)
        {
            var choices = r.AttendeeId is { } attendee && r.SessionIds.Count > 0
                ? string.Join("; ", (await seats.StandingAsync(attendee, r.SessionIds, ct)).Select(c => c.Outcome.Status == Rooms.SeatStatus.Waitlisted
                    ? $"{c.Session} (Warteliste {c.Outcome.Position})" : c.Session))
                : "";
            rows.Add([Local(r.CreatedAt), State(r.State), categories.GetValueOrDefault(r.CategoryId), r.Title, r.FirstName, r.LastName, r.Organization, r.Email,
                r.Language, Local(r.PrivacyAcceptedAt), Local(r.ContactSharingAt), Local(r.ConfirmedAt), choices]);
        }
        return new ReportTable("Anmeldungen",
        [
            new("Eingegangen", CellKind.DateTime, 17), new("Status", CellKind.Text, 16), new("Teilnahme als", CellKind.Text, 28), new("Titel", CellKind.Text, 10),
            new("Vorname", CellKind.Text, 18), new("Nachname", CellKind.Text, 22), new("Organisation", CellKind.Text, 30), new("E-Mail", CellKind.Text, 30),
            new("Sprache", CellKind.Text, 8), new("Datenschutz zugestimmt", CellKind.DateTime, 20), new("Kontaktweitergabe zugestimmt", CellKind.DateTime, 25),
            new("Bestätigt", CellKind.DateTime, 17), new("Masterclasses", CellKind.Text, 50),
        ], rows);
    }

    private static string State(RegistrationState state) => state switch
    {
        RegistrationState.Pending => "unbestätigt",
        RegistrationState.AwaitingApproval => "wartet auf Freigabe",
        RegistrationState.Confirmed => "bestätigt",
        _ => "abgelehnt",
    };
}
