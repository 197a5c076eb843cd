using System.Globalization;
using System.Net.Http.Json;
using Kiosk.Server.Events;
using Kiosk.Server.Rooms;
using Kiosk.Shared.Badges;
using Kiosk.Shared.Printing.EscPos;
using Kiosk.Terminal.Offline;
using Kiosk.Terminal.Scanning;
using Kiosk.Terminal.Tests.Infrastructure;
using Kiosk.Testing;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Kiosk.Terminal.Tests;

/// <summary>
/// Handout notes and the badge's programme at a kiosk printing to a printer on a real loopback TCP port (issue 13,
/// point 4): what the organizer sets reaches a running kiosk by its normal sync, the welcome answer carries the notes,
/// and the badge the session lines.
/// </summary>
public sealed class HandoutsAtKioskTests(KioskApp server) : IClassFixture<KioskApp>, IAsyncLifetime
{
    private static readonly TimeZoneInfo Essen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    // Tomorrow at 10:30 in Essen: not over when the kiosk decides, and on another day than today.
    private static readonly DateTimeOffset Tomorrow = LocalTomorrowAt(10, 30);

    private Fair _fair = null!;
    private CapturingPrinter _printer = null!;
    private TerminalApp _terminal = null!;
    private int _roomId;

    public async ValueTask InitializeAsync()
    {
        _fair = await Fair.OpenAsync(server);
        _roomId = (await _fair.RoomAsync("Raum Ruhr", 40)).RoomId;
        _printer = new CapturingPrinter();
        var code = await server.NewEnrolmentCodeAsync(_fair.Organizer, _fair.Event.Id);
        _terminal = new TerminalApp(server.BaseAddress, code, new()
        {
            ["Printer:Kind"] = "Network", ["Printer:Host"] = "127.0.0.1", ["Printer:Port"] = _printer.Port.ToString(),
        }).Start();
        await _terminal.ReadyAsync(attendees: 4);
    }

    public async ValueTask DisposeAsync()
    {
        await _terminal.DisposeAsync();
        await _printer.DisposeAsync();
    }

    [Fact]
    public async Task Notes_set_while_the_kiosk_runs_reach_it_and_the_welcome_carries_them_category_first()
    {
        var juergen = await _fair.AttendeeAsync("A-2"); // Speaker
        var session = await SessionAsync("KI in der Verwaltung", Tomorrow);
        var later = await SessionAsync("OZG 2.0", Tomorrow.AddHours(2));
        var over = await SessionAsync("Frühstück", DateTimeOffset.UtcNow.AddHours(-3));
        await BookAsync(session.Id, juergen.Id);
        await BookAsync(later.Id, juergen.Id);
        await BookAsync(over.Id, juergen.Id);
        await PutAsync($"/api/events/{_fair.Event.Id}/handouts/Speaker", "Bitte Lanyard ‚Referent' am Counter 2 abholen");
        await PutAsync($"/api/sessions/{session.Id}/handout", "Unterlagen am Counter 3");
        await PutAsync($"/api/sessions/{over.Id}/handout", "Kaffee im Foyer");

        var state = _terminal.Services.GetRequiredService<TerminalState>();
        await Eventually.Async(() => Task.FromResult(state.Profile?.Handouts), h => h is [{ Category: AttendeeCategory.Speaker }], "the category note in the kiosk's profile");
        var roster = _terminal.Services.GetRequiredService<Roster>();
        await Eventually.Async(() => roster.FindAsync(juergen.Id), p => p?.Sessions?.FirstOrDefault()?.HandoutNote is not null && p.Sessions.Count == 3, "the session note in the roster copy");

        var answer = await _terminal.ScanAsync(await _fair.TokenAsync("A-2"));
        Assert.Equal(ScanResult.Welcome, answer.Result);
        var day = TimeZoneInfo.ConvertTime(Tomorrow, Essen).ToString("dd.MM.", CultureInfo.InvariantCulture);
        Assert.Equal([new HandoutNote("Bitte Lanyard ‚Referent' am Counter 2 abholen"), new HandoutNote("Unterlagen am Counter 3", $"{day} 10:30", "Raum Ruhr", "KI in der Verwaltung")],
            answer.Notes!);

        // The badge lists the sessions still to come, at venue time, in the printer's code page.
        var texts = EscPosReader.Read(await _printer.NextJobAsync()).OfType<PrintedText>().ToList();
        Assert.Contains(texts, t => t.Bytes.SequenceEqual(Pc858.Encode("10:30 Raum Ruhr · KI in der Verwaltung")));
        Assert.Contains(texts, t => t.Bytes.SequenceEqual(Pc858.Encode("12:30 Raum Ruhr · OZG 2.0")));
        Assert.DoesNotContain(texts, t => t.Latin1.Contains("hst\u0081ck")); // "Frühstück" is over
    }

    [Fact]
    public async Task Nobody_without_notes_sees_any_and_a_badge_without_sessions_is_as_small_as_ever()
    {
        await PutAsync($"/api/events/{_fair.Event.Id}/handouts/Press", "Pressemappe am Infostand");
        var answer = await _terminal.ScanAsync(await _fair.TokenAsync("A-1")); // a visitor: no note for visitors, nothing booked
        Assert.Equal(ScanResult.Welcome, answer.Result);
        Assert.Null(answer.Notes);
        var job = await _printer.NextJobAsync();
        Assert.InRange(job.Length, 300, 420);
        Assert.DoesNotContain(EscPosReader.Read(job).OfType<PrintedText>(), t => t.Latin1.Contains(" · "));
    }

