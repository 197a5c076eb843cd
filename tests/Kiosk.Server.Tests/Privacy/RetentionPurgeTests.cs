using System.Net;
using System.Net.Http.Json;
using Kiosk.Shared.Contracts;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Tests.Privacy;

/// <summary>SQLite: the markers are searched in the bytes of the database file, its WAL and SHM.</summary>
public sealed class SqliteRetentionPurgeTests(KioskApp app) : RetentionPurgeTests<KioskApp>(app)
{
    protected override async Task<List<string>> FindAsync(MarkerFair fair, string[] markers) =>
        DatabaseFile.Find(await DatabaseFile.PathAsync(App), markers);
}

/// <summary>PostgreSQL: the markers are searched in every text column of every table (badge ids are uuids there, checked apart).</summary>
public sealed class PostgresRetentionPurgeTests(PostgresKioskApp app) : RetentionPurgeTests<PostgresKioskApp>(app)
{
    protected override Task<List<string>> FindAsync(MarkerFair fair, string[] markers) => TextColumns.FindAsync(App, markers);
    protected override bool BadgeIdsAreText => false;
}

public sealed class SqlServerRetentionPurgeTests(SqlServerKioskApp app) : RetentionPurgeTests<SqlServerKioskApp>(app)
{
    protected override Task<List<string>> FindAsync(MarkerFair fair, string[] markers) => TextColumns.FindAsync(App, markers);
    protected override bool BadgeIdsAreText => false;
}

/// <summary>The retention purge on every engine: no personal data left behind, every count still the same.</summary>
public abstract class RetentionPurgeTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : KioskApp
{
    protected TApp App => app;
    protected virtual bool BadgeIdsAreText => true;
    protected abstract Task<List<string>> FindAsync(MarkerFair fair, string[] markers);

    [Fact]
    public async Task Purge_after_the_retention_period_leaves_no_personal_data_and_keeps_every_count()
    {
        app.RequireEngine();
        var fair = await MarkerFair.OpenAsync(app);
        var markers = fair.PersonalMarkers.Where(m => BadgeIdsAreText || !Guid.TryParse(m, out _)).Append(fair.OtherFirst).Append(fair.OtherEmail).ToArray();
        await fair.EndedDaysAgoAsync(app, 31);
        // The search sees the data before: without this, an empty result would prove nothing.
        Assert.Equal(markers, await FindAsync(fair, markers));
        var counts = await fair.CountsAsync(app);
        var audit = await AuditAsync(fair.EventId);

        Assert.Contains(fair.EventId, await MarkerFair.RunRetentionAsync(app));

        Assert.Empty(await FindAsync(fair, markers));
        Assert.Equal(counts, await fair.CountsAsync(app));
        var after = await AuditAsync(fair.EventId);
        Assert.Equal(audit.Select(e => e with { Details = null }), after.SkipLast(1));
        var purged = after[^1];
        Assert.Equal(("privacy.event-purged", "retention"), (purged.Action, purged.Actor));
        Assert.StartsWith("attendees 4, badges replaced 4, walk-in badges 2, staff reasons and notes 1", purged.Details);

        var people = await app.WithDbAsync(db => db.Attendees.AsNoTracking().Include(a => a.Badge).Where(a => a.EventId == fair.EventId).ToListAsync());
        Assert.All(people, a => Assert.Equal(("—", "—", null, null, null, null), (a.FirstName, a.LastName, a.Title, a.Organization, a.Email, a.ExternalId)));
        Assert.All(people, a => Assert.NotNull(a.AnonymisedAt));
        Assert.DoesNotContain(people, a => a.Badge!.Id == fair.MarkerBadge || a.Badge.Id == fair.WalkInBadge);
        Assert.Equal(4, people.Count(a => a.Status == Attendees.AttendeeStatus.Registered));
        Assert.NotNull(await app.WithDbAsync(db => db.Events.Where(e => e.Id == fair.EventId).Select(e => e.PurgedAt).SingleAsync()));

        // The old badge no longer finds anybody.
        var scan = await fair.Kiosk.PostAsJsonAsync("/api/checkins", new CheckInRequest(fair.MarkerToken, null, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options);
        var outcome = (await scan.Content.ReadFromJsonAsync<CheckInResponse>(Json.Options))?.Outcome;
        Assert.True(outcome is CheckInOutcome.Unknown or CheckInOutcome.Invalid, $"old badge: {(int)scan.StatusCode} {outcome}");
    }

    [Fact]
    public async Task Erasure_of_one_attendee_removes_only_that_persons_data()
    {
        app.RequireEngine();
        var fair = await MarkerFair.OpenAsync(app);
        var person = fair.MarkerPersonOnly.Where(m => BadgeIdsAreText || !Guid.TryParse(m, out _)).ToArray();
        string[] others = [fair.OtherFirst, fair.OtherEmail, fair.WalkInFirst, fair.WalkInEmail];
        Assert.Equal(person, await FindAsync(fair, person));

        var erase = await fair.Fair.Organizer.PostAsJsonAsync($"/api/attendees/{fair.MarkerId}/erase", new Kiosk.Server.Privacy.EraseRequest($"Anfrage von {fair.Last}"));
        Assert.True(erase.IsSuccessStatusCode, await erase.Content.ReadAsStringAsync());

        Assert.Empty(await FindAsync(fair, person));
        Assert.Equal(others, await FindAsync(fair, others));
        var erased = await app.WithDbAsync(db => db.Attendees.AsNoTracking().Include(a => a.Badge).SingleAsync(a => a.Id == fair.MarkerId));
        Assert.Equal((Attendees.AttendeeStatus.Cancelled, "—"), (erased.Status, erased.FirstName));
        Assert.NotEqual(fair.MarkerBadge, erased.Badge!.Id);
        Assert.Equal(HttpStatusCode.Conflict, (await fair.Fair.Organizer.PostAsJsonAsync($"/api/attendees/{fair.MarkerId}/erase", new Kiosk.Server.Privacy.EraseRequest("nochmal"))).StatusCode);
    }

    private sealed record AuditRow(long Id, DateTimeOffset At, string Actor, string Action, int? AttendeeId, int? TerminalId, string? Details);

    private Task<List<AuditRow>> AuditAsync(int eventId) => app.WithDbAsync(db => db.AuditLog.AsNoTracking().Where(e => e.EventId == eventId).OrderBy(e => e.Id)
        .Select(e => new AuditRow(e.Id, e.At, e.Actor, e.Action, e.AttendeeId, e.TerminalId, e.Details)).ToListAsync());
}
