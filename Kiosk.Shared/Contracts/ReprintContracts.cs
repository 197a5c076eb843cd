namespace Kiosk.Shared.Contracts;

/// <summary>Staff asked this kiosk to print an attendee's badge again (printer jam, typo fixed, lost badge).</summary>
public sealed record ReprintOrder(Guid OrderId, int AttendeeId, string Reason, DateTimeOffset RequestedAt);

/// <summary>A kiosk printed a visitor's badge a second time by the visitor's own request (printer jam), once, within the window.</summary>
public sealed record SelfReprintNotice(Guid ReprintId, int AttendeeId, DateTimeOffset PrintedAt);

/// <summary>
/// Self-service reprint at the kiosk: off unless the event allows it; then one extra print per visitor, at the
/// kiosk that printed the first badge, within five minutes of that print (a jammed or torn badge is noticed at once).
/// </summary>
public static class SelfReprintRules
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <param name="eventAllows">The event's setting.</param>
    /// <param name="sinceFirstPrintHere">How long ago this kiosk printed the first badge (null: it never did), as the kiosk measures it.</param>
    /// <param name="alreadyReprinted">This kiosk already printed the one self-service reprint.</param>
    public static bool MayOffer(bool eventAllows, TimeSpan? sinceFirstPrintHere, bool alreadyReprinted) =>
        eventAllows && !alreadyReprinted && sinceFirstPrintHere is { } since && since >= TimeSpan.Zero && since <= Window;
}
