using System.ComponentModel.DataAnnotations;
using Kiosk.Server.ApiDocs;
using Kiosk.Server.Auth;
using Kiosk.Server.Data;
using Kiosk.Shared.Badges;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Registrations;

public sealed record RegistrationCategoryView(int Id, string Name, string? NameEn, AttendeeCategory BadgeCategory, bool NeedsApproval, int? Quota, bool Full);

/// <summary>What anyone may read about an event's registration form.</summary>
public sealed record RegistrationFormResponse(
    int EventId, string EventName, DateTimeOffset StartsAt, DateTimeOffset EndsAt, bool Open, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt,
    string PrivacyNotice, string? PrivacyNoticeEn, string? ContactSharingText, string? ContactSharingTextEn, IReadOnlyList<RegistrationCategoryView> Categories,
    IReadOnlyList<RegistrationSessionView> Sessions);

/// <summary>A master class on the form: its seats now (<see cref="Free"/> null: no limit; 0: full, new bookings go on the waitlist).</summary>
public sealed record RegistrationSessionView(int Id, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Room, int? Capacity, int Booked, int Waitlisted, int? Free);

public sealed record RegistrationCategoryRequest(
    int? Id, [Required, StringLength(RegistrationCategory.MaxName), NoControlCharacters] string Name,
    [StringLength(RegistrationCategory.MaxName), NoControlCharacters] string? NameEn = null,
    AttendeeCategory BadgeCategory = AttendeeCategory.Visitor, bool NeedsApproval = false, [Range(1, 1_000_000)] int? Quota = null);

/// <summary>The whole form at once: categories are matched by id; new ones have none; those left out are removed.</summary>
public sealed record RegistrationFormRequest(
    DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt,
    [Required, StringLength(RegistrationForm.MaxNotice)] string PrivacyNotice,
    [StringLength(RegistrationForm.MaxNotice)] string? PrivacyNoticeEn,
    [StringLength(RegistrationForm.MaxConsentText), NoControlCharacters] string? ContactSharingText,
    [StringLength(RegistrationForm.MaxConsentText), NoControlCharacters] string? ContactSharingTextEn,
    [Required, MinLength(1), MaxLength(50)] RegistrationCategoryRequest[] Categories,
    [MaxLength(RegistrationForm.MaxSessions)] int[]? SessionIds = null);

public sealed record RegistrationAccepted(string Status, string Detail);

/// <summary>One online registration as organizers see it (personal data: organizers only).</summary>
public sealed record RegistrationView(
    Guid Id, RegistrationState State, int CategoryId, string? Title, string FirstName, string LastName, string? Organization, string Email, string Language,
    DateTimeOffset CreatedAt, DateTimeOffset? ConfirmedAt, int? AttendeeId, bool ContactSharing);

/// <summary>A category's registrations by state, and its quota.</summary>
public sealed record RegistrationCount(int CategoryId, string Category, int? Quota, bool NeedsApproval, int Pending, int AwaitingApproval, int Confirmed, int Refused, int Cancelled = 0);

public sealed record RegistrationListResponse(IReadOnlyList<RegistrationCount> Counts, IReadOnlyList<RegistrationView> Registrations);

public sealed record RegistrationDecision(Guid Id, RegistrationState State, int? AttendeeId);

/// <summary>The routes of online registration: the form's settings (organizers), the public submission and its confirmation.</summary>
public static class RegistrationEndpoints
{
    public static void MapRegistrationEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapFeature("/api/events/{eventId:int}", "Registration");

        api.MapGet("/registration-form", async Task<Results<Ok<RegistrationFormResponse>, ProblemHttpResult>> (int eventId, RegistrationForms forms, CancellationToken ct) =>
            await forms.ViewAsync(eventId, ct) is { } view ? TypedResults.Ok(forms.Response(view)) : Problems.NotFound("Registration form"))
            .AllowAnonymous()
            .WithName("GetRegistrationForm").WithSummary("The event's registration form: open or not, privacy notice, categories")
            .WithDescription("Public. `open` says whether registrations are taken now (between `opensAt` and `closesAt`); a category is `full` when its quota is reached; " +
                "`sessions` are the master classes to choose, each with `free` seats now (0: full, a choice goes on the waitlist; null: no limit).")
            .ProducesProblems(StatusCodes.Status404NotFound);

