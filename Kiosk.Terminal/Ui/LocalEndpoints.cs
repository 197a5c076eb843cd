using Kiosk.Shared.Contracts;
using Kiosk.Terminal.Offline;
using Kiosk.Terminal.Printing;
using Kiosk.Terminal.Scanning;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Kiosk.Terminal.Ui;

public sealed record ScanRequest(string? Text, string? Language);
public sealed record IdentifyRequest(string? Ref, string? Answer, string? Language);
public sealed record SelfReprintRequest(string? Ref, string? Language);
public sealed record PrinterView(string State);
public sealed record CorrectionForm(List<string?>? Fields);
public sealed record CorrectionAnswer(bool Printed);
/// <summary>Where this kiosk's help desk is, in each language (Terminal:HelpDeskDirections, HelpDeskDirectionsEn).</summary>
public sealed record HelpDeskView(string De, string En);
public sealed record KioskStateView(
    string Mode, string? EventName, bool Online, int Outbox, PrinterView Printer, bool OutOfOrder, bool AllowsWalkIns,
    SecondFactorKind SecondFactor, bool Enrolled, int IdleSeconds, int RosterSize,
    string? OutOfOrderReason = null, int OrphanedScans = 0, bool CodeRefused = false, SpeechView? Speech = null, AidsView? Aids = null,
    ScannerState Scanner = ScannerState.Off, HelpDeskView? HelpDesk = null, int ResultSeconds = 15);

/// <summary>Why a kiosk is out of order, for the staff line on its screen.</summary>
public static class OutOfOrderReasons
{
    /// <summary>The server refused the kiosk's key (revoked or unknown): re-enrol it.</summary>
    public const string Withdrawn = "withdrawn";
    /// <summary>The printer reports paper out, cover open or offline.</summary>
    public const string Printer = "printer";
}

/// <summary>The kiosk UI's API on the loopback port: what the browser in kiosk mode calls.</summary>
public static class LocalEndpoints
{
    public const int MaxScanLength = 1000;

    /// <summary>The page's visitor session: a random id the kiosk page makes anew for every visitor.</summary>
    public const string SessionHeader = "X-Kiosk-Session";

    public static void MapLocalEndpoints(this IEndpointRouteBuilder app)
    {
        var local = app.MapGroup("/local");

        local.MapGet("/state", async (
            TerminalState state, ServerLink server, KioskTrust trust, RosterSync sync, Outbox outbox, Roster roster, WalkInBadges walkInBadges, PrinterStatusBoard printer,
            ScannerFeed scanner, IOptions<TerminalOptions> options, IOptions<SpeechOptions> speech, IOptions<DisplayOptions> display) =>
        {
            var profile = state.Profile;
            var withdrawn = trust.Withdrawn is not null;
            var reason = withdrawn ? OutOfOrderReasons.Withdrawn : profile is not null && printer.OutOfOrder ? OutOfOrderReasons.Printer : null;
            return TypedResults.Ok(new KioskStateView(
                state.Mode(options.Value.Mode), profile?.EventName, server.Online && !withdrawn, await outbox.PendingCountAsync(),
                new PrinterView(printer.Current.State.ToString()), reason is not null,
                AllowsWalkIns: profile is { AllowsWalkIns: true } && await walkInBadges.UnusedAsync() > 0,
                profile?.SecondFactor ?? SecondFactorKind.None, profile is not null && !withdrawn, options.Value.IdleSeconds, await roster.CountAsync(),
                reason, await outbox.OrphanedCountAsync(), sync.State == EnrolmentState.CodeRefused,
                new SpeechView(speech.Value.Voice, speech.Value.Rate), AidsView.From(speech.Value, display.Value), scanner.State,
                new HelpDeskView(options.Value.HelpDeskDirections, options.Value.HelpDeskDirectionsEn), options.Value.ResultSeconds));
        });

        // Exactly what a scanner read does: the page posts wedge and serial scans here (serial ones reach it from
        // GET /local/scanner), and so do tests.
        local.MapPost("/scan", async Task<Results<Ok<ScanAnswer>, ProblemHttpResult>> (
            ScanRequest request, SelfCheckIn checkIn, RoomDoor door, TerminalState state, ScanTimings timings, IOptions<TerminalOptions> options, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > MaxScanLength)
                return LocalProblems.Invalid("scan-text", $"text must hold the scanned code (1 to {MaxScanLength} characters).");
            if (state.Mode(options.Value.Mode) == TerminalModes.PrintStation) return LocalProblems.PrintStation();
            var started = timings.Start();
            // The lobby checks in and prints; a room door counts people in and out.
            var answer = state.Mode(options.Value.Mode) == TerminalModes.Lobby
                ? await checkIn.ScanAsync(request.Text, request.Language ?? "de", ct)
                : await door.ScanAsync(request.Text, ct);
            timings.Done(started);
            return TypedResults.Ok(answer);
        });

        // Capped per minute and per visitor's screen session (header X-Kiosk-Session), as the server caps its search.
        local.MapGet("/search", async Task<Results<Ok<SearchView>, ProblemHttpResult>> (string? q, HttpRequest http, NameLookup lookup, SearchLimit limit) =>
        {
            if (q is null || !Kiosk.Shared.Text.NameMatch.IsSearchable(q) || q.Length > 100)
                return LocalProblems.Invalid("query-too-short", "Please type at least 3 letters.");
            if (!limit.TryTake(http.Headers[SessionHeader]))
                return TypedResults.Problem(type: "/problems/search-limit", title: "Too many searches; please ask at the help desk.", statusCode: 429);
            return TypedResults.Ok(new SearchView(await lookup.FindAsync(q)));
        });

