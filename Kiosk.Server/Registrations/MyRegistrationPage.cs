using System.Globalization;
using System.Text;
using Kiosk.Server.Events;
using Kiosk.Server.Rooms;
using static Kiosk.Server.Registrations.RegistrationPage;

namespace Kiosk.Server.Registrations;

/// <summary>
/// "Meine Anmeldung", written on the server like the registration form: plain forms that post back, so it works
/// without JavaScript; a message after each change (role=status) or the reason it was not made (role=alert).
/// </summary>
public static class MyRegistrationPage
{
    public static string Render(MyRegistrationView view, string lang, string? done = null, string? refusal = null, IReadOnlyList<RegistrationFieldError>? errors = null)
    {
        var t = RegistrationTexts.For(lang);
        var evt = view.Event;
        var a = view.Attendee;
        var me = $"/register/{evt.Id}/me";
        var html = Start(t, $"{t["myHeading"]}: {evt.Name}", lang, me);
        html.Append("<main class=\"rg-main\" id=\"main\"><h1>").Append(E(t["myHeading"])).Append("</h1>")
            .Append("<p class=\"rg-when\">").Append(E(evt.Name)).Append(" · ").Append(E(When(evt, lang))).Append("</p>");
        if (refusal is not null) html.Append("<p class=\"rg-errors\" role=\"alert\">").Append(E(t.GetValueOrDefault(refusal) ?? refusal)).Append("</p>");
        if (done is not null && !view.Cancelled) html.Append("<p class=\"rg-banner\" role=\"status\">").Append(E(done)).Append("</p>");
        if (view.Cancelled)
        {
            html.Append("<p class=\"rg-banner\" role=\"status\">").Append(E(t["myCancelled"])).Append("</p>")
                .Append("<p><a href=\"/register/").Append(evt.Id).Append("/?lang=").Append(lang).Append("\">").Append(E(t["myRegisterAgain"])).Append("</a></p>");
            SignOut(html, t, me, lang);
            return End(html.Append("</main>"));
        }

        html.Append("<section aria-labelledby=\"badge-h\"><h2 id=\"badge-h\">").Append(E(t["myBadge"])).Append("</h2>")
            .Append("<p class=\"rg-person\"><strong>").Append(E(a.DisplayName)).Append("</strong>");
        if (!string.IsNullOrEmpty(a.Organization)) html.Append("<br>").Append(E(a.Organization));
        html.Append("</p>");
        if (a.CheckedInAt is { } at)
            html.Append("<p class=\"rg-banner\">").Append(E(string.Format(CultureInfo.InvariantCulture, t["myCheckedIn"], Local(evt, at, lang)))).Append("</p>");
        html.Append("<img class=\"rg-qr\" src=\"").Append(me).Append("/badge.png\" alt=\"").Append(E(t["myQrAlt"])).Append("\" width=\"240\" height=\"240\">")
            .Append("<p class=\"rg-hint\">").Append(E(t["myQrHint"])).Append("</p>")
            .Append("<p><a href=\"").Append(me).Append("/badge.png\" download=\"badge.png\">").Append(E(t["myQrDownload"])).Append("</a></p></section>");

        Sessions(html, t, view, lang, me);
        if (view.CanChange)
        {
            NameForm(html, t, view, lang, me, errors ?? []);
            CancelForm(html, t, lang, me, errors ?? []);
        }
        SignOut(html, t, me, lang);
        return End(html.Append("</main>"));
    }

    /// <summary>The page that sends the link again; <paramref name="invalidLink"/>: it was reached by a link that no longer opens anything.</summary>
    public static string Ask(Event evt, string lang, bool sent, bool invalidLink, string? email = null)
    {
        var t = RegistrationTexts.For(lang);
        var html = Start(t, $"{t["myAskHeading"]}: {evt.Name}", lang, $"/register/{evt.Id}/me/link");
        html.Append("<main class=\"rg-main\" id=\"main\"><h1>").Append(E(t["myAskHeading"])).Append("</h1>")
            .Append("<p class=\"rg-when\">").Append(E(evt.Name)).Append(" · ").Append(E(When(evt, lang))).Append("</p>");
        if (sent) return End(html.Append("<p class=\"rg-banner\" role=\"status\">").Append(E(t["myAskSent"])).Append("</p></main>"));
        if (invalidLink) html.Append("<p class=\"rg-banner\" role=\"status\">").Append(E(t["myAskInvalid"])).Append("</p>");
        html.Append("<p>").Append(E(t["myAsk"])).Append("</p>")
            .Append("<form method=\"post\" action=\"/register/").Append(evt.Id).Append("/me/link\" class=\"rg-form\" novalidate>")
            .Append("<input type=\"hidden\" name=\"language\" value=\"").Append(lang).Append("\">");
        Field(html, t, [], "email", email, "email", "email", required: true);
        html.Append("<button type=\"submit\" class=\"btn rg-submit\">").Append(E(t["myAskSend"])).Append("</button></form></main>");
        return End(html);
    }

