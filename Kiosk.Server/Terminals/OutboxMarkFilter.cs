using Kiosk.Server.Auth;
using Kiosk.Server.Data;
using Kiosk.Shared.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Terminals;

/// <summary>
/// On the routes a kiosk's outbox posts to: once the route has answered (stored the scan, replayed it, or refused
/// it for good), moves the terminal's <see cref="Terminal.OutboxMark"/> over this item when it already covers the
/// item before it (see <see cref="OutboxMarks"/>), before the answer leaves. Its own write after the route's commit,
/// so any state of the database (after a power cut, in a dump) that has the mark also has the scans below it; a lost
/// or refused move only makes the kiosk send some items once more.
/// </summary>
public static class OutboxMarkFilter
{
    public static TBuilder RecordsOutboxMark<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var http = context.HttpContext;
            if (http.User.TerminalId() is { } terminalId && Answered(result)
                && long.TryParse(http.Request.Headers[OutboxMarks.SeqHeader], out var seq)
                && long.TryParse(http.Request.Headers[OutboxMarks.AfterHeader], out var after) && after < seq)
            {
                var db = http.RequestServices.GetRequiredService<KioskDb>();
                using (await http.RequestServices.GetRequiredService<WriteGate>().EnterAsync(http.RequestAborted))
                    await db.Terminals.Where(t => t.Id == terminalId && t.OutboxMark >= after && t.OutboxMark < seq)
                        .ExecuteUpdateAsync(s => s.SetProperty(t => t.OutboxMark, seq), http.RequestAborted);
            }
            return result;
        });

    /// <summary>An answer the kiosk keeps as final: anything but a server error (which it sends again anyway).</summary>
    private static bool Answered(object? result)
    {
        while (result is INestedHttpResult nested) result = nested.Result;
        return result is not IStatusCodeHttpResult { StatusCode: >= 500 };
    }
}