        local.MapPost("/identify", async Task<Results<Ok<ScanAnswer>, ProblemHttpResult>> (IdentifyRequest request, NameLookup lookup, SelfCheckIn checkIn, CancellationToken ct) =>
        {
            if (string.IsNullOrEmpty(request.Ref)) return LocalProblems.Invalid("ref", "ref is required.");
            var (proof, attendeeId, left) = await lookup.ProveAsync(request.Ref, request.Answer);
            return proof switch
            {
                NameLookup.Proof.Accepted => TypedResults.Ok(await checkIn.AdmitFoundAsync(attendeeId, request.Language ?? "de", ct)),
                NameLookup.Proof.Wrong => LocalProblems.SecondFactor(left),
                NameLookup.Proof.NoMoreAttempts => TypedResults.Problem(type: "/problems/second-factor-attempts", title: "No attempts left; please ask at the help desk.", statusCode: 429),
                _ => TypedResults.Problem(type: "/problems/search-expired", title: "Please search again.", statusCode: 410),
            };
        }).AddEndpointFilter(NotAtPrintStation);

        // The "print again" button on the already-checked-in screen, when the event allows it (printer jam).
        local.MapPost("/reprint", async Task<Results<Ok<ScanAnswer>, ProblemHttpResult>> (SelfReprintRequest request, SelfReprint reprint, CancellationToken ct) =>
        {
            if (string.IsNullOrEmpty(request.Ref)) return LocalProblems.Invalid("ref", "ref is required.");
            var (answer, refusal) = await reprint.PrintAsync(request.Ref, request.Language ?? "de", ct);
            return refusal switch
            {
                SelfReprint.Refusal.None => TypedResults.Ok(answer!),
                SelfReprint.Refusal.Expired => TypedResults.Problem(type: "/problems/reprint-expired", title: "Please scan your badge again.", statusCode: 410),
                _ => TypedResults.Problem(type: "/problems/reprint-not-allowed", title: "Please ask at the help desk for a new badge.", statusCode: 409),
            };
        }).AddEndpointFilter(NotAtPrintStation);

        local.MapPost("/walkin", async Task<Results<Ok<ScanAnswer>, ValidationProblem, ProblemHttpResult>> (WalkInForm form, WalkIns walkIns, CancellationToken ct) =>
        {
            var errors = WalkIns.Check(form);
            if (errors.Count > 0) return TypedResults.ValidationProblem(errors, type: "/problems/walk-in");
            var (answer, refusal) = await walkIns.RegisterAsync(form, ct);
            return refusal switch
            {
                WalkIns.Refusal.None => TypedResults.Ok(answer!),
                WalkIns.Refusal.NotOffered => TypedResults.Problem(type: "/problems/walk-ins-off", title: "Walk-in registration is not offered at this event.", statusCode: 409),
                _ => TypedResults.Problem(type: "/problems/walk-in-badges", title: "No walk-in badges left on this kiosk; please go to the help desk.", statusCode: 503),
            };
        }).AddEndpointFilter(NotAtPrintStation);

        local.MapBadgePreviewEndpoints();

        local.MapGet("/prints/{jobId:long}.svg", async Task<Results<PhysicalFileHttpResult, ContentHttpResult, NotFound>> (
            long jobId, PrintQueue queue, PrintJobs jobs, BadgeRendering rendering, TerminalStore store, CancellationToken ct) =>
        {
            // Shown before it prints: drawn from the held job, for any printer.
            if (await jobs.HeldBadgeAsync(jobId) is { } held) return TypedResults.Content(rendering.PreviewSvg(held), "image/svg+xml");
            await queue.WhenDoneAsync(jobId, TimeSpan.FromSeconds(5), ct);
            var path = Path.Combine(store.DataDirectory, "prints", $"{jobId}.svg");
            return File.Exists(path) ? TypedResults.PhysicalFile(path, "image/svg+xml") : TypedResults.NotFound();
        });
    }

    private static async ValueTask<object?> NotAtPrintStation(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var services = context.HttpContext.RequestServices;
        var configured = services.GetRequiredService<IOptions<TerminalOptions>>().Value.Mode;
        return services.GetRequiredService<TerminalState>().Mode(configured) == TerminalModes.PrintStation ? LocalProblems.PrintStation() : await next(context);
    }
}

public sealed record SearchView(IReadOnlyList<NameMatchView> Matches);

internal static class LocalProblems
{
    /// <summary>A print station prints what the desk sends it; it checks nobody in and prints nothing for a visitor.</summary>
    public static ProblemHttpResult PrintStation() =>
        TypedResults.Problem(type: "/problems/print-station", title: "This is a print station; please check in at a lobby kiosk.", statusCode: 409);

    public static ProblemHttpResult Invalid(string slug, string detail) =>
        TypedResults.Problem(type: $"/problems/{slug}", title: "Invalid request", detail: detail, statusCode: 400);

    public static ProblemHttpResult SecondFactor(int attemptsLeft) =>
        TypedResults.Problem(type: "/problems/second-factor", title: "That does not match our records.", statusCode: 400,
            extensions: new Dictionary<string, object?> { ["attemptsLeft"] = attemptsLeft });
}
