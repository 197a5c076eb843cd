using System.Net.Http.Json;
using Kiosk.Server.Data;
using Kiosk.Server.Demo;
using Kiosk.Server.Events;
using Kiosk.Server.Reports;
using Kiosk.Shared.Badges;
using Kiosk.Shared.Contracts;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Server.Tests;

/// <summary>The demo server (<c>--seed-demo</c>) on its first start: a fair with master classes already booked and handout notes set.</summary>
public class DemoSeedTests(DemoSeedTests.DemoApp app) : IClassFixture<DemoSeedTests.DemoApp>
{
    public sealed class DemoApp() : KioskApp(Engine.Sqlite, new() { ["Demo:Seed"] = "true" });

    [Fact]
    public async Task The_demo_fair_has_booked_master_classes_a_waitlist_and_handout_notes()
    {
        var organizer = await app.OrganizerAsync();
        var events = (await organizer.GetFromJsonAsync<List<EventResponse>>("/api/events", Json.Options))!;
        var demo = events.Single(e => e.Name == DemoEvent.Name);

        var sessions = (await organizer.GetFromJsonAsync<List<SessionReportRow>>($"/api/events/{demo.Id}/reports/sessions", Json.Options))!;
        var classes = sessions.Where(s => s.MasterClass).ToList();
        Assert.NotEmpty(classes);
        Assert.All(classes, s => Assert.InRange(s.Booked, 1, s.Capacity));
        Assert.Contains(classes, s => s.Booked == s.Capacity && s.Waitlisted == DemoBookings.Waitlist);
        Assert.All(sessions.Where(s => !s.MasterClass), s => Assert.Equal(0, s.Booked));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KioskDb>();
            var seats = await db.SessionBookings.Select(b => b.AttendeeId).Concat(db.SessionWaitlist.Select(w => w.AttendeeId)).ToListAsync();
            Assert.Equal(seats.Count, seats.Distinct().Count()); // nobody holds two seats, or a seat and a place on a waitlist
        }

        var handouts = (await organizer.GetFromJsonAsync<HandoutsView>($"/api/events/{demo.Id}/handouts", Json.Options))!;
        Assert.Equal([AttendeeCategory.Exhibitor, AttendeeCategory.Speaker, AttendeeCategory.Press],
            handouts.Categories.Where(c => c.Note is not null).Select(c => c.Category).Order());

        // A kiosk's roster copy carries each booked attendee's master class, so the badge prints the programme.
        var (terminal, _) = await app.EnrolTerminalAsync(organizer, demo.Id);
        var rows = new List<RosterEntry>();
        var page = (await terminal.GetFromJsonAsync<RosterPage>("/api/terminal/roster", Json.Options))!;
        rows.AddRange(page.Attendees);
        while (!page.Complete)
        {
            page = (await terminal.GetFromJsonAsync<RosterPage>($"/api/terminal/roster?since={page.NextSince}&after={page.NextAfter}", Json.Options))!;
            rows.AddRange(page.Attendees);
        }
        Assert.Equal(classes.Sum(s => s.Booked), rows.Count(r => r.Sessions is { Count: 1 }));
        Assert.Contains(rows, r => r.Sessions is [{ HandoutNote: not null }]);
    }
}
