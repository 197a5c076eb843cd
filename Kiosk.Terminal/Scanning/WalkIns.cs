using Kiosk.Shared.Badges;
using Kiosk.Shared.Contracts;
using Kiosk.Shared.Text;
using Kiosk.Terminal.Offline;
using Kiosk.Terminal.Printing;

namespace Kiosk.Terminal.Scanning;

public sealed record WalkInForm(string? Title, string? FirstName, string? LastName, string? Organization, string? Email, bool Consent, string? Language);

/// <summary>
/// Registers a walk-in at the kiosk and prints the badge at once, online or not: the badge is one the
/// server signed in advance; the registration (with its consent) goes to the server through the outbox.
/// </summary>
public sealed class WalkIns(TerminalState state, TerminalStore store, Outbox outbox, PrintQueue printQueue, PrinterStatusBoard printer, BadgeRendering rendering, KioskClock clock, TimeProvider time)
{
    public enum Refusal { None, NotOffered, NoBadgeLeft }

    /// <summary>Field → problem ("required" or "invalid"), for the form; empty when the form is acceptable.</summary>
    public static Dictionary<string, string[]> Check(WalkInForm form)
    {
        var errors = new Dictionary<string, string[]>();
        // The rules of every place that takes names (PersonNameRules); the server checks the same again.
        void Field(string name, PersonNamePart part, string? value)
        {
            if (PersonNameRules.Check(part, value) is { } problem) errors[name] = [problem.Code == PersonNameRules.NameMissing ? "required" : "invalid"];
        }
        Field("firstName", PersonNamePart.FirstName, form.FirstName);
        Field("lastName", PersonNamePart.LastName, form.LastName);
        Field("title", PersonNamePart.Title, form.Title);
        Field("organization", PersonNamePart.Organization, form.Organization);
        if (!form.Consent) errors["consent"] = ["required"];
        if (errors.Count == 0 && WalkInRules.Problem(form.Title, form.FirstName, form.LastName, form.Organization, Blank(form.Email), form.Consent) is not null)
            errors["email"] = ["invalid"];
        return errors;
    }

    public async Task<(ScanAnswer? Answer, Refusal Refusal)> RegisterAsync(WalkInForm form, CancellationToken ct)
    {
        if (state.Profile is not { AllowsWalkIns: true } profile) return (null, Refusal.NotOffered);
        var now = time.GetUtcNow();
        var at = clock.At(now);
        var (title, first, last, org) = (Clean(form.Title), Clean(form.FirstName) ?? "", Clean(form.LastName)!, Clean(form.Organization));
        var language = form.Language == "en" ? "en" : "de";
        var clientScanId = Guid.NewGuid();

        var result = await store.WriteAsync(async (c, tx) =>
        {
            var badge = await WalkInBadges.TakeAsync(c, tx, now);
            if (badge is null) return ((long, RosterPerson)?)null;
            var person = new RosterPerson(0, badge.BadgeId, 1, title, first, last, org, AttendeeCategory.Visitor, false, now, null, null, badge.Token);
            await Roster.AddWalkInAsync(c, tx, person);
            await Outbox.AddAsync(c, tx, new WalkInRegistration(clientScanId, badge.BadgeId, title, first, last, org, Blank(form.Email)?.Trim(), form.Consent, now), at);
            var job = await PrintJobs.AddAsync(c, tx, clientScanId, new BadgePrint(title, first, last, org, AttendeeCategory.Visitor, profile.EventName, badge.Token, language), at);
            return (job, person);
        }, ct);
        if (result is not { } done) return (null, Refusal.NoBadgeLeft);

        outbox.Poke();
        printQueue.Poke();
        var (jobId, p) = done;
        return (new ScanAnswer(ScanResult.Welcome, p.DisplayName, p.Organization, p.Category, now,
            printer.OutOfOrder ? PrintProgress.Queued : PrintProgress.Printing, rendering.PreviewPath(jobId), Notes: Handouts.Notes(p, profile, now)), Refusal.None);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
    private static string? Clean(string? text) => PersonNameRules.Normalise(text);
}
