using Kiosk.Shared.Badges;
using Kiosk.Shared.Contracts;
using Kiosk.Terminal.Offline;
using Kiosk.Terminal.Scanning;

namespace Kiosk.Terminal.Printing;

/// <summary>
/// Badges staff ordered at this kiosk. The server keeps an order pending until the kiosk confirms it
/// printed; the order id keys the local print job, so asking again never prints twice.
/// </summary>
public sealed class ReprintOrders(ServerLink server, Roster roster, TerminalState state, TerminalStore store, PrintQueue printQueue, KioskClock clock, TimeProvider time)
{
    public async Task TakeAsync(CancellationToken ct)
    {
        if (state.Profile is not { } profile) return;
        var orders = await server.GetFromJsonAsync<List<ReprintOrder>>("/api/terminal/reprints", ct);
        var taken = false;
        foreach (var order in orders)
        {
            // Someone registered minutes ago may not be in the copy yet: the order waits for the next round.
            if (await roster.FindAsync(order.AttendeeId) is not { } person) continue;
            var badge = new BadgePrint(person.Title, person.FirstName, person.LastName, person.Organization, person.Category, profile.EventName, person.Token)
                .WithProgramme(person, profile, time.GetUtcNow());
            var jobId = await store.WriteAsync((c, tx) => PrintJobs.AddAsync(c, tx, order.OrderId, badge, clock.At(time.GetUtcNow()), order.OrderId), ct);
            taken |= jobId > 0;
        }
        if (taken) printQueue.Poke();
    }
}