        api.MapPut("/registration-form", async Task<Results<Ok<RegistrationFormResponse>, ProblemHttpResult>> (
            int eventId, RegistrationFormRequest request, RegistrationForms forms, Audit.AuditLog audit, HttpContext http, CancellationToken ct) =>
        {
            if (request.OpensAt is { } opens && request.ClosesAt is { } closes && closes <= opens)
                return Problems.Invalid("registration-times", "Registration must close after it opens.");
            var (view, problem) = await forms.SaveAsync(eventId, request, ct);
            if (problem is not null) return problem;
            await audit.WriteAsync(http.User.Actor(), "registration.form-changed", eventId, details: $"{request.Categories.Length} categories");
            return TypedResults.Ok(forms.Response(view!));
        }).RequireAuthorization(Policies.Organizer)
            .WithName("SetRegistrationForm").WithSummary("Set up the event's online registration")
            .WithDescription("`{opensAt?, closesAt?, privacyNotice, privacyNoticeEn?, contactSharingText?, contactSharingTextEn?, categories: [{id?, name, nameEn?, badgeCategory, needsApproval, quota?}], sessionIds?}`. " +
                "Categories are matched by `id`; one without an id is new; one left out is removed (refused while it has registrations). `sessionIds`: the event's sessions " +
                "registrants may choose (at most 50; none when left out). Audited `registration.form-changed`.")
            .Refuses(StatusCodes.Status400BadRequest, "`/problems/registration-sessions`: a session id is not one of the event's.")
            .Refuses(StatusCodes.Status400BadRequest, "`/problems/registration-times`: closes before it opens.")
            .Refuses(StatusCodes.Status409Conflict, "`/problems/registration-category-used`: a category left out has registrations.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        api.MapPost("/registrations", async Task<Results<Accepted<RegistrationAccepted>, ValidationProblem, ProblemHttpResult>> (
            int eventId, RegistrationRequest request, Registrations registrations, CancellationToken ct) =>
        {
            var (outcome, errors) = await registrations.SubmitAsync(eventId, request, ct);
            return outcome switch
            {
                SubmitOutcome.NoForm => Problems.NotFound("Registration form"),
                SubmitOutcome.Closed => Problems.Conflict("registration-closed", "The event takes no registrations now."),
                SubmitOutcome.Invalid => TypedResults.ValidationProblem(
                    errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Detail).ToArray())),
                _ => TypedResults.Accepted((string?)null, new RegistrationAccepted("pending", "A mail with a confirmation link is on its way; the registration counts once it is confirmed.")),
            };
        }).AllowAnonymous().RequireRateLimiting(RegistrationsFeature.RateLimit)
            .WithName("SubmitRegistration").WithSummary("Register for the event (double opt-in)")
            .WithDescription("Public. `{title?, firstName?, lastName, organization?, email, categoryId, privacyAccepted, contactSharing?, language?, sessionIds?}`: 202 and a mail with a " +
                "confirmation link. The answer is the same for an address that is already registered (it gets a mail saying so) and never tells whether it is. " +
                "Field errors as `/problems/validation` with `errors: {field: [message]}` (a full category: `categoryId`; a session not on the form or two at the same time: " +
                "`sessionIds`). The chosen sessions are booked when the registration is confirmed: a seat while there is one, else a waitlist place. " +
                "Rate-limited per client address (`Registration:PerClientPerMinute`).")
            .Refuses(StatusCodes.Status409Conflict, "`/problems/registration-closed`: before `opensAt` or after `closesAt`.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        MapOrganizerRoutes(api);
        MapPages(app);
    }

    /// <summary>The organizers' side: the registrations with counts per category, and the decisions on those that need approval.</summary>
    private static void MapOrganizerRoutes(RouteGroupBuilder api)
    {
        api.MapGet("/registrations", async Task<Results<Ok<RegistrationListResponse>, ProblemHttpResult>> (int eventId, RegistrationState? state, KioskDb db, CancellationToken ct) =>
        {
            if (!await db.Events.AnyAsync(e => e.Id == eventId, ct)) return Problems.NotFound("Event");
            var categories = await db.RegistrationCategories.AsNoTracking().Where(c => c.EventId == eventId).OrderBy(c => c.Position).ToListAsync(ct);
            var byState = await db.Registrations.AsNoTracking().Where(r => r.EventId == eventId).GroupBy(r => new { r.CategoryId, r.State })
                .Select(g => new { g.Key.CategoryId, g.Key.State, Count = g.Count() }).ToListAsync(ct);
            int Count(int category, RegistrationState s) => byState.Where(x => x.CategoryId == category && x.State == s).Sum(x => x.Count);
            var list = await db.Registrations.AsNoTracking().Where(r => r.EventId == eventId && (state == null || r.State == state))
                .OrderBy(r => r.CreatedAt).Take(10_000).ToListAsync(ct);
            return TypedResults.Ok(new RegistrationListResponse(
                categories.Select(c => new RegistrationCount(c.Id, c.Name, c.Quota, c.NeedsApproval, Count(c.Id, RegistrationState.Pending),
                    Count(c.Id, RegistrationState.AwaitingApproval), Count(c.Id, RegistrationState.Confirmed), Count(c.Id, RegistrationState.Refused),
                    Count(c.Id, RegistrationState.Cancelled))).ToList(),
                list.Select(r => new RegistrationView(r.Id, r.State, r.CategoryId, r.Title, r.FirstName, r.LastName, r.Organization, r.Email, r.Language,
                    r.CreatedAt, r.ConfirmedAt, r.AttendeeId, r.ContactSharingAt is not null)).ToList()));
        }).RequireAuthorization(Policies.Organizer)
            .WithName("ListRegistrations").WithSummary("The event's online registrations, with counts per category and state")
            .WithDescription("`?state=Pending|AwaitingApproval|Confirmed|Refused|Cancelled` filters the list (at most 10,000, oldest first); `counts` always covers all of them.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        const string exported = "One row per registration, oldest first: when it came in, its state, category, names, organisation, e-mail, language, when the privacy " +
            "notice and the contact sharing were agreed to, when it was confirmed, and the chosen master classes (with the waitlist place). Personal data: organizers only.";
        api.MapGet("/registrations.csv", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (int eventId, KioskDb db, Rooms.SessionSeats seats, CancellationToken ct) =>
            await RegistrationExport.TableAsync(db, seats, eventId, ct) is { } table
                ? TypedResults.File(Reports.CsvReport.Write(table), "text/csv; charset=utf-8", $"event-{eventId}-anmeldungen.csv") : Problems.NotFound("Event"))
            .RequireAuthorization(Policies.Organizer)
            .WithName("GetRegistrationsCsv").WithSummary("The event's online registrations as CSV").WithDescription(exported)
            .ProducesFile("text/csv; charset=utf-8").ProducesProblems(StatusCodes.Status404NotFound);
        api.MapGet("/registrations.xlsx", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (int eventId, KioskDb db, Rooms.SessionSeats seats, CancellationToken ct) =>
            await RegistrationExport.TableAsync(db, seats, eventId, ct) is { } table
                ? TypedResults.File(Reports.XlsxReport.Write(table), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"event-{eventId}-anmeldungen.xlsx")
                : Problems.NotFound("Event"))
            .RequireAuthorization(Policies.Organizer)
            .WithName("GetRegistrationsXlsx").WithSummary("The event's online registrations as an Excel workbook").WithDescription(exported)
            .ProducesFile("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").ProducesProblems(StatusCodes.Status404NotFound);

        api.MapPost("/registrations/{registrationId:guid}/approve", async Task<Results<Ok<RegistrationDecision>, ProblemHttpResult>> (
            int eventId, Guid registrationId, Registrations registrations, KioskDb db, Audit.AuditLog audit, HttpContext http, CancellationToken ct) =>
            await DecidedAsync(await registrations.ApproveAsync(eventId, registrationId, ct), "registration.approved", eventId, registrationId, db, audit, http, ct))
            .RequireAuthorization(Policies.Organizer)
            .WithName("ApproveRegistration").WithSummary("Approve a registration of a category that needs approval")
            .WithDescription("The registration becomes an attendee with a badge (and the badge mail); its chosen master classes are booked by the seat rule. Audited `registration.approved`.")
            .Refuses(StatusCodes.Status409Conflict, "`/problems/registration-not-awaiting`: the registration is not awaiting approval (decided already, or not confirmed by the registrant yet).")
            .ProducesProblems(StatusCodes.Status404NotFound);

        api.MapPost("/registrations/{registrationId:guid}/refuse", async Task<Results<Ok<RegistrationDecision>, ProblemHttpResult>> (
            int eventId, Guid registrationId, Registrations registrations, KioskDb db, Audit.AuditLog audit, HttpContext http, CancellationToken ct) =>
            await DecidedAsync(await registrations.RefuseAsync(eventId, registrationId, ct), "registration.refused", eventId, registrationId, db, audit, http, ct))
            .RequireAuthorization(Policies.Organizer)
            .WithName("RefuseRegistration").WithSummary("Refuse a registration of a category that needs approval")
            .WithDescription("No attendee; the registration's place in the category's quota is free again; the registrant gets a mail saying so. Audited `registration.refused`.")
            .Refuses(StatusCodes.Status409Conflict, "`/problems/registration-not-awaiting`: the registration is not awaiting approval.")
            .ProducesProblems(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<RegistrationDecision>, ProblemHttpResult>> DecidedAsync(
        DecisionOutcome outcome, string action, int eventId, Guid registrationId, KioskDb db, Audit.AuditLog audit, HttpContext http, CancellationToken ct)
    {
        if (outcome == DecisionOutcome.NotFound) return Problems.NotFound("Registration");
        if (outcome == DecisionOutcome.NotAwaiting) return Problems.Conflict("registration-not-awaiting", "The registration is not awaiting approval.");
        var decided = await db.Registrations.AsNoTracking().Where(r => r.Id == registrationId).Select(r => new RegistrationDecision(r.Id, r.State, r.AttendeeId)).SingleAsync(ct);
        await audit.WriteAsync(http.User.Actor(), action, eventId, decided.AttendeeId, details: $"registration {registrationId:N}");
        return TypedResults.Ok(decided);
    }

    /// <summary>The page itself: works without JavaScript (a form that posts back), so it is not part of the API document.</summary>
    private static void MapPages(IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/register/{eventId:int}").AllowAnonymous().ExcludeFromDescription();

        pages.MapGet("/", async (int eventId, string? lang, HttpRequest request, RegistrationForms forms, TimeProvider time, CancellationToken ct) =>
        {
            var language = Language(lang, request);
            return await forms.ViewAsync(eventId, ct) is { } view
                ? Html(RegistrationPage.Form(view, language, null, [], time.GetUtcNow()))
                : Html(RegistrationPage.NoForm(language), StatusCodes.Status404NotFound);
        });

        pages.MapPost("/", async (int eventId, HttpRequest request, RegistrationForms forms, Registrations registrations, TimeProvider time, CancellationToken ct) =>
        {
            if (!request.HasFormContentType) return Html(RegistrationPage.NoForm("de"), StatusCodes.Status400BadRequest);
            var form = await request.ReadFormAsync(ct);
            var values = new RegistrationRequest(
                form["title"], form["firstName"], form["lastName"], form["organization"], form["email"],
                int.TryParse(form["categoryId"], out var category) ? category : null,
                form["privacyAccepted"] == "true", form["contactSharing"] == "true", form["language"], form["website"],
                form["sessionIds"].Select(v => int.TryParse(v, out var id) ? id : -1).ToArray());
            var language = RegistrationRules.Language(values.Language);
            var (outcome, errors) = await registrations.SubmitAsync(eventId, values, ct);
            if (outcome == SubmitOutcome.NoForm || await forms.ViewAsync(eventId, ct) is not { } view)
                return Html(RegistrationPage.NoForm(language), StatusCodes.Status404NotFound);
            return outcome switch
            {
                SubmitOutcome.Accepted => Html(RegistrationPage.Sent(view.Event, language)),
                SubmitOutcome.Invalid => Html(RegistrationPage.Form(view, language, values, errors, time.GetUtcNow()), StatusCodes.Status400BadRequest),
                _ => Html(RegistrationPage.Form(view, language, values, [], time.GetUtcNow()), StatusCodes.Status409Conflict),
            };
        }).RequireRateLimiting(RegistrationsFeature.RateLimit).DisableAntiforgery();

        pages.MapGet("/confirm", async (int eventId, string? t, string? lang, HttpRequest request, KioskDb db, RegistrationLinks links, CancellationToken ct) =>
        {
            var language = Language(lang, request);
            var evt = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, ct);
            var id = links.ReadConfirmToken(t);
            if (evt is null || id is null) return Html(RegistrationPage.Confirmed(evt, language, ConfirmOutcome.Invalid), StatusCodes.Status404NotFound);
            var registration = await db.Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.EventId == eventId, ct);
            if (registration is null) return Html(RegistrationPage.Confirmed(evt, language, ConfirmOutcome.Invalid), StatusCodes.Status404NotFound);
            language = lang is null ? registration.Language : language;
            return registration.State == RegistrationState.Pending
                ? Html(RegistrationPage.ConfirmPrompt(evt, language, t!))
                : Html(RegistrationPage.Confirmed(evt, language, ConfirmOutcome.AlreadyConfirmed));
        });

        pages.MapPost("/confirm", async (int eventId, HttpRequest request, KioskDb db, RegistrationLinks links, Registrations registrations, Rooms.SessionSeats seats,
            CancellationToken ct) =>
        {
            var form = request.HasFormContentType ? await request.ReadFormAsync(ct) : null;
            var language = RegistrationRules.Language(form?["language"]);
            var evt = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, ct);
            var id = links.ReadConfirmToken(form?["t"]);
            if (evt is null || id is null || !await db.Registrations.AnyAsync(r => r.Id == id && r.EventId == eventId, ct))
                return Html(RegistrationPage.Confirmed(evt, language, ConfirmOutcome.Invalid), StatusCodes.Status404NotFound);
            var outcome = await registrations.ConfirmAsync(id.Value, ct);
            var confirmed = await db.Registrations.AsNoTracking().Where(r => r.Id == id).Select(r => new { r.AttendeeId, r.SessionIds }).SingleAsync(ct);
            var choices = confirmed.AttendeeId is { } attendee && confirmed.SessionIds.Count > 0 ? await seats.StandingAsync(attendee, confirmed.SessionIds, ct) : null;
            return Html(RegistrationPage.Confirmed(evt, language, outcome, choices));
        }).RequireRateLimiting(RegistrationsFeature.RateLimit).DisableAntiforgery();

        MapSeatOfferPages(pages);
        pages.MapMyRegistrationPages();
    }

    /// <summary>The seat offer's link (from the waitlist mail): a page with "take" and "give up", which post back.</summary>
    private static void MapSeatOfferPages(RouteGroupBuilder pages)
    {
        pages.MapGet("/seat", async (int eventId, string? t, string? lang, HttpRequest request, KioskDb db, RegistrationLinks links, Rooms.SessionSeats seats, CancellationToken ct) =>
        {
            var language = Language(lang, request);
            var evt = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, ct);
            var named = links.ReadSeatOfferToken(t);
            if (evt is null || named is not { } offer) return Html(RegistrationPage.SeatAnswered(evt, language, Rooms.SeatOfferOutcome.Gone), StatusCodes.Status404NotFound);
            if (lang is null)
                language = await db.Registrations.Where(r => r.AttendeeId == offer.AttendeeId).Select(r => r.Language).FirstOrDefaultAsync(ct) ?? language;
            if (await seats.OfferAsync(offer.SessionId, offer.AttendeeId, ct) is { } letter)
                return Html(RegistrationPage.SeatOfferPrompt(evt, language, t!, letter));
            var taken = await db.SessionBookings.AnyAsync(b => b.SessionId == offer.SessionId && b.AttendeeId == offer.AttendeeId && b.OfferExpiresAt == null, ct);
            return Html(RegistrationPage.SeatAnswered(evt, language, taken ? Rooms.SeatOfferOutcome.AlreadyTaken : Rooms.SeatOfferOutcome.Gone));
        });

        pages.MapPost("/seat", async (int eventId, HttpRequest request, KioskDb db, RegistrationLinks links, Rooms.SessionSeats seats, CancellationToken ct) =>
        {
            var form = request.HasFormContentType ? await request.ReadFormAsync(ct) : null;
            var language = RegistrationRules.Language(form?["language"]);
            var evt = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, ct);
            var offer = links.ReadSeatOfferToken(form?["t"]);
            var session = offer is { } named ? await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == named.SessionId && s.EventId == eventId, ct) : null;
            if (evt is null || session is null) return Html(RegistrationPage.SeatAnswered(evt, language, Rooms.SeatOfferOutcome.Gone), StatusCodes.Status404NotFound);
            var outcome = await seats.AnswerOfferAsync(session, offer!.Value.AttendeeId, form!["answer"] != "decline", ct);
            return Html(RegistrationPage.SeatAnswered(evt, language, outcome), outcome == Rooms.SeatOfferOutcome.Gone ? StatusCodes.Status409Conflict : StatusCodes.Status200OK);
        }).RequireRateLimiting(RegistrationsFeature.RateLimit).DisableAntiforgery();
    }

    internal static string Language(string? asked, HttpRequest request) =>
        asked is "de" or "en" ? asked
        : request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1).FirstOrDefault()?.Value.Value?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true ? "en" : "de";

    private static IResult Html(string page, int status = StatusCodes.Status200OK) =>
        Results.Content(page, "text/html; charset=utf-8", statusCode: status);
}
