using Kiosk.Shared.Badges;
using Kiosk.Shared.Text;

namespace Kiosk.Server.Attendees.Import;

/// <summary>The fields the import understands.</summary>
public enum RegistrationField { ExternalId, OrderCode, PositionId, Title, FirstName, LastName, FullName, Organization, Email, Category, Status }

/// <summary>
/// Recognises columns by their header in German or English as registration systems and Excel users
/// write them ("Vorname", "First name", "Behörde", "E-Mail-Adresse", pretix's "Attendee name: Given name").
/// </summary>
public static class RegistrationColumns
{
    private static readonly Dictionary<string, RegistrationField> Synonyms = Build(new()
    {
        [RegistrationField.ExternalId] = ["id", "external id", "externe id", "registrierungs id", "registration id", "teilnehmer id", "attendee id", "ticket id", "buchungsnummer", "anmeldenummer", "registrierungsnummer",
            // Eventbrite's "Attendee #" (one per person; its "Order #" may hold several), Cvent's confirmation number, XING's ticket number.
            "attendee number", "attendee no", "teilnehmernummer", "confirmation number", "bestatigungsnummer", "ticket number", "ticketnummer"],
        [RegistrationField.OrderCode] = ["order code", "order", "order number", "order no", "bestellnummer", "bestellung", "bestellcode"],
        [RegistrationField.PositionId] = ["position id", "position", "positions id", "positionsnummer"],
        [RegistrationField.Title] = ["titel", "title", "akademischer titel", "namenszusatz"],
        [RegistrationField.FirstName] = ["vorname", "first name", "firstname", "given name", "rufname", "forename"],
        [RegistrationField.LastName] = ["nachname", "last name", "lastname", "family name", "surname", "familienname", "zuname"],
        [RegistrationField.FullName] = ["name", "full name", "attendee name", "teilnehmername", "teilnehmer", "teilnehmerin", "vollstandiger name", "teilnehmer innenname"],
        [RegistrationField.Organization] = ["organisation", "organization", "firma", "behorde", "company", "unternehmen", "institution", "kommune", "arbeitgeber", "dienststelle", "verwaltung", "organisation firma", "firma organisation", "firma behorde",
            "company name", "organization name", "organisation name", "firmenname"],
        [RegistrationField.Email] = ["email", "e mail", "e mail adresse", "email adresse", "email address", "e mail address", "mail", "attendee email", "teilnehmer e mail"],
        [RegistrationField.Category] = ["kategorie", "category", "ticket type", "ticketart", "ticket typ", "tickettyp", "ticket", "produkt", "product", "teilnehmertyp", "teilnehmerkategorie", "typ", "type", "rolle", "role",
            "ticketkategorie", "ticket category", "registration type", "attendee type", "attendee category"],
        [RegistrationField.Status] = ["status", "bestellstatus", "order status", "anmeldestatus", "attendee status", "registration status", "teilnehmerstatus", "ticket status", "ticketstatus"],
    });

    private static Dictionary<string, RegistrationField> Build(Dictionary<RegistrationField, string[]> byField) =>
        byField.SelectMany(kv => kv.Value.Select(s => (Key: Key(s), Field: kv.Key))).DistinctBy(x => x.Key).ToDictionary(x => x.Key, x => x.Field);

    /// <summary>The field a header names, or null for columns the import ignores (price, phone, invoice address …).</summary>
    public static RegistrationField? Recognise(string header)
    {
        // "Attendee #", "Order #": the sign says "number" (folding would drop it).
        header = header.Trim();
        if (header.EndsWith('#')) header = header[..^1] + " number";
        var colon = header.LastIndexOf(':');
        if (colon >= 0)
        {
            // pretix: "Attendee name: Given name"; invoice addresses are not the attendee.
            var scope = NameFolding.Fold(header[..colon]);
            if (scope.Contains("invoice") || scope.Contains("rechnung")) return null;
            header = header[(colon + 1)..];
        }
        return Synonyms.TryGetValue(Key(header), out var field) ? field : null;
    }

    /// <summary>A header or word as the import compares them: folded, without spaces.</summary>
    public static string Key(string header) => NameFolding.Fold(header).Replace(" ", "");

    /// <summary>
    /// Maps a ticket type or category text ("Aussteller-Ticket", "Speaker", "Presseakkreditierung", "Besucher") to a
    /// category; no text is a visitor; a word it does not know is null (read as a visitor, and listed for the organizer).
    /// </summary>
    public static AttendeeCategory? KnownCategory(string? text)
    {
        var t = NameFolding.Fold(text);
        if (t.Length == 0) return AttendeeCategory.Visitor;
        if (Has(t, "ausstell", "exhibit", "aussteller")) return AttendeeCategory.Exhibitor;
        if (Has(t, "referent", "speaker", "sprecher", "redner", "vortragend", "moderat")) return AttendeeCategory.Speaker;
        if (Has(t, "presse", "press", "journalist", "media", "medien")) return AttendeeCategory.Press;
        if (Has(t, "team", "staff", "crew", "helfer", "veranstalter", "organizer", "orga")) return AttendeeCategory.Team;
        if (Has(t, "besuch", "visitor", "teilnehm", "attendee", "gast", "guest", "general", "standard", "regular", "normal", "kostenlos", "free",
            "verwaltung", "public", "offentlich", "fachbesuch", "delegate", "participant", "ticket", "tagesticket", "day pass", "dauerkarte")) return AttendeeCategory.Visitor;
        return null;
    }

    /// <summary>
    /// What a registration system's status word means here: cancelled (pretix "Canceled"/"Expired", Eventbrite "Not Attending",
    /// XING "Storniert", Cvent "Cancelled"/"Declined" …), registered ("Paid", "Attending", "Checked In", "Aktiv", "Accepted" …, or
    /// no status at all), or null for a word the import does not know: that row is refused rather than guessed.
    /// </summary>
    public static bool? IsCancelled(string? status)
    {
        var s = NameFolding.Fold(status);
        if (s.Length == 0) return false;
        if (Has(s, "cancel", "storn", "abgesagt", "expired", "abgelaufen", "refund", "erstattet", "not attending", "nicht teilnehm",
            "declined", "abgelehnt", "deleted", "geloscht", "void", "ungultig", "withdrawn", "zuruckgezogen")) return true;
        if (Has(s, "paid", "bezahlt", "attending", "checked in", "eingecheckt", "registered", "angemeldet", "confirmed", "bestatigt",
            "accepted", "angenommen", "approved", "genehmigt", "aktiv", "active", "valid", "gultig", "complete", "abgeschlossen",
            "pending", "ausstehend", "offen", "open", "placed", "zugesagt", "teilnehm")) return false;
        return null;
    }

    private static bool Has(string text, params string[] parts) => parts.Any(p => text.Contains(p, StringComparison.Ordinal));
}
