using Kiosk.Server.Data;

namespace Kiosk.Server.Audit;

/// <summary>
/// Appends an entry to the audit log and saves it. Entries are never deleted; the one update is the
/// privacy purge or erasure emptying <see cref="AuditEntry.Details"/> (Privacy/PersonalData.cs), as reasons may name people.
/// </summary>
public sealed class AuditLog(KioskDb db, TimeProvider time)
{
    public async Task WriteAsync(string actor, string action, int? eventId = null, int? attendeeId = null, int? terminalId = null, string? details = null)
    {
        Add(actor, action, eventId, attendeeId, terminalId, details);
        await db.SaveChangesAsync();
    }

    /// <summary>Adds the entry to the caller's unit of work, so it is saved in the same transaction as the act it records.</summary>
    public void Add(string actor, string action, int? eventId = null, int? attendeeId = null, int? terminalId = null, string? details = null) =>
        db.AuditLog.Add(new AuditEntry
        {
            At = time.GetUtcNow(), Actor = actor, Action = action,
            EventId = eventId, AttendeeId = attendeeId, TerminalId = terminalId, Details = details,
        });
}
