using System.Net;
using System.Net.Http.Json;
using Kiosk.Terminal.Scanning;
using Kiosk.Terminal.Tests.Infrastructure;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Terminal.Tests;

public sealed class WalkInTests(KioskApp server) : IClassFixture<KioskApp>, IAsyncLifetime
{
    private Fair _fair = null!;
    private FaultProxy _proxy = null!;
    private TerminalApp _terminal = null!;

    public async ValueTask InitializeAsync()
    {
        _fair = await Fair.OpenAsync(server, walkIns: true);
        _proxy = new FaultProxy(server.BaseAddress);
        _terminal = new TerminalApp(_proxy.Address, await server.NewEnrolmentCodeAsync(_fair.Organizer, _fair.Event.Id)).Start();
        await _terminal.ReadyAsync(attendees: 4);
        await Eventually.Async(_terminal.StateAsync, s => s.AllowsWalkIns, "walk-in badges in stock");
    }

    public async ValueTask DisposeAsync()
    {
        await _terminal.DisposeAsync();
        await _proxy.DisposeAsync();
    }

    private Task<HttpResponseMessage> RegisterAsync(object form) => _terminal.Local.PostAsJsonAsync("/local/walkin", form);

    [Fact]
    public async Task A_walk_in_registered_offline_gets_a_badge_at_once_and_reaches_the_server_later()
    {
        _proxy.Mode = Fault.Reset;
        var response = await RegisterAsync(new { title = "Dr.", firstName = "Käthe", lastName = "Nußbaum", organization = "Gemeinde Hünxe", email = (string?)null, consent = true, language = "de" });
        var answer = await response.Content.ReadFromJsonAsync<ScanAnswer>(Json.Options);

        Assert.Equal(ScanResult.Welcome, answer!.Result);
        Assert.Equal("Dr. Käthe Nußbaum", answer.Name);
        Assert.Contains("Nußbaum", await _terminal.Local.GetStringAsync(answer.Preview));

        _proxy.Mode = Fault.Pass;
        var attendee = await Eventually.Async(() => server.WithDbAsync(db => db.Attendees.Include(a => a.Badge).FirstOrDefaultAsync(a => a.EventId == _fair.Event.Id && a.LastName == "Nußbaum")),
            a => a is not null, "the walk-in on the server");
        Assert.NotNull(attendee!.CheckedInAt);
        // The server's roster row replaces the kiosk's own: one person, and the printed badge is known here.
        await Eventually.Async(_terminal.StateAsync, s => s.RosterSize == 5 && s.Outbox == 0, "the roster to bring the walk-in back");
        var token = (await _terminal.Services.GetRequiredService<Offline.Roster>().FindByBadgeAsync(attendee.Badge!.Id))!.Token;
        Assert.Equal(ScanResult.AlreadyCheckedIn, (await _terminal.ScanAsync(token)).Result);
    }

    [Fact]
    public async Task A_walk_in_form_without_consent_or_name_is_refused_field_by_field()
    {
        var response = await RegisterAsync(new { firstName = "Jürgen", lastName = " ", consent = false });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"lastName\"", body);
        Assert.Contains("\"consent\"", body);
        Assert.DoesNotContain("\"firstName\"", body);
        Assert.Equal(0, await _terminal.PrintJobCountAsync());
    }
}
