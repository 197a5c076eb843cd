using System.Security.Cryptography;
using System.Text;
using Kiosk.Terminal.Offline;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Kiosk.Terminal.Ui;

public sealed record StaffEnrolRequest(string? Pin, string? Code);
public sealed record StaffPinRequest(string? Pin);

/// <summary>
/// What staff do at a kiosk that is out of order because the server withdrew it: type a new enrolment code,
/// or take the scans it could not upload to the help desk as a file. Both behind the staff PIN.
/// </summary>
public static class StaffEndpoints
{
    public static void MapStaffEndpoints(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/local/staff");

        staff.MapPost("/enrol", async Task<Results<Accepted, ProblemHttpResult>> (StaffEnrolRequest request, StaffPin pin, Settings settings, RosterSync sync, CancellationToken ct) =>
        {
            if (pin.Check(request.Pin) is { } refusal) return refusal;
            var code = request.Code?.Trim() ?? "";
            if (code.Count(char.IsAsciiLetterOrDigit) is < 8 or > 20)
                return LocalProblems.Invalid("enrolment-code", "The enrolment code has 10 letters and digits, e.g. ABCDE-FGHJK.");
            await settings.SetAsync(Settings.TypedCode, code, ct);
            sync.Wake();
            return TypedResults.Accepted("/local/state");
        });

        staff.MapPost("/unsent-scans", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (StaffPinRequest request, StaffPin pin, Outbox outbox) =>
        {
            if (pin.Check(request.Pin) is { } refusal) return refusal;
            var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(await outbox.OrphanedAsync(), TerminalJson.Options);
            return TypedResults.File(json, "application/json", "kiosk-unsent-scans.json");
        });
    }
}

/// <summary>The staff PIN from configuration; five wrong tries lock it for five minutes.</summary>
public sealed class StaffPin(IOptions<TerminalOptions> options, TimeProvider time)
{
    private const int Tries = 5;
    private static readonly TimeSpan Lockout = TimeSpan.FromMinutes(5);
    private readonly Lock _gate = new();
    private int _wrong;
    private DateTimeOffset _lockedUntil;

    /// <summary>Null when the PIN is right; otherwise the answer to give.</summary>
    public ProblemHttpResult? Check(string? pin)
    {
        if (options.Value.StaffPin is not { Length: > 0 } expected)
            return TypedResults.Problem(type: "/problems/staff-pin-not-set", title: "No staff PIN is set on this kiosk (Terminal:StaffPin).", statusCode: 409);
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (now < _lockedUntil)
                return TypedResults.Problem(type: "/problems/staff-pin-locked", title: "Too many wrong PINs; try again in a few minutes.", statusCode: 429);
            if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(pin ?? ""), Encoding.UTF8.GetBytes(expected)))
            {
                _wrong = 0;
                return null;
            }
            if (++_wrong >= Tries) (_wrong, _lockedUntil) = (0, now + Lockout);
            return TypedResults.Problem(type: "/problems/staff-pin", title: "Wrong PIN.", statusCode: 403);
        }
    }
}