    private static void Sessions(StringBuilder html, IReadOnlyDictionary<string, string> t, MyRegistrationView view, string lang, string me)
    {
        var evt = view.Event;
        html.Append("<section aria-labelledby=\"sessions-h\"><h2 id=\"sessions-h\">").Append(E(t["mySessions"])).Append("</h2>");
        if (view.Sessions.Count == 0)
        {
            html.Append("<p>").Append(E(t["myNoSessions"])).Append("</p></section>");
            return;
        }
        html.Append("<ul class=\"rg-sessions\">");
        foreach (var s in view.Sessions)
        {
            var id = $"session-{s.Id}";
            html.Append("<li class=\"rg-session\"><p id=\"").Append(id).Append("\"><strong>").Append(E(s.Title)).Append("</strong><br>")
                .Append(E(Local(evt, s.StartsAt, lang))).Append(" · ").Append(E(s.Room)).Append("</p>");
            var standing = s.Standing switch
            {
                { Status: SeatStatus.Booked } => t["myBooked"],
                { Status: SeatStatus.Offered, OfferExpiresAt: { } until } => string.Format(CultureInfo.InvariantCulture, t["myOffered"], Local(evt, until, lang)),
                { Status: SeatStatus.Waitlisted, Position: var p } => string.Format(CultureInfo.InvariantCulture, t["myWaitlisted"], p),
                _ => null,
            };
            var seats = s.Free is { } free ? SeatsText(t, free) : "";
            if (standing is not null) html.Append("<p class=\"rg-standing\">").Append(E(standing)).Append("</p>");
            else if (seats.Length > 0) html.Append("<p class=\"rg-seats-left\">").Append(E(seats)).Append("</p>");
            var button = !view.CanChange ? null
                : s.Standing is { Status: SeatStatus.Waitlisted } ? ("leave", t["myLeaveWaitlist"])
                : s.Has && s.Standing!.Status == SeatStatus.Booked ? ("leave", t["myLeave"])
                : !s.Has && s.OnForm ? ("book", s.Free == 0 ? t["myJoinWaitlist"] : t["myBook"])
                : ((string, string)?)null;
            if (button is { } b)
                html.Append("<form method=\"post\" action=\"").Append(me).Append("\">").Append(Hidden("language", lang)).Append(Hidden("action", b.Item1))
                    .Append(Hidden("sessionId", s.Id.ToString(CultureInfo.InvariantCulture)))
                    .Append("<button type=\"submit\" class=\"btn").Append(b.Item1 == "leave" ? " btn-ghost" : "").Append("\" aria-describedby=\"").Append(id).Append("\">")
                    .Append(E(b.Item2)).Append("</button></form>");
            html.Append("</li>");
        }
        html.Append("</ul>");
        if (view.Sessions.Any(s => s.Standing?.Status == SeatStatus.Booked))
            html.Append("<p><a href=\"").Append(me).Append("/calendar.ics\" download=\"masterclasses.ics\">").Append(E(t["myCalendar"])).Append("</a></p>");
        html.Append("</section>");
    }

    private static void NameForm(StringBuilder html, IReadOnlyDictionary<string, string> t, MyRegistrationView view, string lang, string me, IReadOnlyList<RegistrationFieldError> errors)
    {
        var a = view.Attendee;
        html.Append("<section aria-labelledby=\"name-h\"><h2 id=\"name-h\">").Append(E(t["myName"])).Append("</h2>")
            .Append("<p class=\"rg-hint\">").Append(E(t["myNameHint"])).Append("</p>")
            .Append("<form method=\"post\" action=\"").Append(me).Append("\" class=\"rg-form\" novalidate>").Append(Hidden("language", lang)).Append(Hidden("action", "name"));
        Field(html, t, errors, "title", a.Title, "text", "honorific-prefix", required: false);
        Field(html, t, errors, "firstName", a.FirstName, "text", "given-name", required: false);
        Field(html, t, errors, "lastName", a.LastName, "text", "family-name", required: true);
        html.Append("<button type=\"submit\" class=\"btn rg-submit\">").Append(E(t["myNameSave"])).Append("</button></form></section>");
    }

    private static void CancelForm(StringBuilder html, IReadOnlyDictionary<string, string> t, string lang, string me, IReadOnlyList<RegistrationFieldError> errors)
    {
        html.Append("<section aria-labelledby=\"cancel-h\"><h2 id=\"cancel-h\">").Append(E(t["myCancel"])).Append("</h2>")
            .Append("<p class=\"rg-hint\">").Append(E(t["myCancelHint"])).Append("</p>")
            .Append("<form method=\"post\" action=\"").Append(me).Append("\" class=\"rg-form\" novalidate>").Append(Hidden("language", lang)).Append(Hidden("action", "cancel"));
        Check(html, t, errors, "confirm", t["myCancelConfirm"], false, required: true);
        html.Append("<button type=\"submit\" class=\"btn btn-danger rg-submit\">").Append(E(t["myCancel"])).Append("</button></form></section>");
    }

    private static void SignOut(StringBuilder html, IReadOnlyDictionary<string, string> t, string me, string lang) =>
        html.Append("<form method=\"post\" action=\"").Append(me).Append("/close\" class=\"rg-actions\">").Append(Hidden("language", lang))
            .Append("<button type=\"submit\" class=\"btn btn-ghost\">").Append(E(t["mySignOut"])).Append("</button></form>");

    private static string Hidden(string name, string value) => $"<input type=\"hidden\" name=\"{name}\" value=\"{E(value)}\">";
}
