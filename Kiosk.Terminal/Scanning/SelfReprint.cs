using System.Collections.Concurrent;
using System.Security.Cryptography;
using Kiosk.Shared.Badges;
using Kiosk.Shared.Contracts;
using Kiosk.Terminal.Offline;
using Kiosk.Terminal.Printing;

namespace Kiosk.Terminal.Scanning;

/// <summary>
/// "My badge jammed": a visitor who just scanned (or proved who they are) and is told "already checked in"
/// may print once more at the kiosk that printed the first badge, within minutes (<see cref="SelfReprintRules"/>),
/// if the event allows it. The offer is a short-lived opaque reference, so only the person at the screen can take it.
/// </summary>
public sealed class SelfReprint(
    TerminalState state, Roster roster, TerminalStore store, PrintJobs jobs, PrintQueue printQueue, PrinterStatusBoard printer,
    BadgeRendering rendering, Outbox outbox, KioskClock clock, TimeProvider time)
{
    public static readonly TimeSpan RefLifetime = TimeSpan.FromMinutes(1);

    public enum Refusal { None, Expired, NotAllowed }

    private sealed record Offer(int AttendeeId, DateTimeOffset Expires);

    private readonly ConcurrentDictionary<string, Offer> _offers = new();

    public async Task<string?> OfferAsync(int attendeeId, TerminalProfile profile)
    {
        // Most visitors at most kiosks: the event does not offer it, and the print history need not be read.
        if (!profile.SelfServiceReprint) return null;
        var now = time.GetUtcNow();
        if (!await MayOfferAsync(attendeeId, profile, now)) return null;
        foreach (var (key, stale) in _offers) if (stale.Expires < now) _offers.TryRemove(key, out _);
        var reference = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _offers[reference] = new Offer(attendeeId, now + RefLifetime);
        return reference;
    }

    public async Task<(ScanAnswer? Answer, Refusal Refusal)> PrintAsync(string reference, string language, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!_offers.TryRemove(reference, out var offer) || offer.Expires < now) return (null, Refusal.Expired);
        var profile = state.Profile;
        var person = await roster.FindAsync(offer.AttendeeId);
        if (profile is null || person is null || person.Cancelled) return (null, Refusal.NotAllowed);
        // Checked again: the event may have switched it off, or another screen may have taken the one reprint.
        if (!await MayOfferAsync(person.Id, profile, now)) return (null, Refusal.NotAllowed);

        var notice = new SelfReprintNotice(Guid.NewGuid(), person.Id, now);
        var badge = new BadgePrint(person.Title, person.FirstName, person.LastName, person.Organization, person.Category,
            profile.EventName, person.Token, language == "en" ? "en" : "de").WithProgramme(person, profile, now);
        var at = clock.At(now);
        var jobId = await store.WriteAsync(async (c, tx) =>
        {
            var id = await PrintJobs.AddAsync(c, tx, notice.ReprintId, badge, at, attendeeId: person.Id, selfReprint: true);
            if (id != 0) await Outbox.AddAsync(c, tx, notice, at);
            return id;
        }, ct);
        if (jobId == 0) return (null, Refusal.NotAllowed);
        outbox.Poke();
        printQueue.Poke();
        return (new ScanAnswer(ScanResult.Welcome, person.DisplayName, person.Organization, person.Category, person.CheckedInAt,
            printer.OutOfOrder ? PrintProgress.Queued : PrintProgress.Printing, rendering.PreviewPath(jobId)), Refusal.None);
    }

    /// <summary>The window is measured on the monotonic clock: setting the PC's time neither ends nor extends it.</summary>
    private async Task<bool> MayOfferAsync(int attendeeId, TerminalProfile profile, DateTimeOffset now)
    {
        var (first, reprinted) = await jobs.HistoryAsync(attendeeId);
        return SelfReprintRules.MayOffer(profile.SelfServiceReprint, first is { } f ? clock.Since(f, now) : null, reprinted);
    }
}
