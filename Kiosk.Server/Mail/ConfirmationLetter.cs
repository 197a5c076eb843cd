using System.Globalization;
using System.Net;
using Kiosk.Server.Events;
using MimeKit;
using MimeKit.Utils;

namespace Kiosk.Server.Mail;

/// <summary>
/// The confirmation mail itself, German first and then English: plain text and HTML alternatives, the
/// badge QR inline (cid:, so no external image and no tracking) and as badge.png to print or forward.
/// </summary>
public static class ConfirmationLetter
{
    public const string QrFileName = "badge.png";

    /// <summary>The domain part of the mail's Message-ID: the sender's.</summary>
    public static string Domain(MailOptions options) => options.From.Split('@').Last();

    public static MimeMessage Write(Event evt, string displayName, string address, byte[] qrPng, MailOptions options, string messageId, string myRegistration)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.FromName, options.From));
        message.To.Add(new MailboxAddress(displayName, address));
        message.Subject = $"Ihr Badge für {evt.Name} / Your badge for {evt.Name}";
        message.MessageId = messageId;

        var (de, en) = Dates(evt);
        var place = string.Join(", ", new[] { evt.Venue, evt.City }.Where(p => !string.IsNullOrWhiteSpace(p)));
        var body = new BodyBuilder();
        var qr = body.LinkedResources.Add(QrFileName, qrPng, new ContentType("image", "png"));
        qr.ContentId = MimeUtils.GenerateMessageId();
        body.Attachments.Add(QrFileName, qrPng, new ContentType("image", "png"));

        body.TextBody = $"""
            Guten Tag {displayName},

            Sie sind für {evt.Name} angemeldet.
            {place}
            {de}

            Zeigen Sie am Eingang den QR-Code im Anhang (badge.png) am Kiosk vor, auf dem Handy oder ausgedruckt.
            Ihr Badge wird dann sofort gedruckt.

            Meine Anmeldung (QR-Code, Kalender, Masterclasses, Schreibweise des Namens, Stornierung), nur für Sie:
            {myRegistration}

            ----

            Hello {displayName},

            you are registered for {evt.Name}.
            {place}
            {en}

            At the entrance, show the QR code attached (badge.png) to the kiosk, on your phone or printed.
            Your badge is printed at once.

            My registration (QR code, calendar, master classes, spelling of your name, cancellation), for you only:
            {myRegistration}
            """;

        string H(string s) => WebUtility.HtmlEncode(s);
        body.HtmlBody = $"""
            <!DOCTYPE html>
            <html lang="de"><head><meta charset="utf-8"><title>{H(message.Subject)}</title></head>
            <body style="font-family: sans-serif; color: #1a1a1a;">
            <p>Guten Tag {H(displayName)},</p>
            <p>Sie sind für <strong>{H(evt.Name)}</strong> angemeldet.<br>{H(place)}<br>{H(de)}</p>
            <p>Zeigen Sie am Eingang diesen QR-Code am Kiosk vor, auf dem Handy oder ausgedruckt. Ihr Badge wird dann sofort gedruckt.</p>
            <p><img src="cid:{qr.ContentId}" alt="Badge QR-Code" width="240" height="240"></p>
            <p>QR-Code, Kalender, Masterclasses, Schreibweise des Namens, Stornierung (nur für Sie): <a href="{H(myRegistration)}">Meine Anmeldung</a></p>
            <hr>
            <div lang="en">
            <p>Hello {H(displayName)},</p>
            <p>you are registered for <strong>{H(evt.Name)}</strong>.<br>{H(place)}<br>{H(en)}</p>
            <p>At the entrance, show the QR code above to the kiosk, on your phone or printed. Your badge is printed at once.</p>
            <p>QR code, calendar, master classes, spelling of your name, cancellation (for you only): <a href="{H(myRegistration)}">My registration</a></p>
            </div>
            </body></html>
            """;
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>The event's dates in the venue's time zone, as a German and an English line.</summary>
    internal static (string German, string English) Dates(Event evt)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(evt.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
        var start = TimeZoneInfo.ConvertTime(evt.StartsAt, zone);
        var end = TimeZoneInfo.ConvertTime(evt.EndsAt, zone);
        var deCulture = CultureInfo.GetCultureInfo("de-DE");
        var enCulture = CultureInfo.GetCultureInfo("en-GB");
        var german = start.Date == end.Date
            ? $"{start.ToString("dddd, d. MMMM yyyy, HH:mm", deCulture)} bis {end.ToString("HH:mm", deCulture)} Uhr"
            : $"{start.ToString("dddd, d. MMMM yyyy, HH:mm", deCulture)} Uhr bis {end.ToString("dddd, d. MMMM yyyy, HH:mm", deCulture)} Uhr";
        var english = start.Date == end.Date
            ? $"{start.ToString("dddd d MMMM yyyy, HH:mm", enCulture)} to {end.ToString("HH:mm", enCulture)}"
            : $"{start.ToString("dddd d MMMM yyyy, HH:mm", enCulture)} to {end.ToString("dddd d MMMM yyyy, HH:mm", enCulture)}";
        return (german, english);
    }
}
