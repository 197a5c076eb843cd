using Kiosk.Server.Attendees;
using Kiosk.Server.Audit;
using Kiosk.Server.Data;
using Kiosk.Server.Terminals;
using Kiosk.Shared.Badges;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Desk;

/// <summary>Who goes into a batch: one category, one session's booked attendees, or a list of attendee ids.</summary>
public sealed record PrintBatchRequest(int TerminalId, AttendeeCategory? Category = null, int? SessionId = null, IReadOnlyList<int>? AttendeeIds = null);

/// <summary>One badge of a batch: its place, and when its kiosk confirmed it printed.</summary>
public sealed record PrintBatchItem(int Position, int AttendeeId, DateTimeOffset? PrintedAt);

/// <summary>A batch and its progress: <c>Printed</c> of <c>Total</c>, and each badge in print order; a session's batch names the session.</summary>
public sealed record PrintBatchView(Guid Id, int EventId, int TerminalId, string Selection, string RequestedBy, DateTimeOffset RequestedAt,
    int Total, int Printed, IReadOnlyList<PrintBatchItem> Items, string? SessionTitle = null);

/// <summary>Creates print batches and reports their progress.</summary>
public sealed class PrintBatches(KioskDb db, WriteGate writes, AuditLog audit, TerminalPushes pushes, Dashboard.LiveUpdates live, TimeProvider time)
{
    /// <summary>At most this many badges a batch: a roll of badge paper, and a list staff can still read.</summary>
    public const int MaxBadges = 2000;

    public async Task<(PrintBatchView?, DeskRefusal?)> CreateAsync(int eventId, PrintBatchRequest request, string actor, CancellationToken ct)
    {
        var chosen = (request.Category is null ? 0 : 1) + (request.SessionId is null ? 0 : 1) + (request.AttendeeIds is null ? 0 : 1);
        if (chosen != 1) return (null, Invalid("print-batch-selection", "Choose exactly one of category, sessionId or attendeeIds."));
        if (!await db.Terminals.AsNoTracking().AnyAsync(t => t.Id == request.TerminalId && t.EventId == eventId && t.RevokedAt == null && t.KeyHash != null, ct))
            return (null, Invalid("reprint-terminal", "Choose an enrolled kiosk or print station of the event."));

        // Erased attendees are never printed; the rest in the order staff will hand them out: by last name.
        var attendees = db.Attendees.AsNoTracking().Where(a => a.EventId == eventId && a.AnonymisedAt == null && a.Badge != null);
        string selection;
        if (request.Category is { } category)
        {
            attendees = attendees.Where(a => a.Category == category);
            selection = $"category {category}";
        }
        else if (request.SessionId is { } sessionId)
        {
            if (!await db.Sessions.AsNoTracking().AnyAsync(s => s.Id == sessionId && db.Rooms.Any(r => r.Id == s.RoomId && r.EventId == eventId), ct))
                return (null, DeskRefusal.NotFound("Session"));
            attendees = attendees.Where(a => db.SessionBookings.Any(b => b.SessionId == sessionId && b.AttendeeId == a.Id));
            selection = $"{SessionSelection}{sessionId}";
        }
        else
        {
            var ids = request.AttendeeIds!.Distinct().ToList();
            if (ids.Count is 0 or > MaxBadges) return (null, Invalid("print-batch-selection", $"List between 1 and {MaxBadges} attendee ids."));
            attendees = attendees.Where(a => ids.Contains(a.Id));
            selection = "list";
        }
        var people = await attendees.OrderBy(a => a.LastName).ThenBy(a => a.FirstName).ThenBy(a => a.Id).Select(a => a.Id).Take(MaxBadges + 1).ToListAsync(ct);
        if (people.Count == 0) return (null, Invalid("print-batch-empty", "Nobody to print: the selection holds no attendee with a badge."));
        if (people.Count > MaxBadges) return (null, Invalid("print-batch-selection", $"More than {MaxBadges} badges; split the batch."));

        var now = time.GetUtcNow();
        var batch = new PrintBatch { Id = Guid.NewGuid(), EventId = eventId, TerminalId = request.TerminalId, Selection = selection, RequestedBy = actor, RequestedAt = now };
        db.PrintBatches.Add(batch);
        db.Reprints.AddRange(people.Select((attendeeId, i) => new Reprint
        {
            Id = Guid.NewGuid(), EventId = eventId, AttendeeId = attendeeId, TerminalId = request.TerminalId,
            Reason = "print batch", RequestedBy = actor, RequestedAt = now, BatchId = batch.Id, BatchPosition = i + 1,
        }));
        audit.Add(actor, "badge.batch-ordered", eventId, null, request.TerminalId, $"batch {batch.Id}; {selection}; {people.Count} badges");
        await db.SaveChangesAsync(ct);
        await pushes.ReprintOrderedAsync(request.TerminalId);
        live.PrintBatchesChanged(eventId);
        return (await ViewAsync(batch.Id, ct), null);
    }

