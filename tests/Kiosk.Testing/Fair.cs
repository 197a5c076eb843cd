using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Kiosk.Server.Attendees;
using Kiosk.Server.Attendees.Import;
using Kiosk.Server.Events;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Testing;

/// <summary>A fresh event with a few imported attendees, an organizer client and helpers: what most tests start from.</summary>
public sealed class Fair
{
    public const string Roster = """
        ID;Titel;Vorname;Nachname;Organisation;Kategorie;E-Mail
        A-1;Dr.;Anna;Müller;Stadt Essen;Besucher;anna.mueller@essen.example
        A-2;;Jürgen;Groß;Kreis Recklinghausen;Referent;j.gross@kreis-re.example
        A-3;;Sören;Weiß;Rathaus Digital GmbH;Aussteller;soeren@rathaus-digital.example
        A-4;;Zoë;Öztürk;WAZ;Presse;zoe@waz.example
        """;

    public required KioskApp App { get; init; }
    public required HttpClient Organizer { get; init; }
    public required EventResponse Event { get; init; }

    public static async Task<Fair> OpenAsync(KioskApp app, string roster = Roster, bool walkIns = false, (DateTimeOffset Starts, DateTimeOffset Ends)? days = null)
    {
        var organizer = await app.OrganizerAsync();
        var evt = await app.CreateEventAsync(organizer, walkIns: walkIns, days: days);
        var fair = new Fair { App = app, Organizer = organizer, Event = evt };
        var result = await fair.ImportAsync(roster);
        Assert.Empty(result.Rejected);
        return fair;
    }

    public async Task<ImportResult> ImportAsync(string csv, bool dryRun = false) =>
        await ImportAsync(Encoding.UTF8.GetBytes(csv), dryRun);

    public async Task<ImportResult> ImportAsync(byte[] file, bool dryRun = false)
    {
        var response = await PostImportAsync(file, dryRun);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ImportResult>(Json.Options))!;
    }

    public async Task<HttpResponseMessage> PostImportAsync(byte[] file, bool dryRun = false)
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(part, "file", "registrations.csv");
        return await Organizer.PostAsync($"/api/events/{Event.Id}/attendees/import?dryRun={dryRun.ToString().ToLowerInvariant()}", content);
    }

    /// <summary>A room of this event (a master class room unless said otherwise), as the organizer creates it.</summary>
    public async Task<Kiosk.Shared.Contracts.RoomOccupancy> RoomAsync(string name, int capacity, Kiosk.Server.Rooms.RoomKind kind = Kiosk.Server.Rooms.RoomKind.MasterClassRoom)
    {
        var response = await Organizer.PostAsJsonAsync($"/api/events/{Event.Id}/rooms", new Kiosk.Server.Rooms.RoomRequest(name, kind, capacity), Json.Options);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Kiosk.Shared.Contracts.RoomOccupancy>(Json.Options))!;
    }

    public Task<Attendee> AttendeeAsync(string externalId) =>
        App.WithDbAsync(db => db.Attendees.AsNoTracking().Include(a => a.Badge).SingleAsync(a => a.EventId == Event.Id && a.ExternalId == externalId));

    /// <summary>By id: after an erasure the registration id is gone too.</summary>
    public Task<Attendee> AttendeeAsync(int attendeeId) =>
        App.WithDbAsync(db => db.Attendees.AsNoTracking().Include(a => a.Badge).SingleAsync(a => a.EventId == Event.Id && a.Id == attendeeId));

    public async Task<string> TokenAsync(int attendeeId) =>
        (await Organizer.GetFromJsonAsync<BadgeTokenResponse>($"/api/attendees/{attendeeId}/badge", Json.Options))!.Token;

    public async Task<string> TokenAsync(string externalId) => await TokenAsync((await AttendeeAsync(externalId)).Id);
}
