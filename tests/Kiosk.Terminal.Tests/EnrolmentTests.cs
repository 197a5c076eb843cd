using Kiosk.Terminal.Tests.Infrastructure;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Terminal.Tests;

/// <summary>Enrolment over the venue's network: the one-time code must not be lost with a lost answer.</summary>
public sealed class EnrolmentTests(KioskApp server) : IClassFixture<KioskApp>
{
    [Fact]
    public async Task A_kiosk_whose_enrolment_answer_is_lost_enrols_on_its_next_try_with_the_same_code()
    {
        var fair = await Fair.OpenAsync(server);
        await using var proxy = new FaultProxy(server.BaseAddress) { Mode = Fault.DropResponse };
        await using var kiosk = new TerminalApp(proxy.Address, await server.NewEnrolmentCodeAsync(fair.Organizer, fair.Event.Id, "Eingang Ost 4")).Start();

        // The server took the code; the answer with the key never reached the kiosk.
        await Eventually.Async(() => server.WithDbAsync(db => db.Terminals.AsNoTracking()
            .Where(t => t.EventId == fair.Event.Id && t.Name == "Eingang Ost 4").Select(t => t.EnrolledAt).SingleAsync()), at => at is not null, "the server to take the code");
        Assert.False((await kiosk.StateAsync()).Enrolled);

        proxy.Mode = Fault.Pass;
        await kiosk.ReadyAsync(attendees: 4);
        Assert.Equal(1, await server.WithDbAsync(db => db.AuditLog.CountAsync(a => a.EventId == fair.Event.Id && a.Action == "terminal.enrolled")));
    }
}