    /// <summary>
    /// The kiosk printed a badge of a batch: the order is done and the badge is marked as waiting at the counter, in one
    /// roster change, so every kiosk learns by its next sync that it must not print this visitor's badge again.
    /// </summary>
    public async Task ConfirmPrintedAsync(Reprint order, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var seq = await RosterChanges.WriteAsync(db, writes, order.EventId, async seq =>
        {
            order.PrintedAt = now;
            await db.Badges.Where(b => b.AttendeeId == order.AttendeeId).ExecuteUpdateAsync(s => s.SetProperty(b => b.PrintedAheadAt, now), ct);
            await db.Attendees.Where(a => a.Id == order.AttendeeId && a.AnonymisedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.RosterSeq, seq).SetProperty(a => a.UpdatedAt, now), ct);
            return true;
        }, ct);
        await pushes.RosterChangedAsync(order.EventId, seq!.Value);
        live.PrintBatchesChanged(order.EventId);
    }

    public async Task<PrintBatchView?> ViewAsync(Guid batchId, CancellationToken ct)
    {
        var batch = await db.PrintBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == batchId, ct);
        if (batch is null) return null;
        var items = await db.Reprints.AsNoTracking().Where(r => r.BatchId == batchId).OrderBy(r => r.BatchPosition)
            .Select(r => new PrintBatchItem(r.BatchPosition!.Value, r.AttendeeId, r.PrintedAt)).ToListAsync(ct);
        return await View(batch, items, ct);
    }

    /// <summary>The event's batches, newest first, with their counts (items left out: the list stays short).</summary>
    public async Task<List<PrintBatchView>> ListAsync(int eventId, CancellationToken ct)
    {
        var batches = await db.PrintBatches.AsNoTracking().Where(b => b.EventId == eventId).ToListAsync(ct);
        var counts = await db.Reprints.AsNoTracking().Where(r => r.EventId == eventId && r.BatchId != null)
            .GroupBy(r => r.BatchId).Select(g => new { Id = g.Key!.Value, Total = g.Count(), Printed = g.Count(r => r.PrintedAt != null) }).ToListAsync(ct);
        var sessionIds = batches.Select(SessionOf).OfType<int>().Distinct().ToList();
        var titles = await db.Sessions.AsNoTracking().Where(s => sessionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Title, ct);
        return batches.OrderByDescending(b => b.RequestedAt).Select(b =>
        {
            var c = counts.FirstOrDefault(x => x.Id == b.Id);
            return new PrintBatchView(b.Id, b.EventId, b.TerminalId, b.Selection, b.RequestedBy, b.RequestedAt, c?.Total ?? 0, c?.Printed ?? 0, [],
                SessionOf(b) is { } id ? titles.GetValueOrDefault(id) : null);
        }).ToList();
    }

    private async Task<PrintBatchView> View(PrintBatch b, List<PrintBatchItem> items, CancellationToken ct)
    {
        var title = SessionOf(b) is { } id ? await db.Sessions.AsNoTracking().Where(s => s.Id == id).Select(s => s.Title).FirstOrDefaultAsync(ct) : null;
        return new(b.Id, b.EventId, b.TerminalId, b.Selection, b.RequestedBy, b.RequestedAt, items.Count, items.Count(i => i.PrintedAt != null), items, title);
    }

    /// <summary>The session a batch of a session's booked attendees was made of; null for the other selections.</summary>
    private static int? SessionOf(PrintBatch b) =>
        b.Selection.StartsWith(SessionSelection, StringComparison.Ordinal) && int.TryParse(b.Selection[SessionSelection.Length..], out var id) ? id : null;

    private const string SessionSelection = "session ";

    private static DeskRefusal Invalid(string slug, string detail) => DeskRefusal.Invalid(new(slug, detail));
}
