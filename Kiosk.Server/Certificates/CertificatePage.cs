using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Kiosk.Server.Certificates;

/// <summary>
/// Printable attendance confirmations (Teilnahmebescheinigung), one A4 page each, German with an English
/// line. Every value is HTML-encoded: names and titles come from imports and organizers.
/// </summary>
public static class CertificatePage
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    // Inline, so a printed page needs nothing else; allowed by its hash alone (see ContentSecurityPolicy).
    private const string Style = """
        @page { size: A4; margin: 0; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #e7e9ee; color: #1a1f2b; font-family: "Segoe UI", "Noto Sans", "DejaVu Sans", Arial, sans-serif; }
        .sheet { width: 210mm; min-height: 297mm; margin: 10mm auto; padding: 28mm 24mm; background: #fff; box-shadow: 0 2px 12px rgba(0,0,0,.15);
                 display: flex; flex-direction: column; break-after: page; page-break-after: always; }
        .sheet:last-child { break-after: auto; page-break-after: auto; }
        .event { font-size: 11pt; letter-spacing: .04em; text-transform: uppercase; color: #4a5568; margin: 0 0 2mm; }
        .venue { font-size: 11pt; color: #4a5568; margin: 0; }
        h1 { font-size: 28pt; margin: 30mm 0 4mm; font-weight: 700; }
        .subtitle { font-size: 13pt; color: #4a5568; margin: 0 0 16mm; }
        .name { font-size: 20pt; font-weight: 600; margin: 0 0 2mm; }
        .organization { font-size: 12pt; color: #4a5568; margin: 0 0 10mm; }
        .text { font-size: 13pt; line-height: 1.6; margin: 0 0 6mm; }
        .text-en { font-size: 11pt; line-height: 1.5; color: #4a5568; margin: 0; }
        .signature { margin-top: auto; display: flex; justify-content: space-between; gap: 20mm; font-size: 10pt; color: #4a5568; }
        .signature div { flex: 1; border-top: 1px solid #1a1f2b; padding-top: 2mm; }
        @media print { body { background: #fff; } .sheet { margin: 0; box-shadow: none; } }
        """;

    /// <summary>The page's own policy: its one style block, no script, never framed.</summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; " +
        "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static string Render(SessionCertificates session, IEnumerable<EligibleAttendee> attendees)
    {
        var html = new StringBuilder();
        html.Append("""
            <!doctype html>
            <html lang="de">
            <head>
            <meta charset="utf-8">
            <meta name="robots" content="noindex">
            <title>Teilnahmebescheinigung – 
            """).Append(E(session.Title)).Append("""
            </title>
            <style>
            """).Append(Style).Append("""
            </style>
            </head>
            <body>
            """);
        var date = Local(session.StartsAt, session).ToString("dd.MM.yyyy", German);
        var (from, to) = (Local(session.StartsAt, session).ToString("HH:mm", German), Local(session.EndsAt, session).ToString("HH:mm", German));
        var place = string.Join(", ", new[] { session.Venue, session.City }.Where(p => !string.IsNullOrWhiteSpace(p)));
        foreach (var a in attendees)
        {
            html.Append("<article class=\"sheet\" data-attendee=\"").Append(a.AttendeeId).Append("\">\n")
                .Append("<p class=\"event\">").Append(E(session.EventName)).Append("</p>\n");
            if (place.Length > 0) html.Append("<p class=\"venue\">").Append(E(place)).Append("</p>\n");
            html.Append("<h1>Teilnahmebescheinigung</h1>\n<p class=\"subtitle\" lang=\"en\">Certificate of attendance</p>\n")
                .Append("<p class=\"name\">").Append(E(a.DisplayName)).Append("</p>\n");
            if (!string.IsNullOrWhiteSpace(a.Organization)) html.Append("<p class=\"organization\">").Append(E(a.Organization)).Append("</p>\n");
            html.Append("<p class=\"text\">").Append(E(a.DisplayName)).Append(" hat am ").Append(date).Append(" von ").Append(from).Append(" bis ").Append(to)
                .Append(" Uhr an der Masterclass „").Append(E(session.Title)).Append("“ im Raum ").Append(E(session.Room))
                .Append(" teilgenommen (").Append(a.MinutesPresent).Append(" Minuten).</p>\n")
                .Append("<p class=\"text-en\" lang=\"en\">").Append(E(a.DisplayName)).Append(" attended the master class “").Append(E(session.Title))
                .Append("” in room ").Append(E(session.Room)).Append(" on ").Append(date).Append(" from ").Append(from).Append(" to ").Append(to)
                .Append(" (").Append(a.MinutesPresent).Append(" minutes).</p>\n")
                .Append("<footer class=\"signature\"><div>").Append(E(session.City ?? "")).Append(session.City is null ? "" : ", ").Append(date)
                .Append("</div><div>Veranstalter / Organizer</div></footer>\n</article>\n");
        }
        return html.Append("</body>\n</html>\n").ToString();
    }

    private static DateTime Local(DateTimeOffset at, SessionCertificates session) => TimeZoneInfo.ConvertTime(at, session.Zone).DateTime;

    // All of Unicode stays readable (umlauts, ß); markup characters and quotes are always encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static string E(string? text) => Encoder.Encode(text ?? "");
}
