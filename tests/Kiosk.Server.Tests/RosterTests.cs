using System.Net;
using System.Net.Http.Json;
using Kiosk.Testing;
using Kiosk.Shared.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

namespace Kiosk.Server.Tests;

public class RosterTests(KioskApp app) : IClassFixture<KioskApp>
{
    [Fact]
    public async Task A_terminal_copies_the_roster_page_by_page_without_e_mail_addresses()
    {
        var fair = await Fair.OpenAsync(app);
        var (terminal, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);

        var first = await terminal.GetFromJsonAsync<RosterPage>("/api/terminal/roster?since=0&after=0&limit=3", Json.Options);
        Assert.False(first!.Complete);
        var rest = await terminal.GetFromJsonAsync<RosterPage>($"/api/terminal/roster?since={first.NextSince}&after={first.NextAfter}&limit=3", Json.Options);
        Assert.True(rest!.Complete);

        var all = first.Attendees.Concat(rest.Attendees).ToList();
        Assert.Equal(["Anna", "Jürgen", "Sören", "Zoë"], all.Select(a => a.FirstName).Order());
        var anna = all.Single(a => a.LastName == "Müller");
        Assert.True(SecondFactorProof.Matches(anna.EmailProof, fair.Event.Id, SecondFactorKind.Email, " Anna.Mueller@Essen.example"));
        Assert.False(SecondFactorProof.Matches(anna.EmailProof, fair.Event.Id, SecondFactorKind.Email, "anna@essen.example"));
        Assert.True(SecondFactorProof.Matches(anna.RegistrationNumberProof, fair.Event.Id, SecondFactorKind.RegistrationNumber, "a-1"));

        Assert.True(Kiosk.Shared.Badges.BadgeToken.TryParse(anna.BadgeToken, out var token));
        Assert.Equal((anna.BadgeId, anna.BadgeVersion, fair.Event.Id), (token.Claims.BadgeId, token.Claims.BadgeVersion, token.Claims.EventId));

        var raw = await terminal.GetStringAsync("/api/terminal/roster?since=0");
        Assert.DoesNotContain("@", raw);
    }

    [Fact]
    public async Task After_a_change_only_the_changed_attendee_is_in_the_delta()
    {
        var fair = await Fair.OpenAsync(app);
        var (terminal, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var copy = await terminal.GetFromJsonAsync<RosterPage>("/api/terminal/roster", Json.Options);

        await fair.ImportAsync(Fair.Roster.Replace("Kreis Recklinghausen", "Stadt Recklinghausen"));
        var delta = await terminal.GetFromJsonAsync<RosterPage>($"/api/terminal/roster?since={copy!.NextSince}&after={copy.NextAfter}", Json.Options);

        var changed = Assert.Single(delta!.Attendees);
        Assert.Equal("Stadt Recklinghausen", changed.Organization);
        Assert.True(changed.Seq > copy.NextSince);
        var nothing = await terminal.GetFromJsonAsync<RosterPage>($"/api/terminal/roster?since={delta.NextSince}&after={delta.NextAfter}", Json.Options);
        Assert.Empty(nothing!.Attendees);
        Assert.True(nothing.Complete);
    }

    [Fact]
    public async Task Roster_is_for_terminals_only_and_rejects_a_bad_cursor()
    {
        var fair = await Fair.OpenAsync(app);
        var (terminal, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await fair.Organizer.GetAsync("/api/terminal/roster")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/terminal/roster")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await terminal.GetAsync("/api/terminal/roster?since=-1")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await terminal.GetAsync("/api/terminal/roster?limit=100000")).StatusCode);
    }

    [Fact]
    public async Task Profile_names_the_event_and_its_second_factor()
    {
        var fair = await Fair.OpenAsync(app);
        var (terminal, enrolment) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id, "Eingang Süd");
        var profile = await terminal.GetFromJsonAsync<TerminalProfile>("/api/terminal/profile", Json.Options);
        Assert.Equal(enrolment.TerminalId, profile!.TerminalId);
        Assert.Equal("Eingang Süd", profile.TerminalName);
        Assert.Equal(fair.Event.Name, profile.EventName);
        Assert.Equal(SecondFactorKind.Email, profile.SecondFactor);
    }

    [Fact]
    public async Task Connected_terminal_hears_of_an_import_and_its_heartbeat_is_recorded()
    {
        var fair = await Fair.OpenAsync(app);
        var (_, enrolment) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, "/hubs/terminal"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(enrolment.TerminalKey))
            .Build();
        var pushed = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<long>("rosterChanged", seq => pushed.TrySetResult(seq));
        await hub.StartAsync();

        var answer = await hub.InvokeAsync<HeartbeatAnswer>("Heartbeat", new TerminalHeartbeat("1.2.3", 4, "PaperOut", "lobby"));
        await fair.ImportAsync(Fair.Roster.Replace("WAZ", "WAZ Essen"));
        var seq = await pushed.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(seq > answer.RosterSeq);
        var terminals = await fair.Organizer.GetStringAsync($"/api/events/{fair.Event.Id}/terminals");
        Assert.Contains("\"lastSeenAt\":\"", terminals);
        var row = await app.WithDbAsync(db => Task.FromResult(db.Terminals.Single(t => t.Id == enrolment.TerminalId)));
        Assert.Equal(("1.2.3", 4, "PaperOut"), (row.AppVersion, row.OutboxLength, row.PrinterState));
    }
}
