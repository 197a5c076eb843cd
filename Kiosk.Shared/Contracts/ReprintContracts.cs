namespace Kiosk.Shared.Contracts;

/// <summary>Staff asked this kiosk to print an attendee's badge again (printer jam, typo fixed, lost badge).</summary>
public sealed record ReprintOrder(Guid OrderId, int AttendeeId, string Reason, DateTimeOffset RequestedAt);
