using Kiosk.Shared.Contracts;

namespace Kiosk.Server;

/// <summary>Scan times as devices send them, moved onto the server's clock (see <see cref="DeviceClock"/>).</summary>
public static class DeviceTimes
{
    public static DateTimeOffset OnServerClock(this HttpContext http, DateTimeOffset deviceTime, TimeProvider time) =>
        DeviceClock.OnServerClock(deviceTime, DeviceClock.ParseSentAt(http.Request.Headers[DeviceClock.SentAtHeader]), time.GetUtcNow());
}
