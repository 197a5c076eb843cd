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
        [RegistrationField.ExternalId] = ["id", "external id", "externe id", "registrierungs id", "registration id", "teilnehmer id", "attendee id", "ticket id", "buchungsnummer", "anmeldenummer", "registrierungsnummer"],
        [RegistrationField.OrderCode] = ["order code", "order", "bestellnummer", "bestellung", "bestellcode"],
        [RegistrationField.PositionId] = ["position id", "position", "positions id", "positionsnummer"],
        [RegistrationField.Title] = ["titel", "title", "akademischer titel", "namenszusatz"],
        [RegistrationField.FirstName] = ["vorname", "first name", "firstname", "given name", "rufname", "forename"],
        [RegistrationField.LastName] = ["nachname", "last name", "lastname", "family name", "surname", "familienname", "zuname"],
        [RegistrationField.FullName] = ["name", "full name", "attendee name", "teilnehmername", "teilnehmer", "teilnehmerin", "vollstandiger name", "teilnehmer innenname"],
        [RegistrationField.Organization] = ["organisation", "organization", "firma", "behorde", "company", "unternehmen", "institution", "kommune", "arbeitgeber", "dienststelle", "verwaltung", "organisation firma", "firma organisation", "firma behorde"],
        [RegistrationField.Email] = ["email", "e mail", "e mail adresse", "email adresse", "email address", "e mail address", "mail", "attendee email", "teilnehmer e mail"],
        [RegistrationField.Category] = ["kategorie", "category", "ticket type", "ticketart", "ticket typ", "tickettyp", "ticket", "produkt", "product", "teilnehmertyp", "teilnehmerkategorie", "typ", "type", "rolle", "role"],
        [RegistrationField.Status] = ["status", "bestellstatus", "order status", "anmeldestatus"],
    });

    private static Dictionary<string, RegistrationField> Build(Dictionary<RegistrationField, string[]> byField) =>
        byField.SelectMany(kv => kv.Value.Select(s => (Key: Key(s), Field: kv.Key))).DistinctBy(x => x.Key).ToDictionary(x => x.Key, x => x.Field);

    /// <summary>The field a header names, or null for columns the import ignores (price, phone, invoice address …).</summary>
    public static RegistrationField? Recognise(string header)
    {
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

    private static string Key(string header) => NameFolding.Fold(header).Replace(" ", "");

    /// <summary>Maps a ticket type or category text ("Aussteller-Ticket", "Speaker", "Presseakkreditierung") to a category; anything else is a visitor.</summary>
    public static AttendeeCategory Category(string? text)
    {
        var t = NameFolding.Fold(text);
        if (t.Length == 0) return AttendeeCategory.Visitor;
        if (Has(t, "ausstell", "exhibit", "aussteller")) return AttendeeCategory.Exhibitor;
        if (Has(t, "referent", "speaker", "sprecher", "redner", "vortragend", "moderat")) return AttendeeCategory.Speaker;
        if (Has(t, "presse", "press", "journalist", "media", "medien")) return AttendeeCategory.Press;
        if (Has(t, "team", "staff", "crew", "helfer", "veranstalter", "organizer", "orga")) return AttendeeCategory.Team;
        return AttendeeCategory.Visitor;
    }

    /// <summary>pretix and similar: cancelled or expired orders arrive as cancelled registrations.</summary>
    public static bool IsCancelled(string? status)
    {
        var s = NameFolding.Fold(status);
        return Has(s, "cancel", "storn", "abgesagt", "expired", "abgelaufen", "refunded", "erstattet");
    }

    private static bool Has(string text, params string[] parts) => parts.Any(p => text.Contains(p, StringComparison.Ordinal));
}
