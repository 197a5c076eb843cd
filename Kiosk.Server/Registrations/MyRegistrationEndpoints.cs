using System.Globalization;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Kiosk.Server.Badges;
using Kiosk.Server.Data;
using Kiosk.Server.Rooms;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Registrations;

/// <summary>
/// The pages of "Meine Anmeldung" under <c>/register/{eventId}/me</c>. The mail's link carries a signed token once:
/// the page keeps it in a cookie for this path only (HttpOnly, SameSite=Lax, so another site cannot post here) and
/// sends the browser on to the address without it, so the token is not left in the address bar, the history, or a
/// Referer. Every answer is no-store with no referrer.
/// </summary>
internal static class MyRegistrationEndpoints
{
    public const string Cookie = "kiosk-my-registration";

    public static void MapMyRegistrationPages(this RouteGroupBuilder pages)
    {
        pages.MapGet("/me", async (int eventId, string? t, string? lang, HttpContext http, RegistrationLinks links, MyRegistration my, KioskDb db, CancellationToken ct) =>
        {
            Private(http);
            if (t is not null)
            {
                var named = links.ReadMyRegistrationToken(t) is { } id ? await my.ViewAsync(eventId, id, ct) : null;
                if (named is null) return await AskAsync(db, eventId, RegistrationEndpoints.Language(lang, http.Request), sent: false, invalidLink: true, StatusCodes.Status404NotFound, ct);
                http.Response.Cookies.Append(Cookie, t, new CookieOptions
                {
                    Path = $"/register/{eventId}/me", HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, IsEssential = true,
                });
                return Results.Redirect($"/register/{eventId}/me{(lang is "de" or "en" ? $"?lang={lang}" : "")}", permanent: false, preserveMethod: false);
            }
            var view = await FromCookieAsync(http, eventId, links, my, ct);
            if (view is null) return await AskAsync(db, eventId, RegistrationEndpoints.Language(lang, http.Request), sent: false, invalidLink: false, StatusCodes.Status200OK, ct);
            return Html(MyRegistrationPage.Render(view, lang is "de" or "en" ? lang : view.Language));
        });

        pages.MapPost("/me", async (int eventId, HttpContext http, RegistrationLinks links, MyRegistration my, KioskDb db, CancellationToken ct) =>
        {
            Private(http);
            var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
            var lang = RegistrationRules.Language(form?["language"]);
            var view = await FromCookieAsync(http, eventId, links, my, ct);
            if (view is null || form is null) return await AskAsync(db, eventId, lang, sent: false, invalidLink: true, StatusCodes.Status404NotFound, ct);
            var sessionId = int.TryParse(form["sessionId"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : -1;
            var t = RegistrationTexts.For(lang);
            string Title() => view.Sessions.FirstOrDefault(x => x.Id == sessionId)?.Title ?? "";
            (string? Done, MyRefusal? Refusal, string? Field) outcome;
            switch (form["action"].ToString())
            {
                case "book":
                    var (booked, refused) = await my.BookAsync(view, sessionId, ct);
                    outcome = (booked is null ? null : booked.Status == SeatStatus.Waitlisted
                        ? string.Format(CultureInfo.InvariantCulture, t["myDoneWaitlisted"], Title(), booked.Position)
                        : string.Format(CultureInfo.InvariantCulture, t["myDoneBooked"], Title()), refused, null);
                    break;
                case "leave":
                    var left = await my.CancelSessionAsync(view, sessionId, ct);
                    outcome = (left is null ? string.Format(CultureInfo.InvariantCulture, t["myDoneLeft"], Title()) : null, left, null);
                    break;
                case "name":
                    var corrected = await my.CorrectNameAsync(view, form["title"], form["firstName"], form["lastName"], ct);
                    outcome = (corrected is null ? t["myDoneName"] : null, corrected, corrected?.Code.StartsWith("name-", StringComparison.Ordinal) == true ? "lastName" : null);
                    break;
                case "cancel" when form["confirm"] != "true":
                    outcome = (null, new("my-confirm-missing"), "confirm");
                    break;
                case "cancel":
                    var cancelled = await my.CancelAsync(view, ct);
                    outcome = (cancelled is null ? t["myCancelled"] : null, cancelled, null);
                    break;
                default:
                    return Html(MyRegistrationPage.Render(view, lang), StatusCodes.Status400BadRequest);
            }
            var after = await my.ViewAsync(eventId, view.Attendee.Id, ct) ?? view;
            var errors = outcome is { Field: { } field, Refusal: { } r } ? new List<RegistrationFieldError> { new(field, r.Code, r.Code) } : null;
            var status = outcome.Refusal is null ? StatusCodes.Status200OK : outcome.Refusal.Code == "my-locked" ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            var page = MyRegistrationPage.Render(after, lang, outcome.Done, errors is null ? outcome.Refusal?.Code : null, errors);
            return Html(page, status);
        }).RequireRateLimiting(RegistrationsFeature.RateLimit).DisableAntiforgery();

        pages.MapGet("/me/badge.png", async (int eventId, HttpContext http, RegistrationLinks links, MyRegistration my, BadgeKeys keys, CancellationToken ct) =>
        {
            Private(http);
            if (await FromCookieAsync(http, eventId, links, my, ct) is not { Cancelled: false, Attendee.Badge: { } badge } view) return Results.NotFound();
            var token = await keys.SignAsync(view.Event, badge, view.Attendee.Category, ct);
            return Results.File(BadgeQr.Png(token), "image/png");
        });

        pages.MapGet("/me/calendar.ics", async (int eventId, HttpContext http, RegistrationLinks links, MyRegistration my, CancellationToken ct) =>
        {
            Private(http);
            if (await FromCookieAsync(http, eventId, links, my, ct) is not { Cancelled: false } view) return Results.NotFound();
            return Results.File(System.Text.Encoding.UTF8.GetBytes(Calendar(view)), "text/calendar; charset=utf-8", "masterclasses.ics");
        });

        pages.MapPost("/me/close", (int eventId, HttpContext http) =>
        {
            Private(http);
            http.Response.Cookies.Delete(Cookie, new CookieOptions { Path = $"/register/{eventId}/me" });
            return Results.Redirect($"/register/{eventId}/me/link", permanent: false, preserveMethod: false);
        }).DisableAntiforgery();

        pages.MapGet("/me/link", async (int eventId, string? lang, HttpContext http, KioskDb db, CancellationToken ct) =>
            await AskAsync(db, eventId, RegistrationEndpoints.Language(lang, http.Request), sent: false, invalidLink: false, StatusCodes.Status200OK, ct));

        pages.MapPost("/me/link", async (int eventId, HttpContext http, KioskDb db, Registrations registrations, CancellationToken ct) =>
        {
            var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
            var lang = RegistrationRules.Language(form?["language"]);
            // The same answer whether the address is registered or not.
            if (form is not null && await db.Events.AnyAsync(e => e.Id == eventId, ct)) await registrations.RequestLinkAsync(eventId, form["email"], lang, ct);
            return await AskAsync(db, eventId, lang, sent: form is not null, invalidLink: false, StatusCodes.Status200OK, ct);
        }).RequireRateLimiting(RegistrationsFeature.RateLimit).DisableAntiforgery();
    }

    /// <summary>The booked master classes as an iCalendar file, in UTC (every calendar shows them in its own zone).</summary>
    internal static string Calendar(MyRegistrationView view)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//Kiosk//Meine Anmeldung//DE" };
        foreach (var s in view.Sessions.Where(s => s.Standing?.Status == SeatStatus.Booked))
            calendar.Events.Add(new CalendarEvent
            {
                Uid = FormattableString.Invariant($"kiosk-session-{s.Id}-attendee-{view.Attendee.Id}@{view.Event.Id}"),
                Summary = s.Title, Location = $"{s.Room}, {view.Event.Name}",
                Start = new CalDateTime(s.StartsAt.UtcDateTime), End = new CalDateTime(s.EndsAt.UtcDateTime),
            });
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static async Task<MyRegistrationView?> FromCookieAsync(HttpContext http, int eventId, RegistrationLinks links, MyRegistration my, CancellationToken ct) =>
        links.ReadMyRegistrationToken(http.Request.Cookies[Cookie]) is { } id ? await my.ViewAsync(eventId, id, ct) : null;

    private static async Task<IResult> AskAsync(KioskDb db, int eventId, string lang, bool sent, bool invalidLink, int status, CancellationToken ct) =>
        await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, ct) is { } evt
            ? Html(MyRegistrationPage.Ask(evt, lang, sent, invalidLink), status)
            : Html(RegistrationPage.NoForm(lang), StatusCodes.Status404NotFound);

    /// <summary>Nothing of this page is kept by a cache or handed to another site.</summary>
    private static void Private(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
    }

    private static IResult Html(string page, int status = StatusCodes.Status200OK) =>
        Results.Content(page, "text/html; charset=utf-8", statusCode: status);
}
