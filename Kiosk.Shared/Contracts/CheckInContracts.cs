using System.ComponentModel.DataAnnotations;
using Kiosk.Shared.Badges;

namespace Kiosk.Shared.Contracts;

/// <summary>
/// A scan at the entrance. Exactly one of <see cref="Token"/> (scanned badge) and <see cref="AttendeeId"/>
/// (found by name, or staff at the desk). <see cref="ClientScanId"/> is made by the device at scan time and
/// kept with the scan until the server has answered: sending it again never counts twice.
/// <see cref="BadgePrinted"/>: the kiosk admitted the visitor on its own (offline) and printed a badge; if the
/// server already had a check-in, a second badge now exists and the scan is flagged as a conflict.
/// <see cref="Reason"/>: why staff check someone in by hand at the desk (kept in the audit log); kiosks send none.
/// </summary>
/// <see cref="Token"/> at most 1,000 characters: far longer than any badge token.
public sealed record CheckInRequest([StringLength(1000)] string? Token, int? AttendeeId, Guid ClientScanId, DateTimeOffset ScannedAt, bool BadgePrinted = false, string? Reason = null);

/// <summary>Only what the kiosk needs to greet the visitor and print the badge.</summary>
public sealed record AttendeeSummary(
    int Id,
    string? Title,
    string FirstName,
    string LastName,
    string? Organization,
    AttendeeCategory Category);

/// <summary>
/// The answer to a scan. <see cref="CheckedInAt"/> is the attendee's first check-in (for "already checked
/// in at 09:12"); <see cref="Attendee"/> is absent when the badge is unknown, invalid or of another event.
/// </summary>
public sealed record CheckInResponse(
    Guid ClientScanId,
    CheckInOutcome Outcome,
    AttendeeSummary? Attendee,
    DateTimeOffset? CheckedInAt);
