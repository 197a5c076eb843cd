using System.ComponentModel.DataAnnotations;
using Kiosk.Server.ApiDocs;
using Kiosk.Server.Audit;
using Kiosk.Server.Auth;
using Kiosk.Server.Data;
using Kiosk.Shared.Badges;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Attendees.Import;

/// <summary>A column of the file: what its header is recognised as, and the field it is read as now (the organizer's choice where there is one; null: ignored).</summary>
public sealed record PreviewColumn(int Index, string Header, RegistrationField? Recognised, RegistrationField? Field, bool Chosen);

/// <summary>
/// What an import of the file would read: its columns, the first rows as they are, how many rows would be taken or
/// refused, and the category words nobody knows. <see cref="Error"/> when the file cannot be imported as mapped
/// (no name column, say): the columns still come, so the organizer can choose one.
/// </summary>
public sealed record ImportPreview(
    IReadOnlyList<PreviewColumn> Columns, IReadOnlyList<string[]> Sample, int Rows, int RejectedCount, IReadOnlyList<RejectedRow> Rejected,
    IReadOnlyList<UnknownCategory> UnknownCategories, IReadOnlyList<CategoryChoice> Categories, string? Error);

public sealed record ColumnChoice([Required, StringLength(ImportChoice.MaxText, MinimumLength = 1)] string Header, RegistrationField? Field);

public sealed record CategoryChoice([Required, StringLength(ImportChoice.MaxText, MinimumLength = 1)] string Word, AttendeeCategory Category);

/// <summary>An event's import choices: columns read other than their header says, category words read other than they are recognised.</summary>
public sealed record ImportMappingRequest([MaxLength(200)] ColumnChoice[]? Columns, [MaxLength(1000)] CategoryChoice[]? Categories);

public static class ImportPreviewEndpoints
{
    public const int SampleRows = 5;

