using Kiosk.Server.Audit;
using Kiosk.Server.Auth;
using Kiosk.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Attendees.Import;

public static class AttendeeImportEndpoint
{
    public const long MaxFileBytes = 20 * 1024 * 1024;

    /// <summary>POST /api/events/{eventId}/attendees/import, multipart field "file", ?dryRun=true to see the result without writing.</summary>
    public static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> HandleAsync(
        int eventId, IFormFile? file, bool? dryRun, KioskDb db, AttendeeImport import, AuditLog audit, HttpContext http, CancellationToken ct)
    {
        if (!await db.Events.AnyAsync(e => e.Id == eventId, ct)) return Problems.NotFound("Event");
        if (file is null) return Problems.Invalid("import-file", "Send the CSV file as multipart form field \"file\".");
        if (file.Length > MaxFileBytes)
            return Problems.Make(StatusCodes.Status413PayloadTooLarge, "import-too-large", "The file is too large.", $"At most {MaxFileBytes / 1024 / 1024} MB per import.");

        byte[] bytes;
        await using (var stream = file.OpenReadStream())
        using (var buffer = new MemoryStream((int)file.Length))
        {
            await stream.CopyToAsync(buffer, ct);
            bytes = buffer.ToArray();
        }

        var parsed = RegistrationCsv.Read(bytes, await ImportMapping.LoadAsync(db, eventId, ct));
        if (parsed.Error is not null) return Problems.Invalid("import-unreadable", parsed.Error);
        var result = await import.RunAsync(eventId, parsed, dryRun ?? false, ct) with { UnknownCategories = parsed.UnknownCategories };
        if (!result.DryRun)
            await audit.WriteAsync(http.User.Actor(), "attendees.imported", eventId,
                details: $"created {result.Created}, updated {result.Updated}, unchanged {result.Unchanged}, rejected {result.Rejected.Count}");
        return TypedResults.Ok(result);
    }
}
