using System.Net;

namespace Kiosk.Terminal.Ui;

/// <summary>
/// The kiosk API serves one browser on the same PC. Requests from elsewhere, or addressed to another host
/// name (DNS rebinding from a web page), are refused even if the port were exposed by mistake.
/// </summary>
public sealed class LoopbackGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        var host = context.Request.Host.Host;
        var loopbackHost = host is "localhost" or "127.0.0.1" or "[::1]" or "::1";
        if ((remote is not null && !IPAddress.IsLoopback(remote)) || !loopbackHost)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }
        return next(context);
    }
}
