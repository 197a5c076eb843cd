using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Kiosk.Server.Attendees;
using Kiosk.Server.Attendees.Import;
using Kiosk.Shared.Badges;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Tests.Import;

public sealed class SqliteImportMappingTests(KioskApp app) : ImportMappingTests<KioskApp>(app);

public sealed class PostgresImportMappingTests(PostgresKioskApp app) : ImportMappingTests<PostgresKioskApp>(app);

/// <summary>The import preview and the organizer's column and category choices, kept per event and read by every import (real HTTP, real database).</summary>
public abstract class ImportMappingTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : KioskApp
{
    /// <summary>An export whose headers no preset knows: "Kennung" is the id, "Name der Person" the last name, "Teilnahmeart" the category.</summary>
    internal static readonly byte[] OddExport = Encoding.UTF8.GetBytes("""
        Kennung;Vorname;Name der Person;Behörde;Mail;Teilnahmeart;Anmeldestatus
        K-1;Ömer;Yılmaz;Stadt Essen;o.yilmaz@essen.example;Mandatsträger;Bezahlt
        K-2;Žaneta;Nováková;Kreis Wesel;;Besucher;Bezahlt
        K-3;Li;Wei;Stadt Bochum;;mandatsträger;Storniert
        """.Replace("\r\n", "\n", StringComparison.Ordinal));

    private static MultipartFormDataContent File(byte[] bytes)
    {
        var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(part, "file", "export.csv");
        return content;
    }

