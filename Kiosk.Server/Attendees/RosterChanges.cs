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
    /// <summary>
    /// The one way a roster change is written: under the write gate, in one transaction that takes the event's
    /// next sequence number and then runs <paramref name="change"/> with it. The change commits when it returns
    /// true (after a last SaveChanges) and is rolled back when it returns false. Returns the committed sequence
    /// number, to tell the kiosks after the commit, or null.
    /// </summary>
    public static async Task<long?> WriteAsync(KioskDb db, WriteGate writes, int eventId, Func<long, Task<bool>> change, CancellationToken ct)
    {
        using (await writes.EnterAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var seq = await NextAsync(db, eventId, ct);
            if (!await change(seq))
            {
                await tx.RollbackAsync(ct);
                return null;
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return seq;
        }
    }

    /// <summary>Takes the next sequence number, inside the transaction that writes the changed attendees.</summary>
    private static async Task<long> NextAsync(KioskDb db, int eventId, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Take roster sequence numbers inside the writing transaction.");
        await db.Events.Where(e => e.Id == eventId).ExecuteUpdateAsync(s => s.SetProperty(e => e.RosterSeq, e => e.RosterSeq + 1), ct);
        return await db.Events.Where(e => e.Id == eventId).Select(e => e.RosterSeq).SingleAsync(ct);
    }

}
