using Kiosk.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Attendees;

/// <summary>
/// Terminals copy the roster by deltas: "everything changed after sequence N". Each change takes the
/// event's next sequence number inside the writing transaction. The increment locks the event row until
/// commit, so sequence numbers become visible in order and a terminal never skips a change that was
/// committed late with a smaller number.
/// </summary>
public static class RosterChanges
{
    /// <summary>Takes the next sequence number; call inside the transaction that writes the changed attendees.</summary>
    public static async Task<long> NextAsync(KioskDb db, int eventId, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Take roster sequence numbers inside the writing transaction.");
        await db.Events.Where(e => e.Id == eventId).ExecuteUpdateAsync(s => s.SetProperty(e => e.RosterSeq, e => e.RosterSeq + 1), ct);
        return await db.Events.Where(e => e.Id == eventId).Select(e => e.RosterSeq).SingleAsync(ct);
    }

}
