using System.Text.Json;
using Hangfire;
using Kiosk.Server.ApiDocs;
using Kiosk.Server.Auth;
using Kiosk.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Attendees.Import;

public sealed record ImportRunView(
    Guid Id, int EventId, bool DryRun, ImportRunStatus Status, int TotalRows, int ProcessedRows,
    int Created, int Updated, int Unchanged, int RejectedCount, IReadOnlyList<RejectedRow> Rejected, string? Error,
    string RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);

/// <summary>
/// Imports too large to wait for: the upload is stored, a run is recorded and a job imports it, and the
/// client polls the run. The direct route (POST …/attendees/import) stays as it is for small files.
/// </summary>
public static class ImportRunEndpoints
{
    public const long MaxUploadBytes = 50L * 1024 * 1024;

    public static IServiceCollection AddImportRuns(this IServiceCollection services, string dataDirectory)
    {
        services.AddSingleton(new ImportFiles(Path.Combine(dataDirectory, "imports")));
        services.AddSingleton<ImportProgress>();
        services.AddScoped<ImportRunJob>();
        services.AddSingleton<Jobs.IStartupSweep, ImportRunSweep>();
        return services;
    }

    public static void MapImportRunEndpoints(this IEndpointRouteBuilder app)
    {
        // The form is read by hand so that an oversized upload gets a problem answer, not the server's bare 413.
        var imports = app.MapFeature("", "Imports").RequireAuthorization(Policies.Organizer);

        imports.MapPost("/api/events/{eventId:int}/imports", async Task<Results<Accepted<ImportRunView>, ProblemHttpResult>> (
            int eventId, bool? dryRun, HttpRequest request, KioskDb db, ImportFiles files, IBackgroundJobClient jobs, TimeProvider time, CancellationToken ct) =>
        {
            if (!await db.Events.AnyAsync(e => e.Id == eventId, ct)) return Problems.NotFound("Event");
            var (file, problem) = await UploadAsync(request, ct);
            if (problem is not null) return problem;

            var run = new ImportRun
            {
                Id = Guid.NewGuid(), EventId = eventId, DryRun = dryRun ?? false, Status = ImportRunStatus.Queued,
                RequestedBy = request.HttpContext.User.Actor(), RequestedAt = time.GetUtcNow(),
            };
            // The file first: a run whose file is missing could only fail.
            Directory.CreateDirectory(files.Folder);
            await using (var target = File.Create(files.PathOf(run.Id)))
                await file!.CopyToAsync(target, ct);
            db.ImportRuns.Add(run);
            await db.SaveChangesAsync(ct);
            jobs.Enqueue<ImportRunJob>(j => j.RunAsync(run.Id, CancellationToken.None));
            return TypedResults.Accepted($"/api/imports/{run.Id}", View(run, null));
        }).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(2 * MaxUploadBytes))
            .WithFormOptions(multipartBodyLengthLimit: MaxUploadBytes + 64 * 1024)
            .WithName("StartImportRun").WithSummary("Upload a large CSV file; a background job imports it")
            .WithDescription("Multipart field `file` (at most 50 MB), `?dryRun=true` → 202 with the run and `Location: /api/imports/{id}`; poll that. " +
                "The upload waits in the data folder until the run is over; a run cut off by a restart starts again from its file.")
            .Refuses(StatusCodes.Status400BadRequest, "`/problems/import-file`: no multipart field `file`.")
            .ProducesProblems(StatusCodes.Status404NotFound)
            .Refuses(StatusCodes.Status413PayloadTooLarge, "`/problems/import-too-large`: more than 50 MB.");

        imports.MapGet("/api/imports/{id:guid}", async Task<Results<Ok<ImportRunView>, ProblemHttpResult>> (Guid id, KioskDb db, ImportProgress live) =>
            await db.ImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id) is { } run
                ? TypedResults.Ok(View(run, live.Of(id)))
                : Problems.NotFound("Import run"))
            .WithName("GetImportRun").WithSummary("How an import run is going, and its result")
            .WithDescription("`status` (`Queued`, `Running`, `Done`, `Failed`), `totalRows`, `processedRows` (every 1,000 written rows while running), `created`, `updated`, `unchanged`, " +
                "`rejectedCount`, `rejected: [{line, reason, code, value}]`, `error`.")
            .ProducesProblems(StatusCodes.Status404NotFound);
    }

    /// <summary>The multipart field "file" of an import, or the problem answer for a missing or oversized one.</summary>
    internal static async Task<(IFormFile? File, ProblemHttpResult? Problem)> UploadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxUploadBytes + 64 * 1024) return (null, TooLarge());
        if (!request.HasFormContentType) return (null, NoFile());
        IFormFile? file;
        try { file = (await request.ReadFormAsync(ct)).Files.GetFile("file"); }
        catch (InvalidDataException) { return (null, TooLarge()); }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge) { return (null, TooLarge()); }
        if (file is null) return (null, NoFile());
        return file.Length > MaxUploadBytes ? (null, TooLarge()) : (file, null);
    }

    private static ProblemHttpResult TooLarge() =>
        Problems.Make(StatusCodes.Status413PayloadTooLarge, "import-too-large", "The file is too large.", $"At most {MaxUploadBytes / 1024 / 1024} MB per import.");

    private static ProblemHttpResult NoFile() => Problems.Invalid("import-file", "Send the CSV file as multipart form field \"file\".");

    private static ImportRunView View(ImportRun r, int? liveRows) => new(
        r.Id, r.EventId, r.DryRun, r.Status, r.TotalRows, Math.Max(r.ProcessedRows, r.Status == ImportRunStatus.Running ? liveRows ?? 0 : 0),
        r.Created, r.Updated, r.Unchanged, r.RejectedCount,
        r.RejectedJson is null ? [] : JsonSerializer.Deserialize<List<RejectedRow>>(r.RejectedJson, JsonSerializerOptions.Web) ?? [],
        r.Error, r.RequestedBy, r.RequestedAt, r.StartedAt, r.FinishedAt);
}
