namespace Kiosk.Shared.Badges;

/// <summary>What kind of attendee a badge is for. The byte value is part of the signed badge token: never renumber.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<AttendeeCategory>))]
public enum AttendeeCategory : byte
{
    Visitor = 0,   // Besucher
    Exhibitor = 1, // Aussteller
    Speaker = 2,   // Referent
    Press = 3,     // Presse
    Team = 4,      // Team / Veranstalter
}