    [Fact]
    public async Task A_reprint_ordered_at_the_desk_lists_the_programme_too_and_a_title_outside_the_code_page_prints_as_a_picture()
    {
        Assert.SkipWhen(SKFontManager.Default.MatchFamily("Noto Sans") is null, "The Noto fonts (Debian fonts-noto-core) are not installed; scripts/test.sh installs them.");
        var anna = await _fair.AttendeeAsync("A-1");
        var greek = await SessionAsync("Ψηφιακή διοίκηση", Tomorrow);
        await BookAsync(greek.Id, anna.Id);
        var roster = _terminal.Services.GetRequiredService<Roster>();
        await Eventually.Async(() => roster.FindAsync(anna.Id), p => p?.Sessions is { Count: 1 }, "the booking in the roster copy");
        var terminals = await _fair.Organizer.GetFromJsonAsync<List<Kiosk.Server.Terminals.TerminalResponse>>($"/api/events/{_fair.Event.Id}/terminals", Json.Options);

        var ordered = await _fair.Organizer.PostAsJsonAsync($"/api/attendees/{anna.Id}/reprints", new { terminalId = terminals!.Single().Id, reason = "Papierstau" });
        Assert.Equal(System.Net.HttpStatusCode.Created, ordered.StatusCode);

        var printed = EscPosReader.Read(await _printer.NextJobAsync(seconds: 30));
        Assert.Contains(printed.OfType<PrintedText>(), t => t.Bytes.SequenceEqual(Pc858.Encode("M\u00FCller"))); // the name stays text
        var picture = Assert.Single(printed.OfType<PrintedImage>()); // the session line is the badge's only picture
        Assert.Equal(24, picture.PrintedHeight);
        Assert.InRange(picture.Ink, 0.03, 0.6);
        Assert.IsType<PrintedImage>(printed[^1]); // after the QR code, at the end of the badge
    }

    [Fact]
    public async Task The_virtual_printers_preview_shows_the_programme_the_printer_gets()
    {
        Assert.SkipWhen(SKFontManager.Default.MatchFamily("Noto Sans") is null, "The Noto fonts (Debian fonts-noto-core) are not installed; scripts/test.sh installs them.");
        var zoe = await _fair.AttendeeAsync("A-4");
        string[] titles = ["KI in der Verwaltung", "Bürgerämter digital: Öffnungszeiten für alle", "Ψηφιακή διοίκηση", "Informationssicherheit nach BSI-Grundschutz für kommunale Rechenzentren", "OZG 2.0", "Smart City"];
        for (var i = 0; i < titles.Length; i++) await BookAsync((await SessionAsync(titles[i], Tomorrow.AddHours(i))).Id, zoe.Id);
        var code = await server.NewEnrolmentCodeAsync(_fair.Organizer, _fair.Event.Id, "Eingang Vorschau");
        await using var kiosk = new TerminalApp(server.BaseAddress, code).Start(); // Printer:Kind Virtual
        await kiosk.ReadyAsync(attendees: 4);
        await Eventually.Async(() => kiosk.Services.GetRequiredService<Roster>().FindAsync(zoe.Id), p => p?.Sessions is { Count: 6 }, "the bookings in the roster copy");

        var answer = await kiosk.ScanAsync(await _fair.TokenAsync("A-4"));
        var svg = await kiosk.Local.GetStringAsync(answer.Preview);
        await File.WriteAllTextAsync(Path.Combine(KioskBrowser.Shots, "handouts-badge-preview.svg"), svg);
        var job = await File.ReadAllBytesAsync(Path.Combine(kiosk.DataDirectory, "prints", answer.Preview!.Split('/')[^1].Replace(".svg", ".bin")));

        string[] lines = ["10:30 Raum Ruhr · KI in der Verwaltung", "11:30 Raum Ruhr · Bürgerämter digital: Öffnun...", "13:30 Raum Ruhr · Informationssicherheit nach...", "+2 weitere"];
        var printed = EscPosReader.Read(job);
        foreach (var line in lines)
        {
            Assert.Contains(printed.OfType<PrintedText>(), t => t.Bytes.SequenceEqual(Pc858.Encode(line)));
            Assert.Contains(System.Security.SecurityElement.Escape(line), svg);
        }
        var shown = Assert.Single(PreviewReader.Pictures(svg));
        Assert.Equal("12:30 Raum Ruhr · Ψηφιακή διοίκηση", shown.Text);
        Assert.True(shown.Image.SameInkAs(Assert.Single(printed.OfType<PrintedImage>())), "the preview shows other dots than the printer gets");
    }

    private static DateTimeOffset LocalTomorrowAt(int hour, int minute)
    {
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Essen).Date.AddDays(1).AddHours(hour).AddMinutes(minute);
        return new DateTimeOffset(local, Essen.GetUtcOffset(local)).ToUniversalTime();
    }

    private async Task<SessionResponse> SessionAsync(string title, DateTimeOffset starts)
    {
        var response = await _fair.Organizer.PostAsJsonAsync($"/api/events/{_fair.Event.Id}/rooms/{_roomId}/sessions", new SessionRequest(title, starts, starts.AddMinutes(90)), Json.Options);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SessionResponse>(Json.Options))!;
    }

    private async Task BookAsync(int sessionId, int attendeeId) =>
        (await _fair.Organizer.PostAsJsonAsync($"/api/sessions/{sessionId}/bookings", new BookingRequest([attendeeId]), Json.Options)).EnsureSuccessStatusCode();

    private async Task PutAsync(string url, string note) =>
        (await _fair.Organizer.PutAsJsonAsync(url, new HandoutNoteRequest(note), Json.Options)).EnsureSuccessStatusCode();
}
