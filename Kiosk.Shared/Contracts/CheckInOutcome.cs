using System.Text.Json.Serialization;

namespace Kiosk.Shared.Contracts;

/// <summary>What the entrance tells the visitor. Stored with each check-in record: never renumber.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CheckInOutcome>))]
public enum CheckInOutcome
{
    FirstCheckIn = 0,
    AlreadyCheckedIn = 1,
    Revoked = 2,     // an older version of a reissued badge
    Cancelled = 3,   // the registration was cancelled
    Unknown = 4,     // genuine format, but no such badge or attendee here
    WrongEvent = 5,  // a badge of another event
    Invalid = 6,     // not a badge, forged, altered, or outside its validity
}
