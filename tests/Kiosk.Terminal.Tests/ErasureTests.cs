using System.Net.Http.Json;
using System.Text;
using Kiosk.Shared.Contracts;
using Kiosk.Terminal.Scanning;
using Kiosk.Terminal.Tests.Infrastructure;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Terminal.Tests;

/// <summary>Art. 17 on a kiosk PC: the real terminal syncs the erasure and keeps nothing of the person in its files.</summary>
public sealed class ErasureTests(KioskApp server) : IClassFixture<KioskApp>, IAsyncLifetime
{
    private const string First = "Zyxwvutänne", Last = "Markerström", Organization = "Marker-Ölwerk GmbH", Email = "zyx.marker@example.org", Registration = "ZYXREG-4711";
    private const string Roster = $"""
        ID;Titel;Vorname;Nachname;Organisation;Kategorie;E-Mail
        {Registration};Prof.;{First};{Last};{Organization};Besucher;{Email}
        K-1;;Kunigunde;Bleibtreu;Bleibt-Hier AG;Referent;kunigunde@bleibt.example
        """;

    private Fair _fair = null!;
    private TerminalApp _terminal = null!;

    public async ValueTask InitializeAsync()
    {
        _fair = await Fair.OpenAsync(server, Roster);
        var code = await server.NewEnrolmentCodeAsync(_fair.Organizer, _fair.Event.Id);
        _terminal = new TerminalApp(server.BaseAddress, code).Start();
        await _terminal.ReadyAsync(attendees: 2);
    }

    public async ValueTask DisposeAsync() => await _terminal.DisposeAsync();

    [Fact]
    public async Task After_an_erasure_the_kiosk_file_holds_no_trace_of_the_person_and_the_old_badge_is_refused()
    {
        var person = await _fair.AttendeeAsync(Registration);
        var token = await _fair.TokenAsync(person.Id);
        var answer = await _terminal.ScanAsync(token);
        Assert.Equal((ScanResult.Welcome, $"Prof. {First} {Last}"), (answer.Result, answer.Name));
        // The check-in reached the server and the badge was printed: outbox row, answer and print files now exist.
        await Eventually.Async(() => server.WithDbAsync(db => db.CheckIns.CountAsync(c => c.AttendeeId == person.Id)), n => n == 1, "the check-in on the server");
        await Eventually.Async(() => CountAsync("SELECT count(*) FROM print_jobs WHERE state = 'Printed'"), n => n == 1, "the badge printed");
        await Eventually.Async(() => CountAsync("SELECT count(*) FROM outbox WHERE sent_at IS NULL"), n => n == 0, "the outbox sent");
        var file = Path.Combine(_terminal.DataDirectory, "terminal.db");
        var markers = new[]
        {
            First, Last, Organization, token, person.Badge!.Id.ToString(),
            SecondFactorProof.Of(_fair.Event.Id, SecondFactorKind.Email, Email)!,
            SecondFactorProof.Of(_fair.Event.Id, SecondFactorKind.RegistrationNumber, Registration)!,
        };
        Assert.Equal(markers, DatabaseFile.Find(file, markers));
        Assert.NotEmpty(PrintFilesNaming("Zyxwvut"));

        var erase = await _fair.Organizer.PostAsJsonAsync($"/api/attendees/{person.Id}/erase", new { reason = "Art. 17 Anfrage vom 20.11." });
        Assert.True(erase.IsSuccessStatusCode, await erase.Content.ReadAsStringAsync());

        await Eventually.Async(() => Task.FromResult(string.Join(", ", DatabaseFile.Find(file, markers))), found => found.Length == 0, "the erased person gone from the kiosk file");
        Assert.Empty(PrintFilesNaming("Zyxwvut"));
        Assert.Equal(["Kunigunde", "Bleibtreu"], DatabaseFile.Find(file, ["Kunigunde", "Bleibtreu"]));
        var row = await _terminal.Services.GetRequiredService<Offline.Roster>().FindAsync(person.Id);
        Assert.Equal(("—", "—", null, true, null), (row!.FirstName, row.LastName, row.Organization, row.Cancelled, row.EmailProof));

        _terminal.Clock.Advance(TimeSpan.FromMinutes(1)); // past the double-read window of the scanner
        var again = await _terminal.ScanAsync(token);
        Assert.Equal(ScanResult.Unknown, again.Result);
        Assert.Null(again.Name);
    }

    private Task<int> CountAsync(string sql) => _terminal.Services.GetRequiredService<Offline.TerminalStore>().ReadAsync(async c =>
    {
        await using var command = c.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    });

    /// <summary>Files in the virtual printer's folder whose bytes contain <paramref name="ascii"/> (ESC/POS and SVG both carry names as text).</summary>
    private List<string> PrintFilesNaming(string ascii)
    {
        var folder = Path.Combine(_terminal.DataDirectory, "prints");
        return !Directory.Exists(folder) ? [] : Directory.GetFiles(folder)
            .Where(f => File.ReadAllBytes(f).AsSpan().IndexOf(Encoding.ASCII.GetBytes(ascii)) >= 0).ToList();
    }
}

public sealed class OfflineRecordsTests
{
    [Fact]
    public void Records_are_matched_on_badge_id_or_attendee_id_and_anything_else_is_left_alone()
    {
        var badge = Guid.NewGuid();
        Assert.True(Offline.OfflineRecords.Mentions($$"""{"clientScanId":"{{Guid.NewGuid()}}","badgeId":"{{badge}}","firstName":"Käthe"}""", 7, badge));
        Assert.True(Offline.OfflineRecords.Mentions("""{"token":null,"attendeeId":7}""", 7, badge));
        Assert.False(Offline.OfflineRecords.Mentions("""{"token":null,"attendeeId":8}""", 7, badge));
        Assert.False(Offline.OfflineRecords.Mentions("""{"token":"KB04-not-a-token"}""", 7, badge));
        Assert.False(Offline.OfflineRecords.Mentions("{}", 7, badge));
        Assert.False(Offline.OfflineRecords.Mentions("not json", 7, badge));
    }
}
