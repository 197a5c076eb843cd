using Hangfire;
using Kiosk.Server.Badges;
using Kiosk.Server.Data;
using Kiosk.Server.Mail;
using Kiosk.Server.Terminals;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Attendees.Import;

/// <summary><see cref="UnknownCategories"/>: category words neither recognised nor chosen in the preview; their rows came in as visitors.</summary>
public sealed record ImportResult(bool DryRun, int Created, int Updated, int Unchanged, IReadOnlyList<RejectedRow> Rejected, IReadOnlyList<UnknownCategory>? UnknownCategories = null);

/// <summary>
/// Upserts a registration export into an event: matched by external id, else by e-mail; new attendees
/// get a badge. All accepted rows are written in one transaction, rejected rows not at all, so a file
/// imports whole or its bad rows are listed and nothing else changes. Attendees missing from the file
/// are left alone: imports add and update, they never delete. After a write, the confirmation mails of
/// new attendees are queued.
/// </summary>
public sealed class AttendeeImport(
    KioskDb db, AttendeeSearch search, WriteGate writes, TerminalPushes pushes, IBackgroundJobClient jobs, Rooms.SessionSeats seats, TimeProvider time)
{
    /// <summary>Rows written per round trip inside the one transaction; progress is reported after each.</summary>
    public const int WriteChunk = 1000;

    /// <param name="progress">Told the number of data rows done so far (rejected and unchanged ones count as done once matched).</param>
    public async Task<ImportResult> RunAsync(int eventId, RegistrationFile file, bool dryRun, CancellationToken ct = default,
        Func<int, CancellationToken, Task>? progress = null)
    {
        var now = time.GetUtcNow();
        var existing = await db.Attendees.Where(a => a.EventId == eventId).ToListAsync(ct);
        var byExternalId = existing.Where(a => a.ExternalId is not null).ToDictionary(a => a.ExternalId!, StringComparer.Ordinal);
        var byEmail = existing.Where(a => a.Email is not null).GroupBy(a => a.Email!).ToDictionary(g => g.Key, g => g.ToList());

        var rejected = file.Rejected.ToList();
        var seen = new Dictionary<object, int>(); // attendee or new key → line that claimed it
        int created = 0, updated = 0, unchanged = 0;
        var changed = new List<Attendee>();
        var cancelled = new List<int>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        foreach (var row in file.Rows)
        {
            var match = Match(row, byExternalId, byEmail, out var ambiguity);
            if (ambiguity) { rejected.Add(RejectedRow.SharedEmail(row.Line)); continue; }

            object key = match ?? (object?)(row.ExternalId is { } id ? "x:" + id : row.Email is { } mail ? "m:" + mail : null) ?? row;
            if (!seen.TryAdd(key, row.Line)) { rejected.Add(RejectedRow.SameAttendee(row.Line, seen[key])); continue; }

            if (match is null)
            {
                // Added to the context when written, chunk by chunk.
                var attendee = NewAttendee(eventId, row, now);
                changed.Add(attendee);
                created++;
            }
            else if (match.Status is var before && Apply(match, row))
            {
                match.UpdatedAt = now;
                changed.Add(match);
                updated++;
                if (before != AttendeeStatus.Cancelled && match.Status == AttendeeStatus.Cancelled) cancelled.Add(match.Id);
            }
            else unchanged++;
        }

        rejected.Sort((a, b) => a.Line.CompareTo(b.Line));
        var write = !dryRun && changed.Count > 0;
        var done = file.Rows.Count + file.Rejected.Count - (write ? changed.Count : 0);
        if (progress is not null) await progress(done, ct);
        if (write)
        {
            var seq = await RosterChanges.WriteAsync(db, writes, eventId, async seq =>
            {
                foreach (var chunk in changed.Chunk(WriteChunk))
                {
                    foreach (var a in chunk)
                    {
                        a.RosterSeq = seq;
                        // Only this chunk's changes are detected, so each round trip writes what it reports.
                        if (a.Id == 0) db.Attendees.Add(a);
                        else db.Entry(a).DetectChanges();
                    }
                    await db.SaveChangesAsync(ct);
                    done += chunk.Length;
                    if (progress is not null) await progress(done, ct);
                }
                // Cancelled in the file: their master class seats go to the next on each waitlist, in this same write.
                await seats.ReleaseWithinAsync(cancelled, seq, ct);
                return true;
            }, ct);
            seats.AfterCommit(seq);
            search.Invalidate(eventId);
            await pushes.RosterChangedAsync(eventId, seq!.Value);
            jobs.Enqueue<ConfirmationMails>(j => j.QueueForEventAsync(eventId, CancellationToken.None));
        }
        db.ChangeTracker.Clear();
        return new ImportResult(dryRun, created, updated, unchanged, rejected);
    }

    private static Attendee? Match(RegistrationRow row, Dictionary<string, Attendee> byExternalId, Dictionary<string, List<Attendee>> byEmail, out bool ambiguity)
    {
        ambiguity = false;
        if (row.ExternalId is not null && byExternalId.TryGetValue(row.ExternalId, out var byId)) return byId;
        if (row.Email is null || !byEmail.TryGetValue(row.Email, out var candidates)) return null;
        // With an external id in the row, only attendees imported without one may be matched by e-mail.
        var open = candidates.Where(a => row.ExternalId is null || a.ExternalId is null).ToList();
        ambiguity = open.Count > 1;
        return open.Count == 1 ? open[0] : null;
    }

    private static Attendee NewAttendee(int eventId, RegistrationRow row, DateTimeOffset now)
    {
        var attendee = new Attendee
        {
            EventId = eventId, FirstName = row.FirstName, LastName = row.LastName, CreatedAt = now, UpdatedAt = now,
            Badge = new Badge { Id = Badge.NewId(), EventId = eventId, Version = 1, IssuedAt = now },
        };
        Apply(attendee, row);
        return attendee;
    }

    /// <summary>Copies the row's values onto the attendee; true when anything changed.</summary>
    private static bool Apply(Attendee a, RegistrationRow row)
    {
        var status = row.Cancelled ? AttendeeStatus.Cancelled : AttendeeStatus.Registered;
        var changed = a.ExternalId != (row.ExternalId ?? a.ExternalId) || a.Title != row.Title || a.FirstName != row.FirstName
            || a.LastName != row.LastName || a.Organization != row.Organization || a.Email != row.Email
            || a.Category != row.Category || a.Status != status;
        if (!changed) return false;
        a.ExternalId = row.ExternalId ?? a.ExternalId;
        a.Title = row.Title;
        a.FirstName = row.FirstName;
        a.LastName = row.LastName;
        a.Organization = row.Organization;
        a.Email = row.Email;
        a.Category = row.Category;
        a.Status = status;
        return true;
    }
}
