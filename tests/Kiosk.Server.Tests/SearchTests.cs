using System.Net;
using System.Net.Http.Json;
using Kiosk.Server.Attendees;
using Kiosk.Testing;

namespace Kiosk.Server.Tests;

public class SearchTests(KioskApp app) : IClassFixture<KioskApp>
{
    private const string ManyMuellers = """
        ID;Vorname;Nachname;Organisation;E-Mail
        M-1;Anna;Müller;Stadt Essen;a1@x.example
        M-2;Bernd;Mueller;Stadt Bochum;a2@x.example
        M-3;Clara;Muller;Stadt Köln;a3@x.example
        M-4;Dieter;Müller-Lüdenscheidt;Kreis Lippe;a4@x.example
        M-5;Eva;Möller;Stadt Hürth;a5@x.example
        M-6;Frank;Müllner;Stadt Solingen;a6@x.example
        M-7;Gerd;Müller;Stadt Fürth;a7@x.example
        M-8;Heike;Straßburger;Stadt Neuss;a8@x.example
        """;

    [Theory]
    [InlineData("Müller")]
    [InlineData("mueller")]
    [InlineData("MULLER")]
    public async Task Staff_finds_every_spelling_of_mueller_exact_matches_first(string query)
    {
        var fair = await Fair.OpenAsync(app, ManyMuellers);
        var hits = await fair.Organizer.GetFromJsonAsync<AttendeeResponse[]>($"/api/events/{fair.Event.Id}/attendees/search?q={Uri.EscapeDataString(query)}", Json.Options);

        var exact = new[] { "M-1", "M-2", "M-3", "M-7" };
        Assert.Equal(exact.Order(), hits!.Take(4).Select(h => h.ExternalId!).Order());
        Assert.Contains(hits!, h => h.ExternalId == "M-4"); // prefix of a double name
    }

    [Fact]
    public async Task Sharp_s_and_typos_are_forgiven()
    {
        var fair = await Fair.OpenAsync(app, ManyMuellers);
        var hits = await fair.Organizer.GetFromJsonAsync<AttendeeResponse[]>($"/api/events/{fair.Event.Id}/attendees/search?q=heike+strasburger", Json.Options);
        Assert.Equal("M-8", hits![0].ExternalId);
    }

    [Fact]
    public async Task Kiosk_gets_at_most_five_hits_with_the_last_name_as_initial()
    {
        var fair = await Fair.OpenAsync(app, ManyMuellers);
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);

        var json = await kiosk.GetStringAsync($"/api/events/{fair.Event.Id}/attendees/search?q=muller");
        var hits = System.Text.Json.JsonSerializer.Deserialize<KioskSearchHit[]>(json, Json.Options)!;

        Assert.Equal(5, hits.Length);
        Assert.All(hits, h => Assert.Equal("M.", h.LastNameInitial));
        Assert.DoesNotContain("@", json);
        Assert.DoesNotContain("Müller", json);
    }

    [Theory]
    [InlineData("")]
    [InlineData("mü")]
    [InlineData("a b")]
    public async Task Queries_under_three_letters_are_refused_so_the_roster_cannot_be_browsed(string query)
    {
        var fair = await Fair.OpenAsync(app, ManyMuellers);
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var response = await kiosk.GetAsync($"/api/events/{fair.Event.Id}/attendees/search?q={Uri.EscapeDataString(query)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Kiosk_cannot_search_another_events_roster()
    {
        var fair = await Fair.OpenAsync(app, ManyMuellers);
        var other = await Fair.OpenAsync(app, ManyMuellers);
        var (kiosk, _) = await app.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        var response = await kiosk.GetAsync($"/api/events/{other.Event.Id}/attendees/search?q=muller");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Imported_attendee_is_findable_right_after_the_import()
    {
        var fair = await Fair.OpenAsync(app, ManyMuellers);
        await fair.Organizer.GetStringAsync($"/api/events/{fair.Event.Id}/attendees/search?q=muller"); // warm the index
        await fair.ImportAsync("ID;Vorname;Nachname\nN-1;Ömer;Yıldırım\n");

        var hits = await fair.Organizer.GetFromJsonAsync<AttendeeResponse[]>($"/api/events/{fair.Event.Id}/attendees/search?q=omer+yildirim", Json.Options);
        Assert.Equal("N-1", Assert.Single(hits!).ExternalId);
    }
}
