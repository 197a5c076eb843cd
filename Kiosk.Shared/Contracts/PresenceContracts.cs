using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Kiosk.Shared.Contracts;

[JsonConverter(typeof(JsonStringEnumConverter<PresenceDirection>))]
public enum PresenceDirection
{
    In = 0,
    Out = 1,
    /// <summary>In if the person is not in this room, else out (one scanner at a small island's only door).</summary>
    Toggle = 2,
}

[JsonConverter(typeof(JsonStringEnumConverter<PresenceDecision>))]
public enum PresenceDecision
{
    Admitted = 0,
    Left = 1,
    Full = 2,
    NotCheckedIn = 3,
    /// <summary>An exit of someone the log does not have inside: nothing to count.</summary>
    NotInside = 4,
    Unknown = 5,
    Invalid = 6,
    WrongEvent = 7,
    Revoked = 8,
    Cancelled = 9,
    /// <summary>The session's seats are for booked attendees until shortly before it starts.</summary>
    NotBooked = 10,
    /// <summary>Checked out by the server at the end of the day (nobody scanned out).</summary>
    ClosedForTheDay = 11,
}

/// <summary>
/// A scan at a room door, or a click of an anonymous counter. Exactly one of <see cref="Token"/>,
/// <see cref="AttendeeId"/> and <see cref="Anonymous"/>. <see cref="ClientScanId"/> makes retries harmless.
/// </summary>
public sealed record PresenceRequest(
    [StringLength(1000)] string? Token,
    int? AttendeeId,
    bool Anonymous,
    int RoomId,
    [EnumDataType(typeof(PresenceDirection))] PresenceDirection Direction,
    Guid ClientScanId,
    DateTimeOffset ScannedAt);

/// <summary>
/// The decision and the room's occupancy after it. <see cref="Conflict"/> is set when a scan uploaded after
/// an outage broke a rule (the person already went in): it is counted, and flagged for staff.
/// </summary>
public sealed record PresenceResponse(
    Guid ClientScanId,
    PresenceDecision Decision,
    RoomOccupancy Room,
    ScanConflict? Conflict,
    AttendeeSummary? Attendee);

/// <summary>A room's occupancy; <see cref="Seq"/> grows with every change, so a gap means a missed message.</summary>
public sealed record RoomOccupancy(int RoomId, string Name, string Kind, int Capacity, int Inside, long Seq);
