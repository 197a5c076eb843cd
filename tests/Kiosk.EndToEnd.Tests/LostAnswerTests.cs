using Kiosk.EndToEnd.Tests.Infrastructure;
using Kiosk.Shared.Contracts;
using Kiosk.Terminal.Scanning;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.EndToEnd.Tests;

/// <summary>
/// The venue network delivers the kiosk's uploads but loses the server's answers (and then the
/// connection): the server has committed, the kiosk does not know and sends again with the same ids.
/// </summary>
public sealed class LostAnswerTests(KioskApp server) : IClassFixture<KioskApp>
{
    [Fact]
    public async Task Scans_whose_answers_were_lost_are_stored_once_when_the_kiosk_sends_them_again()
    {
        var fair = await Fair.OpenAsync(server);
        await using var link = new FaultProxy(server.BaseAddress);
        await using var kiosk = new TerminalProcess(link.Address, await server.NewEnrolmentCodeAsync(fair.Organizer, fair.Event.Id));
        await kiosk.StartAsync();
        await kiosk.ReadyAsync(4);

        link.Mode = Fault.DropResponse;
        foreach (var id in new[] { "A-1", "A-2", "A-3" })
            Assert.Equal(ScanResult.Welcome, (await kiosk.ScanAsync(await fair.TokenAsync(id))).Result);
        // The first upload reached the server, which committed it; the kiosk never heard back and keeps
        // resending it (in order: the scans behind it wait), each time losing the answer again.
        await Eventually.Async(() => server.WithDbAsync(db => db.CheckIns.CountAsync(c => c.EventId == fair.Event.Id)), n => n >= 1, "the server to commit an upload");
        await Eventually.Async(() => Task.FromResult(link.DroppedResponses), n => n >= 2, "a resend whose answer is lost too");
        Assert.Equal(3, (await kiosk.StateAsync()).Outbox);

        link.Mode = Fault.Pass;
        await kiosk.DrainedAsync();
        var stored = await server.WithDbAsync(db => db.CheckIns.AsNoTracking().Where(c => c.EventId == fair.Event.Id).ToListAsync());
        Assert.Equal(3, stored.Count);
        Assert.All(stored, c => Assert.Equal(CheckInOutcome.FirstCheckIn, c.Outcome));
    }
}
