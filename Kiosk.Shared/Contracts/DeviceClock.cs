namespace Kiosk.Shared.Contracts;

/// <summary>
/// Kiosk PCs' clocks drift and are sometimes hours off. A device sends, with every request, its own clock
/// at the moment of sending (<see cref="SentAtHeader"/>); the server then places a scan at "received minus
/// (sent − scanned)", both differences taken on the device's clock, so the device's offset cancels out.
/// Without the header the scan time is taken as sent.
/// </summary>
public static class DeviceClock
{
    public const string SentAtHeader = "Kiosk-Sent-At";

    public static DateTimeOffset OnServerClock(DateTimeOffset scannedAt, DateTimeOffset? sentAt, DateTimeOffset receivedAt)
    {
        if (sentAt is not { } sent || scannedAt == default) return scannedAt;
        var age = sent - scannedAt;
        // A scan cannot be younger than zero; a negative age means the device clock jumped between scan and send.
        return receivedAt - (age < TimeSpan.Zero ? TimeSpan.Zero : age);
    }

    public static DateTimeOffset? ParseSentAt(string? header) =>
        DateTimeOffset.TryParse(header, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at) ? at : null;
}
