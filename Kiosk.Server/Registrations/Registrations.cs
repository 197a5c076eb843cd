using Hangfire;
using Kiosk.Server.Attendees;
using Kiosk.Server.Badges;
using Kiosk.Server.Data;
using Kiosk.Server.Mail;
using Kiosk.Server.Terminals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kiosk.Server.Registrations;

public enum SubmitOutcome
{
    /// <summary>Taken (or quietly dropped: a robot, or an address that already has a registration and got a mail instead). The answer is the same.</summary>
    Accepted,
    NoForm,
    Closed,
    Invalid,
}

public enum DecisionOutcome { Done, NotFound, NotAwaiting }

public enum ConfirmOutcome
{
    /// <summary>Confirmed now: the attendee and the badge exist; the badge mail follows.</summary>
    Confirmed,
    /// <summary>Confirmed by the registrant; an organizer approves the category's registrations.</summary>
    AwaitingApproval,
    /// <summary>Followed before: nothing changed.</summary>
    AlreadyConfirmed,
    /// <summary>Not a link of ours, expired, or its registration was deleted.</summary>
    Invalid,
}

/// <summary>
/// Online registration with double opt-in: a submission is pending until the registrant follows the link in the mail;
/// only then is there an attendee with a badge (and the badge mail). An address that already has a registration or an
/// attendee gets a mail, never a second attendee, and the answer to the form is the same whatever the address.
/// </summary>
public sealed class Registrations(
    KioskDb db, WriteGate writes, TerminalPushes pushes, AttendeeSearch search, IBackgroundJobClient jobs, RegistrationForms forms, Rooms.SessionSeats seats,
    IOptions<RegistrationOptions> options, TimeProvider time, ILogger<Registrations> log)
{
    public async Task<(SubmitOutcome, List<RegistrationFieldError>)> SubmitAsync(int eventId, RegistrationRequest request, CancellationToken ct)
    {
        var form = await db.RegistrationForms.AsNoTracking().FirstOrDefaultAsync(f => f.EventId == eventId, ct);
        if (form is null) return (SubmitOutcome.NoForm, []);
        var now = time.GetUtcNow();
        if (!form.IsOpen(now)) return (SubmitOutcome.Closed, []);
        var categories = await db.RegistrationCategories.AsNoTracking().Where(c => c.EventId == eventId).ToListAsync(ct);
        var errors = RegistrationRules.Check(request, categories.Select(c => c.Id).ToList(), await forms.SessionsAsync(eventId, ct));
        if (errors.Count > 0) return (SubmitOutcome.Invalid, errors);
        if (!string.IsNullOrEmpty(request.Website))
        {
            log.LogInformation("Registration for event {EventId} dropped: the honeypot field was filled", eventId);
            return (SubmitOutcome.Accepted, []);
        }

        var email = RegistrationRules.NormaliseEmail(request.Email)!;
        var language = RegistrationRules.Language(request.Language);
        var category = categories.Single(c => c.Id == request.CategoryId);
        var registration = new Registration
        {
            Id = Guid.NewGuid(), EventId = eventId, CategoryId = category.Id, State = RegistrationState.Pending,
            Title = Kiosk.Shared.Text.PersonNameRules.Normalise(request.Title),
            FirstName = Kiosk.Shared.Text.PersonNameRules.Normalise(request.FirstName) ?? "",
            LastName = Kiosk.Shared.Text.PersonNameRules.Normalise(request.LastName)!,
            Organization = Kiosk.Shared.Text.PersonNameRules.Normalise(request.Organization),
            Email = email, Language = language, PrivacyAcceptedAt = now, ContactSharingAt = request.ContactSharing ? now : null, CreatedAt = now,
            SessionIds = (request.SessionIds ?? []).Distinct().ToList(),
        };

        var full = false;
        using (await writes.EnterAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Touching the category's row locks it until commit on server engines (SQLite has the write gate), so two
            // registrations for its last place are counted one after the other.
            await db.RegistrationCategories.Where(c => c.Id == category.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Position, c => c.Position), ct);
            var known = await KnownAsync(eventId, email, ct);
            if (known is { Kind: RegistrationMailKind.ConfirmLink, Cancelled: true })
            {
                // Cancelled before and signing up again: the same row starts over, pending like a new one.
                var earlier = await db.Registrations.SingleAsync(r => r.Id == known.RegistrationId, ct);
                registration.Id = earlier.Id;
                db.Entry(earlier).CurrentValues.SetValues(registration);
                db.RegistrationMails.Add(NewMail(eventId, RegistrationMailKind.ConfirmLink, earlier.Id, null, language, now));
            }
            else if (known is not null)
            {
                await QueueMailAsync(eventId, known.Kind, known.RegistrationId, known.AttendeeId, language, now, ct);
            }
            else if (category.Quota is { } quota
                && await db.Registrations.CountAsync(r => r.CategoryId == category.Id && r.State != RegistrationState.Refused && r.State != RegistrationState.Cancelled, ct) >= quota)
            {
                full = true;
            }
            else
            {
                db.Registrations.Add(registration);
                db.RegistrationMails.Add(NewMail(eventId, RegistrationMailKind.ConfirmLink, registration.Id, null, language, now));
            }
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // The same address registered a moment earlier on another request: that one stands, and it has its mail.
                db.ChangeTracker.Clear();
            }
        }
        if (full) return (SubmitOutcome.Invalid, [new("categoryId", "category-full", "This category is fully booked.")]);
        RegistrationMails.EnqueueNow(jobs, log);
        return (SubmitOutcome.Accepted, []);
    }

    /// <summary>Confirms the registration a link names; creates the attendee and badge unless the category needs approval.</summary>
    public async Task<ConfirmOutcome> ConfirmAsync(Guid registrationId, CancellationToken ct)
    {
        var registration = await db.Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == registrationId, ct);
        if (registration is null) return ConfirmOutcome.Invalid;
        if (registration.State != RegistrationState.Pending) return ConfirmOutcome.AlreadyConfirmed;
        var category = await db.RegistrationCategories.AsNoTracking().SingleAsync(c => c.Id == registration.CategoryId, ct);
        var now = time.GetUtcNow();
        if (category.NeedsApproval)
        {
            var moved = await db.Registrations.Where(r => r.Id == registrationId && r.State == RegistrationState.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RegistrationState.AwaitingApproval).SetProperty(r => r.ConfirmedAt, now), ct);
            return moved == 1 ? ConfirmOutcome.AwaitingApproval : ConfirmOutcome.AlreadyConfirmed;
        }
        return await AdmitAsync(registration, category, now, ct) ? ConfirmOutcome.Confirmed : ConfirmOutcome.AlreadyConfirmed;
    }

    /// <summary>An organizer approves a registration of a "needs approval" category: it becomes an attendee with a badge (and its badge mail).</summary>
    public async Task<DecisionOutcome> ApproveAsync(int eventId, Guid registrationId, CancellationToken ct)
    {
        var registration = await db.Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == registrationId && r.EventId == eventId, ct);
        if (registration is null) return DecisionOutcome.NotFound;
        if (registration.State != RegistrationState.AwaitingApproval) return DecisionOutcome.NotAwaiting;
        var category = await db.RegistrationCategories.AsNoTracking().SingleAsync(c => c.Id == registration.CategoryId, ct);
        return await AdmitAsync(registration, category, time.GetUtcNow(), ct) ? DecisionOutcome.Done : DecisionOutcome.NotAwaiting;
    }

    /// <summary>An organizer refuses a registration awaiting approval: no attendee, its place in the category's quota is free, and the registrant is told by mail.</summary>
    public async Task<DecisionOutcome> RefuseAsync(int eventId, Guid registrationId, CancellationToken ct)
    {
        var registration = await db.Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == registrationId && r.EventId == eventId, ct);
        if (registration is null) return DecisionOutcome.NotFound;
        var now = time.GetUtcNow();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            if (await db.Registrations.Where(r => r.Id == registrationId && r.State == RegistrationState.AwaitingApproval)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RegistrationState.Refused), ct) == 0) return DecisionOutcome.NotAwaiting;
            db.RegistrationMails.Add(NewMail(eventId, RegistrationMailKind.Refused, registrationId, null, registration.Language, now));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        RegistrationMails.EnqueueNow(jobs, log);
        return DecisionOutcome.Done;
    }

    /// <summary>
    /// The registration becomes an attendee with a badge, in one roster change with its state, so it happens once however
    /// often the link is followed. An attendee imported meanwhile with the same address is taken, not doubled.
    /// </summary>
    private async Task<bool> AdmitAsync(Registration registration, RegistrationCategory category, DateTimeOffset now, CancellationToken ct)
    {
        Attendee? created = null;
        var seq = await RosterChanges.WriteAsync(db, writes, registration.EventId, async seq =>
        {
            var from = registration.State;
            var existing = await db.Attendees.FirstOrDefaultAsync(a => a.EventId == registration.EventId && a.Email == registration.Email && a.AnonymisedAt == null, ct);
            if (existing is null)
            {
                created = new Attendee
                {
                    EventId = registration.EventId, Title = registration.Title, FirstName = registration.FirstName, LastName = registration.LastName,
                    Organization = registration.Organization, Email = registration.Email, Category = category.BadgeCategory,
                    Status = AttendeeStatus.Registered, CreatedAt = now, UpdatedAt = now, RosterSeq = seq,
                    Badge = new Badge { Id = Badge.NewId(), EventId = registration.EventId, Version = 1, IssuedAt = now },
                };
                db.Attendees.Add(created);
                await db.SaveChangesAsync(ct);
            }
            else if (existing.Status == AttendeeStatus.Cancelled)
            {
                // Back after cancelling: registered again, with a new badge version (the old QR stays refused) and its mail.
                existing.Status = AttendeeStatus.Registered;
                existing.RosterSeq = seq;
                existing.UpdatedAt = now;
                await db.SaveChangesAsync(ct);
                await Badge.NextVersionAsync(db, existing.Id, now, ct);
            }
            var attendeeId = existing?.Id ?? created!.Id;
            var moved = await db.Registrations.Where(r => r.Id == registration.Id && r.State == from)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RegistrationState.Confirmed)
                    .SetProperty(r => r.ConfirmedAt, r => r.ConfirmedAt ?? now).SetProperty(r => r.AttendeeId, attendeeId), ct);
            if (moved != 1) return false;
            // The chosen master classes, by the seat rule, in this same write: the attendee never exists without them.
            var sessions = await db.Sessions.AsNoTracking().Where(s => s.EventId == registration.EventId && registration.SessionIds.Contains(s.Id)).ToListAsync(ct);
            foreach (var session in sessions.OrderBy(s => s.StartsAt)) await seats.BookWithinAsync(session, attendeeId, seq, ct);
            return true;
        }, ct);
        seats.AfterCommit(seq);
        if (seq is null) return false;
        search.Invalidate(registration.EventId);
        await pushes.RosterChangedAsync(registration.EventId, seq.Value);
        jobs.Enqueue<ConfirmationMails>(m => m.QueueForEventAsync(registration.EventId, CancellationToken.None));
        log.LogInformation("Registration {RegistrationId} confirmed: attendee {AttendeeId}", registration.Id, registration.AttendeeId ?? created?.Id);
        return true;
    }

    /// <summary>
    /// "Send me my link again": the address's attendee at this event gets the link to "Meine Anmeldung" by mail, within
    /// the per-address share of mails. The caller answers the same whether or not the address is registered.
    /// </summary>
    public async Task RequestLinkAsync(int eventId, string? address, string language, CancellationToken ct)
    {
        var email = RegistrationRules.NormaliseEmail(address);
        if (email is null || email.Length > 254) return;
        var attendee = await db.Attendees.AsNoTracking()
            .Where(a => a.EventId == eventId && a.Email == email && a.Status == AttendeeStatus.Registered && a.AnonymisedAt == null)
            .Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
        if (attendee is null) return;
        language = await db.Registrations.AsNoTracking().Where(r => r.AttendeeId == attendee).Select(r => r.Language).FirstOrDefaultAsync(ct) ?? language;
        await QueueMailAsync(eventId, RegistrationMailKind.MyLink, null, attendee, language, time.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        RegistrationMails.EnqueueNow(jobs, log);
    }

    /// <summary>Every hour: pending registrations older than the confirmation window are deleted, with their mails.</summary>
    public async Task<int> DeleteUnconfirmedAsync(CancellationToken ct)
    {
        var before = time.GetUtcNow() - TimeSpan.FromHours(options.Value.ConfirmHours);
        var stale = db.Registrations.Where(r => r.State == RegistrationState.Pending && r.CreatedAt < before);
        await db.RegistrationMails.Where(m => stale.Any(r => r.Id == m.RegistrationId)).ExecuteDeleteAsync(ct);
        var deleted = await stale.ExecuteDeleteAsync(ct);
        if (deleted > 0) log.LogInformation("{Count} unconfirmed registrations deleted", deleted);
        return deleted;
    }

    private sealed record Known(RegistrationMailKind Kind, Guid? RegistrationId, int? AttendeeId, bool Cancelled = false);

    /// <summary>What this address has at the event already: a pending registration gets its link again, anything else "already registered".</summary>
    private async Task<Known?> KnownAsync(int eventId, string email, CancellationToken ct)
    {
        var earlier = await db.Registrations.AsNoTracking().Where(r => r.EventId == eventId && r.Email == email)
            .Select(r => new { r.Id, r.State }).FirstOrDefaultAsync(ct);
        if (earlier is not null)
            return new(earlier.State is RegistrationState.Pending or RegistrationState.Cancelled ? RegistrationMailKind.ConfirmLink : RegistrationMailKind.AlreadyRegistered,
                earlier.Id, null, earlier.State == RegistrationState.Cancelled);
        var attendee = await db.Attendees.AsNoTracking()
            .Where(a => a.EventId == eventId && a.Email == email && a.Status == AttendeeStatus.Registered && a.AnonymisedAt == null)
            .Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
        return attendee is { } id ? new(RegistrationMailKind.AlreadyRegistered, null, id) : null;
    }

    /// <summary>Queues a mail unless this address had its share this hour (someone typing another person's address again and again).</summary>
    private async Task QueueMailAsync(int eventId, RegistrationMailKind kind, Guid? registrationId, int? attendeeId, string language, DateTimeOffset now, CancellationToken ct)
    {
        var hourAgo = now - TimeSpan.FromHours(1);
        var mails = db.RegistrationMails.Where(m => m.EventId == eventId && m.CreatedAt > hourAgo);
        var recent = registrationId is { } id ? await mails.CountAsync(m => m.RegistrationId == id, ct) : await mails.CountAsync(m => m.AttendeeId == attendeeId, ct);
        if (recent >= options.Value.MailsPerAddressPerHour) return;
        db.RegistrationMails.Add(NewMail(eventId, kind, registrationId, attendeeId, language, now));
    }

    private static RegistrationMail NewMail(int eventId, RegistrationMailKind kind, Guid? registrationId, int? attendeeId, string language, DateTimeOffset now) => new()
    {
        EventId = eventId, Kind = kind, RegistrationId = registrationId, AttendeeId = attendeeId, Language = language,
        Status = ConfirmationMailStatus.Waiting, NextAttemptAt = now, CreatedAt = now,
    };
}
