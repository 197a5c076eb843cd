using Kiosk.Shared.Badges;
using Kiosk.Shared.Contracts;
using Kiosk.Terminal.Offline;
using Kiosk.Terminal.Printing;

namespace Kiosk.Terminal.Scanning;

/// <summary>
/// The lobby kiosk's check-in, decided here without the network: signature against the event's public
/// keys, then the roster copy. A check-in is committed (outbox item, local check-in mark and badge job in
/// one transaction) before the screen answers; the outbox sender and the print queue take it from there. The badge
/// job may wait for the visitor's look at its preview (<see cref="BadgePreview"/>); the check-in does not. A badge
/// printed in advance (a print batch) is not printed again: the visitor is told it waits at the counter.
/// </summary>
public sealed class SelfCheckIn(
    TerminalState state, Roster roster, TerminalStore store, Outbox outbox, PrintQueue printQueue, PrinterStatusBoard printer, BadgeRendering rendering,
    DuplicateReads duplicates, SelfReprint selfReprint, BadgePreview preview, KioskClock clock, TimeProvider time)
{
    public async Task<ScanAnswer> ScanAsync(string text, string language, CancellationToken ct)
    {
        var code = text.Trim();
        if (duplicates.IsRepeat(code)) return new ScanAnswer(ScanResult.Ignored);
        var profile = state.Profile;
        if (profile is null) return new ScanAnswer(ScanResult.OutOfOrder);

        var check = state.Keys.Check(code, time.GetUtcNow(), out var token);
        if (check != BadgeTokenCheck.Valid)
        {
            // A genuine badge of another fair is signed with a key this terminal does not have.
            return BadgeToken.TryParse(code, out var other) && other.Claims.EventId != profile.EventId
                ? new ScanAnswer(ScanResult.WrongEvent)
                : new ScanAnswer(ScanResult.Invalid);
        }
        var person = await roster.FindByBadgeAsync(token.Claims.BadgeId);
        // Signed but not in the copy yet (registered minutes ago): the help desk can look it up online.
        if (person is null) return new ScanAnswer(ScanResult.Unknown);
        return await AdmitAsync(person, token.Claims.BadgeVersion, code, profile, language, ct);
    }

    /// <summary>Checks in someone identified by name search and second factor.</summary>
    public async Task<ScanAnswer> AdmitFoundAsync(int attendeeId, string language, CancellationToken ct)
    {
        var profile = state.Profile;
        var person = await roster.FindAsync(attendeeId);
        if (profile is null || person is null) return new ScanAnswer(ScanResult.Unknown);
        return await AdmitAsync(person, null, null, profile, language, ct);
    }

    private async Task<ScanAnswer> AdmitAsync(RosterPerson person, int? scannedVersion, string? scannedToken, TerminalProfile profile, string language, CancellationToken ct)
    {
        var result = AdmissionRules.Decide(person, scannedVersion);
        var now = time.GetUtcNow();
        var at = clock.At(now);
        var request = new CheckInRequest(scannedToken, scannedToken is null ? person.Id : null, Guid.NewGuid(), now);
        var badge = new BadgePrint(person.Title, person.FirstName, person.LastName, person.Organization, person.Category,
            profile.EventName, scannedToken ?? person.Token, language == "en" ? "en" : "de").WithProgramme(person, profile, now);

        long? jobId = null;
        var hold = preview.Hold(now);
        await store.WriteAsync(async (c, tx) =>
        {
            if (result == ScanResult.Welcome)
            {
                if (!await Roster.MarkCheckedInAsync(c, tx, person.Id, now)) result = ScanResult.AlreadyCheckedIn; // another scan here was a moment earlier
                // A badge printed in advance waits at the counter: checked in, nothing printed.
                else if (!person.BadgeAtCounter) jobId = await PrintJobs.AddAsync(c, tx, request.ClientScanId, badge, at, attendeeId: person.Id, hold: hold);
            }
            // Every scan of a known attendee goes to the server, refusals too: the desk sees them all.
            await Outbox.AddAsync(c, tx, request with { BadgePrinted = jobId is not null }, at);
        }, ct);
        outbox.Poke();
        if (result == ScanResult.Welcome && jobId is null)
            return new ScanAnswer(result, person.DisplayName, person.Organization, person.Category, now, PrintProgress.AtCounter, Notes: Handouts.Notes(person, profile, now));
        if (jobId is null)
            return new ScanAnswer(result, person.DisplayName, person.Organization, person.Category,
                result == ScanResult.AlreadyCheckedIn ? person.CheckedInAt ?? now : null,
                ReprintRef: result == ScanResult.AlreadyCheckedIn ? await selfReprint.OfferAsync(person.Id, profile) : null);

        printQueue.Poke();
        return preview.Answer(new ScanAnswer(result, person.DisplayName, person.Organization, person.Category, now,
            printer.OutOfOrder ? PrintProgress.Queued : PrintProgress.Printing, rendering.PreviewPath(jobId.Value), Notes: Handouts.Notes(person, profile, now)), hold, jobId.Value);
    }
}
