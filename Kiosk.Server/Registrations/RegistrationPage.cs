using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Kiosk.Server.Events;

namespace Kiosk.Server.Registrations;

/// <summary>What the form shows: the event, its form and categories (with whether each is full).</summary>
public sealed record RegistrationFormView(
    Event Event, RegistrationForm Form, IReadOnlyList<(RegistrationCategory Category, bool Full)> Categories, IReadOnlyList<RegistrationSessionView> Sessions);

/// <summary>
/// The public registration page, written on the server so the form works without JavaScript: a plain HTML form that
/// posts back here, field errors next to their fields and in a summary at the top, German or English (<c>?lang=en</c>).
/// Every value is HTML-encoded. Styles come from /common.css and /register/register.css (the pages keep no inline style).
/// </summary>
public static class RegistrationPage
{
    public static string Form(RegistrationFormView view, string lang, RegistrationRequest? values, IReadOnlyList<RegistrationFieldError> errors, DateTimeOffset now)
    {
        var t = RegistrationTexts.For(lang);
        var evt = view.Event;
        var html = Start(t, $"{t["title"]}: {evt.Name}", lang, $"/register/{evt.Id}/");
        html.Append("<main class=\"rg-main\" id=\"main\">");
        html.Append("<h1>").Append(E(t["title"])).Append(": ").Append(E(evt.Name)).Append("</h1>");
        html.Append("<p class=\"rg-when\">").Append(E(When(evt, lang))).Append("</p>");
        if (!view.Form.IsOpen(now))
        {
            var text = view.Form.OpensAt > now ? string.Format(CultureInfo.InvariantCulture, t["opens"], Local(evt, view.Form.OpensAt!.Value, lang)) : t["closed"];
            html.Append("<p class=\"rg-banner\" role=\"status\">").Append(E(text)).Append("</p></main>");
            return End(html);
        }
        if (errors.Count > 0)
        {
            html.Append("<div class=\"rg-errors\" role=\"alert\" tabindex=\"-1\" id=\"errors\"><h2>").Append(E(t["errors"])).Append("</h2><ul>");
            foreach (var e in errors) html.Append("<li><a href=\"#").Append(E(e.Field)).Append("\">").Append(E(Message(t, e))).Append("</a></li>");
            html.Append("</ul></div>");
        }
        html.Append("<p class=\"rg-hint\">").Append(E(t["required"])).Append("</p>");
        html.Append("<form method=\"post\" action=\"/register/").Append(evt.Id).Append("/\" class=\"rg-form\" novalidate>");
        html.Append("<input type=\"hidden\" name=\"language\" value=\"").Append(E(lang)).Append("\">");
        Field(html, t, errors, "title", values?.Title, "text", "honorific-prefix", required: false);
        Field(html, t, errors, "firstName", values?.FirstName, "text", "given-name", required: false);
        Field(html, t, errors, "lastName", values?.LastName, "text", "family-name", required: true);
        Field(html, t, errors, "organization", values?.Organization, "text", "organization", required: false);
        Field(html, t, errors, "email", values?.Email, "email", "email", required: true);

        var categoryError = errors.FirstOrDefault(e => e.Field == "categoryId");
        html.Append("<fieldset class=\"rg-group\" id=\"categoryId\"").Append(categoryError is null ? "" : " aria-describedby=\"categoryId-error\"").Append("><legend>")
            .Append(E(t["categoryId"])).Append(" <span class=\"rg-req\">").Append(E(t["req"])).Append("</span></legend>");
        if (categoryError is not null) html.Append("<p class=\"rg-field-error\" id=\"categoryId-error\">").Append(E(Message(t, categoryError))).Append("</p>");
        foreach (var (category, full) in view.Categories)
        {
            var id = $"category-{category.Id}";
            var (name, nameLang) = InPageLanguage(lang, category.Name, category.NameEn);
            var note = full ? t["full"] : category.NeedsApproval ? t["approval"] : null;
            html.Append("<div class=\"rg-choice\"><input type=\"radio\" name=\"categoryId\" id=\"").Append(id).Append("\" value=\"").Append(category.Id).Append('"')
                .Append(values?.CategoryId == category.Id ? " checked" : "").Append(full ? " disabled" : "").Append(" required>")
                .Append("<label for=\"").Append(id).Append("\">").Append(nameLang is null ? E(name) : $"<span lang=\"{nameLang}\">{E(name)}</span>");
            if (note is not null) html.Append(" <span class=\"rg-note\">(").Append(E(note)).Append(")</span>");
            html.Append("</label></div>");
        }
        html.Append("</fieldset>");

        if (view.Sessions.Count > 0) Sessions(html, t, errors, view, lang, values?.SessionIds ?? []);

        var (notice, noticeLang) = InPageLanguage(lang, view.Form.PrivacyNotice, view.Form.PrivacyNoticeEn);
        html.Append("<section class=\"rg-notice\" aria-labelledby=\"privacy-heading\"><h2 id=\"privacy-heading\">").Append(E(t["privacyHeading"])).Append("</h2>");
        foreach (var paragraph in notice.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            html.Append(noticeLang is null ? "<p>" : $"<p lang=\"{noticeLang}\">").Append(E(paragraph)).Append("</p>");
        html.Append("</section>");
        Check(html, t, errors, "privacyAccepted", t["privacyAccepted"], values?.PrivacyAccepted == true, required: true);
        if (!string.IsNullOrWhiteSpace(view.Form.ContactSharingText))
        {
            var (sharing, sharingLang) = InPageLanguage(lang, view.Form.ContactSharingText, view.Form.ContactSharingTextEn);
            Check(html, t, errors, "contactSharing", sharing, values?.ContactSharing == true, required: false, labelLang: sharingLang);
        }

        // The honeypot: out of sight and out of the tab order; people leave it empty, form-filling robots do not.
        html.Append("<div class=\"rg-hp\" aria-hidden=\"true\"><label for=\"website\">Website</label>")
            .Append("<input type=\"text\" id=\"website\" name=\"website\" tabindex=\"-1\" autocomplete=\"off\"></div>");
        html.Append("<button type=\"submit\" class=\"btn rg-submit\">").Append(E(t["submit"])).Append("</button>");
        html.Append("</form>");
        html.Append("<p class=\"rg-hint rg-already\"><a href=\"/register/").Append(evt.Id).Append("/me/link?lang=").Append(lang).Append("\">").Append(E(t["myAlready"])).Append("</a></p>");
        html.Append("</main>");
        return End(html);
    }

    /// <summary>The same answer for every accepted form, whether the address was new, known, or the form a robot's.</summary>
    public static string Sent(Event evt, string lang) => Message(evt, lang, RegistrationTexts.For(lang)["sentHeading"], RegistrationTexts.For(lang)["sent"]);

    public static string NoForm(string lang) => Page(lang, RegistrationTexts.For(lang)["noFormHeading"], RegistrationTexts.For(lang)["noForm"], null);

    /// <summary>The link's landing page: a button, because mail scanners open links but do not press buttons.</summary>
    public static string ConfirmPrompt(Event evt, string lang, string token)
    {
        var t = RegistrationTexts.For(lang);
        var html = Start(t, t["confirmHeading"], lang, null);
        html.Append("<main class=\"rg-main\" id=\"main\"><h1>").Append(E(t["confirmHeading"])).Append("</h1>")
            .Append("<p class=\"rg-when\">").Append(E(evt.Name)).Append(" · ").Append(E(When(evt, lang))).Append("</p>")
            .Append("<form method=\"post\" action=\"/register/").Append(evt.Id).Append("/confirm\">")
            .Append("<input type=\"hidden\" name=\"t\" value=\"").Append(E(token)).Append("\">")
            .Append("<input type=\"hidden\" name=\"language\" value=\"").Append(E(lang)).Append("\">")
            .Append("<button type=\"submit\" class=\"btn rg-submit\">").Append(E(t["confirmButton"])).Append("</button></form></main>");
        return End(html);
    }

    /// <summary>
    /// An organizer's text in the page's language: the English one on the English page when there is one, else the German
    /// one as it is, with "de" to mark it so a screen reader pronounces it as German (null: it is in the page's language).
    /// </summary>
    private static (string Text, string? Lang) InPageLanguage(string lang, string german, string? english) =>
        lang != "en" ? (german, null) : string.IsNullOrWhiteSpace(english) ? (german, "de") : (english, null);

    /// <summary>A seat offered from the waitlist: take it or give it up (buttons, as for the confirmation).</summary>
    public static string SeatOfferPrompt(Event evt, string lang, string token, SeatOfferLetter offer)
    {
        var t = RegistrationTexts.For(lang);
        var html = Start(t, t["seatHeading"], lang, null);
        html.Append("<main class=\"rg-main\" id=\"main\"><h1>").Append(E(t["seatHeading"])).Append("</h1>")
            .Append("<p class=\"rg-when\">").Append(E(evt.Name)).Append(" · ").Append(E(When(evt, lang))).Append("</p>")
            .Append("<p class=\"rg-banner\">").Append(E(string.Format(CultureInfo.InvariantCulture, t["seatOffer"], offer.Session, Local(evt, offer.StartsAt, lang), offer.Room,
                Local(evt, offer.ExpiresAt, lang)))).Append("</p>")
            .Append("<form method=\"post\" action=\"/register/").Append(evt.Id).Append("/seat\" class=\"rg-actions\">")
            .Append("<input type=\"hidden\" name=\"t\" value=\"").Append(E(token)).Append("\">")
            .Append("<input type=\"hidden\" name=\"language\" value=\"").Append(E(lang)).Append("\">")
            .Append("<button type=\"submit\" name=\"answer\" value=\"take\" class=\"btn rg-submit\">").Append(E(t["seatTake"])).Append("</button>")
            .Append("<button type=\"submit\" name=\"answer\" value=\"decline\" class=\"btn btn-ghost rg-submit\">").Append(E(t["seatDecline"])).Append("</button></form></main>");
        return End(html);
    }

    public static string SeatAnswered(Event? evt, string lang, Rooms.SeatOfferOutcome outcome)
    {
        var t = RegistrationTexts.For(lang);
        var (heading, text) = outcome switch
        {
            Rooms.SeatOfferOutcome.Taken => (t["seatTakenHeading"], t["seatTaken"]),
            Rooms.SeatOfferOutcome.AlreadyTaken => (t["seatTakenHeading"], t["seatAlreadyTaken"]),
            Rooms.SeatOfferOutcome.Declined => (t["seatDeclinedHeading"], t["seatDeclined"]),
            _ => (t["seatGoneHeading"], t["seatGone"]),
        };
        return evt is null ? Page(lang, heading, text, null) : Message(evt, lang, heading, text);
    }

    /// <summary>The confirmation's answer; once confirmed, where the registrant stands in each chosen master class.</summary>
    public static string Confirmed(Event? evt, string lang, ConfirmOutcome outcome, IReadOnlyList<(int SessionId, string Session, Rooms.BookingOutcome Outcome)>? choices = null)
    {
        var t = RegistrationTexts.For(lang);
        var (heading, text) = outcome switch
        {
            ConfirmOutcome.Confirmed => (t["confirmedHeading"], t["confirmed"]),
            ConfirmOutcome.AwaitingApproval => (t["approvalHeading"], t["awaitingApproval"]),
            ConfirmOutcome.AlreadyConfirmed => (t["confirmedHeading"], t["alreadyConfirmed"]),
            _ => (t["invalidHeading"], t["invalid"]),
        };
        var lines = (choices ?? []).Select(c => c.Outcome.Status == Rooms.SeatStatus.Waitlisted
            ? string.Format(CultureInfo.InvariantCulture, t["choiceWaitlisted"], c.Session, c.Outcome.Position)
            : string.Format(CultureInfo.InvariantCulture, t["choiceBooked"], c.Session)).ToList();
        return evt is null ? Page(lang, heading, text, null) : Page(lang, heading, text, $"{evt.Name} · {When(evt, lang)}", lines);
    }

    private static string Message(Event evt, string lang, string heading, string text) =>
        Page(lang, heading, text, $"{evt.Name} · {When(evt, lang)}");

    internal static string Page(string lang, string heading, string text, string? subtitle, IReadOnlyList<string>? lines = null)
    {
        var t = RegistrationTexts.For(lang);
        var html = Start(t, heading, lang, null);
        html.Append("<main class=\"rg-main\" id=\"main\"><h1>").Append(E(heading)).Append("</h1>");
        if (subtitle is not null) html.Append("<p class=\"rg-when\">").Append(E(subtitle)).Append("</p>");
        html.Append("<p class=\"rg-banner\" role=\"status\">").Append(E(text)).Append("</p>");
        if (lines is { Count: > 0 })
        {
            html.Append("<ul class=\"rg-choices\">");
            foreach (var line in lines) html.Append("<li>").Append(E(line)).Append("</li>");
            html.Append("</ul>");
        }
        html.Append("</main>");
        return End(html);
    }

    /// <summary>The master classes to choose, each with its seats now; a full one can still be chosen, for its waitlist.</summary>
    private static void Sessions(StringBuilder html, IReadOnlyDictionary<string, string> t, IReadOnlyList<RegistrationFieldError> errors,
        RegistrationFormView view, string lang, IReadOnlyCollection<int> chosen)
    {
        var error = errors.FirstOrDefault(e => e.Field == "sessionIds");
        html.Append("<fieldset class=\"rg-group\" id=\"sessionIds\"").Append(error is null ? "" : " aria-describedby=\"sessionIds-error\"")
            .Append(" data-seats-url=\"/api/events/").Append(view.Event.Id).Append("/registration-form\" data-full=\"").Append(E(t["seatsFull"]))
            .Append("\" data-one=\"").Append(E(t["seatsOne"])).Append("\" data-free=\"").Append(E(t["seatsFree"])).Append("\"><legend>")
            .Append(E(t["sessionIds"])).Append("</legend>");
        if (error is not null) html.Append("<p class=\"rg-field-error\" id=\"sessionIds-error\">").Append(E(Message(t, error))).Append("</p>");
        html.Append("<p class=\"rg-hint\">").Append(E(t["sessionsHint"])).Append("</p>");
        foreach (var session in view.Sessions)
        {
            var id = $"session-{session.Id}";
            html.Append("<div class=\"rg-choice\"><input type=\"checkbox\" name=\"sessionIds\" id=\"").Append(id).Append("\" value=\"").Append(session.Id).Append('"')
                .Append(chosen.Contains(session.Id) ? " checked" : "").Append(" aria-describedby=\"").Append(id).Append("-seats\">")
                .Append("<label for=\"").Append(id).Append("\">").Append(E(session.Title)).Append(" <span class=\"rg-note\">")
                .Append(E($"{Local(view.Event, session.StartsAt, lang)} · {session.Room}")).Append("</span></label>")
                .Append(" <span class=\"rg-seats\" id=\"").Append(id).Append("-seats\" data-session=\"").Append(session.Id).Append("\">")
                .Append(E(SeatsText(t, session))).Append("</span></div>");
        }
        html.Append("</fieldset><script src=\"/register/seats.js\" defer></script>");
    }

    public static string SeatsText(IReadOnlyDictionary<string, string> t, RegistrationSessionView session) => session.Free is { } free ? SeatsText(t, free) : "";

    /// <summary>"noch 12 Plätze frei", "noch 1 Platz frei", "ausgebucht – Warteliste".</summary>
    public static string SeatsText(IReadOnlyDictionary<string, string> t, int free) => free switch
    {
        0 => t["seatsFull"],
        1 => t["seatsOne"],
        var n => string.Format(CultureInfo.InvariantCulture, t["seatsFree"], n),
    };

    internal static void Field(StringBuilder html, IReadOnlyDictionary<string, string> t, IReadOnlyList<RegistrationFieldError> errors,
        string name, string? value, string type, string autocomplete, bool required)
    {
        var error = errors.FirstOrDefault(e => e.Field == name);
        html.Append("<div class=\"rg-field\"><label for=\"").Append(name).Append("\">").Append(E(t[name == "title" ? "title.field" : name]));
        if (required) html.Append(" <span class=\"rg-req\">").Append(E(t["req"])).Append("</span>");
        html.Append("</label>");
        if (error is not null) html.Append("<p class=\"rg-field-error\" id=\"").Append(name).Append("-error\">").Append(E(Message(t, error))).Append("</p>");
        html.Append("<input type=\"").Append(type).Append("\" id=\"").Append(name).Append("\" name=\"").Append(name).Append("\" autocomplete=\"").Append(autocomplete).Append('"')
            .Append(" value=\"").Append(E(value ?? "")).Append('"').Append(required ? " required aria-required=\"true\"" : "")
            .Append(error is null ? "" : $" aria-invalid=\"true\" aria-describedby=\"{name}-error\"").Append("></div>");
    }

    internal static void Check(StringBuilder html, IReadOnlyDictionary<string, string> t, IReadOnlyList<RegistrationFieldError> errors,
        string name, string label, bool value, bool required, string? labelLang = null)
    {
        var error = errors.FirstOrDefault(e => e.Field == name);
        html.Append("<div class=\"rg-check\">");
        if (error is not null) html.Append("<p class=\"rg-field-error\" id=\"").Append(name).Append("-error\">").Append(E(Message(t, error))).Append("</p>");
        html.Append("<input type=\"checkbox\" id=\"").Append(name).Append("\" name=\"").Append(name).Append("\" value=\"true\"").Append(value ? " checked" : "")
            .Append(required ? " required aria-required=\"true\"" : "").Append(error is null ? "" : $" aria-invalid=\"true\" aria-describedby=\"{name}-error\"").Append('>')
            .Append("<label for=\"").Append(name).Append('"').Append(labelLang is null ? "" : $" lang=\"{labelLang}\"").Append('>').Append(E(label));
        if (required) html.Append(" <span class=\"rg-req\">").Append(E(t["req"])).Append("</span>");
        html.Append("</label></div>");
    }

    private static string Message(IReadOnlyDictionary<string, string> t, RegistrationFieldError e) => t.GetValueOrDefault(e.Code) ?? e.Detail;

    internal static StringBuilder Start(IReadOnlyDictionary<string, string> t, string title, string lang, string? languageLinks)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"").Append(lang).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">")
            .Append("<title>").Append(E(title)).Append("</title>")
            .Append("<link rel=\"stylesheet\" href=\"/common.css\"><link rel=\"stylesheet\" href=\"/register/register.css\"></head><body>")
            .Append("<a class=\"rg-skip\" href=\"#main\">").Append(E(t["skip"])).Append("</a>")
            .Append("<header class=\"rg-top on-dark\"><span class=\"rg-brand\">Kiosk</span>");
        if (languageLinks is not null)
        {
            html.Append("<nav class=\"lang-toggle\" aria-label=\"").Append(E(t["language"])).Append("\">")
                .Append("<a class=\"lang-btn\" href=\"").Append(E(languageLinks)).Append("?lang=de\" lang=\"de\"").Append(lang == "de" ? " aria-current=\"page\"" : "").Append(">Deutsch</a>")
                .Append("<span class=\"lang-sep\" aria-hidden=\"true\">|</span>")
                .Append("<a class=\"lang-btn\" href=\"").Append(E(languageLinks)).Append("?lang=en\" lang=\"en\"").Append(lang == "en" ? " aria-current=\"page\"" : "").Append(">English</a></nav>");
        }
        html.Append("</header>");
        return html;
    }

    internal static string End(StringBuilder html) => html.Append("</body></html>").ToString();

    internal static string When(Event evt, string lang)
    {
        var (de, en) = Mail.ConfirmationLetter.Dates(evt);
        var place = string.Join(", ", new[] { evt.Venue, evt.City }.Where(p => !string.IsNullOrWhiteSpace(p)));
        var date = lang == "en" ? en : de;
        return place.Length == 0 ? date : $"{date} · {place}";
    }

    /// <summary>A moment in the venue's time zone, as the page and the mails write it.</summary>
    internal static string Local(Event evt, DateTimeOffset at, string lang)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(evt.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return lang == "en" ? local.ToString("d MMMM yyyy, HH:mm", CultureInfo.GetCultureInfo("en-GB"))
            : local.ToString("d. MMMM yyyy, HH:mm", CultureInfo.GetCultureInfo("de-DE")) + " Uhr";
    }

    // Letters as they are (umlauts, ß, any script); only what HTML needs escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    internal static string E(string text) => Encoder.Encode(text);
}
