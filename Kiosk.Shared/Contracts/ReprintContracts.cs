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

    public static bool MayOffer(bool eventAllows, DateTimeOffset? firstPrintedHere, bool alreadyReprinted, DateTimeOffset now) =>
        eventAllows && !alreadyReprinted && firstPrintedHere is { } first && now >= first && now - first <= Window;
}
