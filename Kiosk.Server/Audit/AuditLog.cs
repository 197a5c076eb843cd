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
        db.AuditLog.Add(new AuditEntry
        {
            At = time.GetUtcNow(), Actor = actor, Action = action,
            EventId = eventId, AttendeeId = attendeeId, TerminalId = terminalId, Details = details,
        });
        await db.SaveChangesAsync();
    }
}