    private static async Task<ImportPreview> PreviewAsync(HttpClient organizer, int eventId, byte[] bytes)
    {
        var response = await organizer.PostAsync($"/api/events/{eventId}/imports/preview", File(bytes));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ImportPreview>(Json.Options))!;
    }

    [Fact]
    public async Task The_preview_shows_what_is_read_and_the_chosen_mapping_is_kept_per_event_and_used_by_the_background_import()
    {
        app.RequireEngine();
        var organizer = await app.OrganizerAsync();
        var evt = await app.CreateEventAsync(organizer);

        var first = await PreviewAsync(organizer, evt.Id, OddExport);
        Assert.NotNull(first.Error); // no name column yet
        Assert.Equal(
            [("Kennung", null), ("Vorname", RegistrationField.FirstName), ("Name der Person", null), ("Behörde", RegistrationField.Organization),
                ("Mail", RegistrationField.Email), ("Teilnahmeart", null), ("Anmeldestatus", RegistrationField.Status)],
            first.Columns.Select(c => (c.Header, c.Field)));
        Assert.Equal(["K-1", "Ömer", "Yılmaz", "Stadt Essen", "o.yilmaz@essen.example", "Mandatsträger", "Bezahlt"], first.Sample[0]);
        Assert.Equal(3, first.Sample.Count);
        Assert.Equal(0, await app.WithDbAsync(db => db.Attendees.CountAsync(a => a.EventId == evt.Id))); // a preview writes nothing

        // The organizer names the three columns: the preview reads the file, and lists the category word nobody knows.
        var columns = new[]
        {
            new ColumnChoice("Kennung", RegistrationField.ExternalId), new ColumnChoice("Vorname", RegistrationField.FirstName),
            new ColumnChoice("name der person", RegistrationField.LastName), new ColumnChoice("Teilnahmeart", RegistrationField.Category),
        };
        var saved = await organizer.PutAsJsonAsync($"/api/events/{evt.Id}/import-mapping", new ImportMappingRequest(columns, null), Json.Options);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(["Kennung", "name der person", "Teilnahmeart"], (await saved.Content.ReadFromJsonAsync<ImportMappingRequest>(Json.Options))!.Columns!.Select(c => c.Header));
        var mapped = await PreviewAsync(organizer, evt.Id, OddExport);
        Assert.Null(mapped.Error);
        Assert.Equal((3, 0), (mapped.Rows, mapped.RejectedCount));
        Assert.Equal([true, false, true, false, false, true, false], mapped.Columns.Select(c => c.Chosen));
        Assert.Equal([new UnknownCategory("Mandatsträger", 2)], mapped.UnknownCategories);

        // "Mandatsträger" (elected officials, any case) are speakers at this event.
        (await organizer.PutAsJsonAsync($"/api/events/{evt.Id}/import-mapping",
            new ImportMappingRequest(columns, [new CategoryChoice("Mandatsträger", AttendeeCategory.Speaker)]), Json.Options)).EnsureSuccessStatusCode();
        var chosen = await PreviewAsync(organizer, evt.Id, OddExport);
        Assert.Empty(chosen.UnknownCategories);
        Assert.Equal([new CategoryChoice("Mandatsträger", AttendeeCategory.Speaker)], chosen.Categories);

        // The background import reads with the event's choices.
        var run = await ImportRunTests<TApp>.UploadAsync(organizer, evt.Id, OddExport);
        var queued = (await run.Content.ReadFromJsonAsync<ImportRunView>(Json.Options))!;
        var done = await Eventually.Async(async () => (await organizer.GetFromJsonAsync<ImportRunView>($"/api/imports/{queued.Id}", Json.Options))!,
            r => r.Status is ImportRunStatus.Done or ImportRunStatus.Failed, "the import run", seconds: 60);
        Assert.Equal((ImportRunStatus.Done, 3, 0), (done.Status, done.Created, done.RejectedCount));
        var people = await app.WithDbAsync(db => db.Attendees.AsNoTracking().Where(a => a.EventId == evt.Id).OrderBy(a => a.ExternalId).ToListAsync());
        Assert.Equal(
            [("K-1", "Yılmaz", AttendeeCategory.Speaker, AttendeeStatus.Registered), ("K-2", "Nováková", AttendeeCategory.Visitor, AttendeeStatus.Registered),
                ("K-3", "Wei", AttendeeCategory.Speaker, AttendeeStatus.Cancelled)],
            people.Select(p => (p.ExternalId, p.LastName, p.Category, p.Status)));
        Assert.True(await app.WithDbAsync(db => db.AuditLog.AnyAsync(e => e.EventId == evt.Id && e.Action == "import.mapping-changed")));

        // Another event has its own choices (none): the same file has no name column there, on the direct route too.
        var other = await app.CreateEventAsync(organizer, "dikomm 2027");
        var direct = await organizer.PostAsync($"/api/events/{other.Id}/attendees/import", File(OddExport));
        Assert.Equal(HttpStatusCode.BadRequest, direct.StatusCode);
        Assert.Contains("No name column", await direct.Content.ReadAsStringAsync());
        var mapping = await organizer.GetFromJsonAsync<ImportMappingRequest>($"/api/events/{other.Id}/import-mapping", Json.Options);
        Assert.Empty(mapping!.Columns!);
    }

    [Fact]
    public async Task The_direct_import_lists_unknown_category_words_and_a_bad_mapping_gets_a_field_error_not_a_500()
    {
        app.RequireEngine();
        var organizer = await app.OrganizerAsync();
        var evt = await app.CreateEventAsync(organizer);
        var file = Encoding.UTF8.GetBytes("ID;Vorname;Nachname;Kategorie\nU-1;Anna;Müller;Early Bird\nU-2;Jörg;Weiß;Besucher\nU-3;Zoë;Öztürk;early bird\n");
        var response = await organizer.PostAsync($"/api/events/{evt.Id}/attendees/import?dryRun=true", File(file));
        var result = (await response.Content.ReadFromJsonAsync<ImportResult>(Json.Options))!;
        Assert.Equal([new UnknownCategory("Early Bird", 2)], result.UnknownCategories);

        var bad = await organizer.PutAsync($"/api/events/{evt.Id}/import-mapping",
            new StringContent("""{"columns":[{"header":"Kennung","field":"Geburtstag"}]}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var empty = await organizer.PutAsJsonAsync($"/api/events/{evt.Id}/import-mapping", new { columns = new[] { new { header = "", field = "LastName" } } });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }
}