    public static void MapImportPreviewEndpoints(this IEndpointRouteBuilder app)
    {
        var imports = app.MapFeature("/api/events/{eventId:int}", "Imports").RequireAuthorization(Policies.Organizer);

        imports.MapPost("/imports/preview", async Task<Results<Ok<ImportPreview>, ProblemHttpResult>> (int eventId, HttpRequest request, KioskDb db, CancellationToken ct) =>
        {
            if (!await db.Events.AnyAsync(e => e.Id == eventId, ct)) return Problems.NotFound("Event");
            var (file, problem) = await ImportRunEndpoints.UploadAsync(request, ct);
            if (problem is not null) return problem;
            byte[] bytes;
            await using (var stream = file!.OpenReadStream())
            using (var buffer = new MemoryStream())
            {
                await stream.CopyToAsync(buffer, ct);
                bytes = buffer.ToArray();
            }
            var mapping = await ImportMapping.LoadAsync(db, eventId, ct);
            if (RegistrationCsv.Head(bytes, SampleRows) is not { } head) return Problems.Invalid("import-unreadable", "The file is empty.");
            var parsed = RegistrationCsv.Read(bytes, mapping);
            var columns = head.Header.Select((h, i) => new PreviewColumn(i, h, RegistrationColumns.Recognise(h), mapping.Field(h),
                mapping.Columns.ContainsKey(RegistrationColumns.Key(h)))).ToList();
            return TypedResults.Ok(new ImportPreview(columns, head.Records, parsed.Rows.Count, parsed.Rejected.Count, parsed.Rejected.Take(20).ToList(),
                parsed.UnknownCategories, await CategoriesAsync(db, eventId, ct), parsed.Error));
        }).DisableAntiforgery()
            .WithFormOptions(multipartBodyLengthLimit: ImportRunEndpoints.MaxUploadBytes + 64 * 1024)
            .WithName("PreviewImport").WithSummary("What an import of this file would read, before anything is written")
            .WithDescription("Multipart field `file`. Answers the columns (`header`, `recognised` field, the `field` it is read as with the event's choices, `chosen`), " +
                $"the first {SampleRows} rows as they are, how many rows would be taken (`rows`) or refused (`rejectedCount`, the first 20 in `rejected`), the category words nobody knows " +
                "(`unknownCategories: [{word, rows}]`, read as visitors) and the event's category choices. `error` says why the file cannot be imported as mapped (no name column); " +
                "the columns come anyway, so one can be chosen with `PUT …/import-mapping`. Nothing is written.")
            .Refuses(StatusCodes.Status400BadRequest, "`/problems/import-file`: no multipart field `file`; `/problems/import-unreadable`: the file is empty.")
            .ProducesProblems(StatusCodes.Status404NotFound)
            .Refuses(StatusCodes.Status413PayloadTooLarge, "`/problems/import-too-large`: more than 50 MB.");

        imports.MapGet("/import-mapping", async Task<Results<Ok<ImportMappingRequest>, ProblemHttpResult>> (int eventId, KioskDb db, CancellationToken ct) =>
        {
            if (!await db.Events.AnyAsync(e => e.Id == eventId, ct)) return Problems.NotFound("Event");
            var columns = await db.ImportChoices.AsNoTracking().Where(c => c.EventId == eventId && c.Kind == ImportChoiceKind.Column).OrderBy(c => c.Text)
                .Select(c => new ColumnChoice(c.Text, (RegistrationField?)c.Value)).ToArrayAsync(ct);
            return TypedResults.Ok(new ImportMappingRequest(columns, [.. await CategoriesAsync(db, eventId, ct)]));
        }).WithName("GetImportMapping").WithSummary("The event's import choices: columns and category words")
            .WithDescription("The choices every import of the event reads its files with (the direct route and background runs alike).")
            .ProducesProblems(StatusCodes.Status404NotFound);

        imports.MapPut("/import-mapping", async Task<Results<Ok<ImportMappingRequest>, ProblemHttpResult>> (
            int eventId, ImportMappingRequest request, KioskDb db, AuditLog audit, HttpContext http, CancellationToken ct) =>
        {
            if (!await db.Events.AnyAsync(e => e.Id == eventId, ct)) return Problems.NotFound("Event");
            if ((request.Columns ?? []).Any(c => string.IsNullOrWhiteSpace(c.Header) || c.Header.Length > ImportChoice.MaxText)
                || (request.Categories ?? []).Any(c => string.IsNullOrWhiteSpace(c.Word) || c.Word.Length > ImportChoice.MaxText))
                return Problems.Invalid("import-mapping", $"Every column needs its header and every category its word (1 to {ImportChoice.MaxText} characters).");
            // Only what differs from what the header or word is recognised as is a choice; the last of two for one header wins.
            var columns = (request.Columns ?? []).Where(c => c.Field != RegistrationColumns.Recognise(c.Header))
                .GroupBy(c => RegistrationColumns.Key(c.Header)).Select(g => (Key: g.Key, Choice: g.Last())).Where(x => x.Key.Length > 0).ToList();
            var words = (request.Categories ?? []).Where(c => c.Category != RegistrationColumns.KnownCategory(c.Word))
                .GroupBy(c => RegistrationColumns.Key(c.Word)).Select(g => (Key: g.Key, Choice: g.Last())).Where(x => x.Key.Length > 0).ToList();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.ImportChoices.Where(c => c.EventId == eventId).ExecuteDeleteAsync(ct);
            db.ImportChoices.AddRange(columns.Select(c => new ImportChoice
            {
                EventId = eventId, Kind = ImportChoiceKind.Column, Key = c.Key, Text = c.Choice.Header.Trim(), Value = (int?)c.Choice.Field,
            }));
            db.ImportChoices.AddRange(words.Select(c => new ImportChoice
            {
                EventId = eventId, Kind = ImportChoiceKind.CategoryWord, Key = c.Key, Text = c.Choice.Word.Trim(), Value = (int)c.Choice.Category,
            }));
            audit.Add(http.User.Actor(), "import.mapping-changed", eventId, details: $"{columns.Count} columns, {words.Count} category words");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return TypedResults.Ok(new ImportMappingRequest([.. columns.Select(c => c.Choice with { Header = c.Choice.Header.Trim() })],
                [.. words.Select(c => c.Choice with { Word = c.Choice.Word.Trim() })]));
        }).WithName("SetImportMapping").WithSummary("Choose how the event's files are read: columns and category words")
            .WithDescription("`{columns: [{header, field}], categories: [{word, category}]}` replaces the event's choices. `field` is one of the import's fields " +
                "(`ExternalId`, `OrderCode`, `PositionId`, `Title`, `FirstName`, `LastName`, `FullName`, `Organization`, `Email`, `Category`, `Status`) or null to ignore the column; " +
                "`category` a badge category. Headers and words compare folded (case, accents, spaces aside). A choice equal to what is recognised anyway is not kept. " +
                "Every later import of the event, direct or in the background, reads with them. Audited `import.mapping-changed`.")
            .Refuses(StatusCodes.Status400BadRequest, "`/problems/import-mapping`: a column without its header or a category without its word.")
            .ProducesProblems(StatusCodes.Status404NotFound);
    }

    private static async Task<List<CategoryChoice>> CategoriesAsync(KioskDb db, int eventId, CancellationToken ct) =>
        await db.ImportChoices.AsNoTracking().Where(c => c.EventId == eventId && c.Kind == ImportChoiceKind.CategoryWord && c.Value != null).OrderBy(c => c.Text)
            .Select(c => new CategoryChoice(c.Text, (AttendeeCategory)c.Value!.Value)).ToListAsync(ct);
}
