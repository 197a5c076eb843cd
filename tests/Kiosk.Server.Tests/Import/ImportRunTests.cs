using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Kiosk.Server.Attendees.Import;
using Kiosk.Testing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.Server.Tests.Import;

public sealed class SqliteImportRunTests(KioskApp app) : ImportRunTests<KioskApp>(app);

public sealed class PostgresImportRunTests(PostgresKioskApp app) : ImportRunTests<PostgresKioskApp>(app);

/// <summary>Large imports as background runs: progress, result, the upload deleted, the size limit.</summary>
public abstract class ImportRunTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : KioskApp
{
    internal static byte[] People(int n, string prefix = "P") => Encoding.UTF8.GetBytes(
        "ID;Vorname;Nachname;Organisation;E-Mail\n" + string.Join('\n', Enumerable.Range(1, n).Select(i => $"{prefix}-{i};Jörg{i};Weiß{i};Stadt Essen;")));

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient organizer, int eventId, byte[] file, bool dryRun = false)
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(part, "file", "registrations.csv");
        return await organizer.PostAsync($"/api/events/{eventId}/imports?dryRun={dryRun.ToString().ToLowerInvariant()}", content);
    }

    [Fact]
    public async Task A_large_file_imports_in_the_background_and_its_upload_is_deleted()
    {
        app.RequireEngine();
        var organizer = await app.OrganizerAsync();
        var evt = await app.CreateEventAsync(organizer);
        var response = await UploadAsync(organizer, evt.Id, People(5000));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var queued = (await response.Content.ReadFromJsonAsync<ImportRunView>(Json.Options))!;
        Assert.Equal($"/api/imports/{queued.Id}", response.Headers.Location!.OriginalString);

        var seen = new List<int>();
        var done = await Eventually.Async(async () =>
        {
            var run = (await organizer.GetFromJsonAsync<ImportRunView>($"/api/imports/{queued.Id}", Json.Options))!;
            seen.Add(run.ProcessedRows);
            return run;
        }, r => r.Status is ImportRunStatus.Done or ImportRunStatus.Failed, "the import run", seconds: 120);

        Assert.Equal((ImportRunStatus.Done, 5000, 5000, 5000, 0, 0, 0), (done.Status, done.TotalRows, done.ProcessedRows, done.Created, done.Updated, done.Unchanged, done.RejectedCount));
        Assert.NotNull(done.StartedAt);
        Assert.NotNull(done.FinishedAt);
        Assert.Equal(seen.Order(), seen); // progress never goes back
        Assert.Equal(5000, await app.WithDbAsync(db => db.Attendees.CountAsync(a => a.EventId == evt.Id)));
        Assert.False(File.Exists(Path.Combine(app.DataDirectory, "imports", $"{queued.Id:N}.csv")));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(app.DataDirectory, "imports"), $"{queued.Id:N}*"));
    }

    [Fact]
    public async Task The_import_reports_progress_after_every_thousand_written_rows()
    {
        app.RequireEngine();
        var organizer = await app.OrganizerAsync();
        var evt = await app.CreateEventAsync(organizer);
        var file = RegistrationCsv.Read(People(2500, "Q"));
        var reported = new List<int>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var import = scope.ServiceProvider.GetRequiredService<AttendeeImport>();
            var result = await import.RunAsync(evt.Id, file, dryRun: false, progress: (rows, _) => { reported.Add(rows); return Task.CompletedTask; });
            Assert.Equal(2500, result.Created);
        }
        Assert.Equal([0, 1000, 2000, 2500], reported);

        // Again: every row is unchanged, done as soon as it is matched.
        reported.Clear();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<AttendeeImport>()
                .RunAsync(evt.Id, file, dryRun: false, progress: (rows, _) => { reported.Add(rows); return Task.CompletedTask; });
            Assert.Equal(2500, result.Unchanged);
        }
        Assert.Equal([2500], reported);
    }

    [Fact]
    public async Task A_dry_run_reports_rejected_lines_and_writes_nothing()
    {
        app.RequireEngine();
        var organizer = await app.OrganizerAsync();
        var evt = await app.CreateEventAsync(organizer);
        var csv = "ID;Vorname;Nachname;E-Mail\nD-1;Anna;Müller;anna@essen.example\nD-2;;;\nD-3;Jürgen;Groß;j.gross@kreis-re.example\n";
        var response = await UploadAsync(organizer, evt.Id, Encoding.UTF8.GetBytes(csv), dryRun: true);
        var queued = (await response.Content.ReadFromJsonAsync<ImportRunView>(Json.Options))!;
        var done = await Eventually.Async(() => organizer.GetFromJsonAsync<ImportRunView>($"/api/imports/{queued.Id}", Json.Options)!,
            r => r!.Status == ImportRunStatus.Done, "the dry run");
        Assert.True(done!.DryRun);
        Assert.Equal((3, 3, 2, 1), (done.TotalRows, done.ProcessedRows, done.Created, done.RejectedCount));
        Assert.Equal(3, Assert.Single(done.Rejected).Line);
        Assert.Equal(0, await app.WithDbAsync(db => db.Attendees.CountAsync(a => a.EventId == evt.Id)));
    }

    [Fact]
    public async Task An_upload_over_50_MB_is_refused_with_a_problem()
    {
        app.RequireEngine();
        var organizer = await app.OrganizerAsync();
        var evt = await app.CreateEventAsync(organizer);
        var big = new byte[ImportRunEndpoints.MaxUploadBytes + 1];
        "ID;Vorname;Nachname\n"u8.CopyTo(big);
        var response = await UploadAsync(organizer, evt.Id, big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(Json.Options);
        Assert.Equal("/problems/import-too-large", problem!.Type);
        Assert.Equal(0, await app.WithDbAsync(db => db.ImportRuns.CountAsync(r => r.EventId == evt.Id)));
    }

    [Fact]
    public async Task Import_runs_are_for_organizers_only()
    {
        app.RequireEngine();
        var organizer = await app.OrganizerAsync();
        var evt = await app.CreateEventAsync(organizer);
        using var staff = await app.UserAsync(organizer, "Staff");
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(staff, evt.Id, People(3))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/api/imports/{Guid.NewGuid()}")).StatusCode);
    }
}

public sealed class SqliteImportRestartApp() : RestartImportApp(Engine.Sqlite);

public sealed class PostgresImportRestartApp() : RestartImportApp(Engine.Postgres);

/// <summary>Starts without a job server, so an upload stays queued until the test restarts it with one.</summary>
public abstract class RestartImportApp(Engine engine) : KioskApp(engine, new() { ["Jobs:RunServer"] = "false" });

public sealed class SqliteImportRestartTests(SqliteImportRestartApp app) : ImportRestartTests<SqliteImportRestartApp>(app);

public sealed class PostgresImportRestartTests(PostgresImportRestartApp app) : ImportRestartTests<PostgresImportRestartApp>(app);

public abstract class ImportRestartTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : KioskApp
{
    [Fact]
    public async Task A_queued_run_is_completed_by_the_start_up_sweep_after_a_restart()
    {
        app.RequireEngine();
        var organizer = await app.OrganizerAsync();
        var evt = await app.CreateEventAsync(organizer);
        var response = await ImportRunTests<TApp>.UploadAsync(organizer, evt.Id, ImportRunTests<TApp>.People(1200, "R"));
        var queued = (await response.Content.ReadFromJsonAsync<ImportRunView>(Json.Options))!;
        var upload = Path.Combine(app.DataDirectory, "imports", $"{queued.Id:N}.csv");
        Assert.True(File.Exists(upload));
        Assert.Equal(ImportRunStatus.Queued, (await organizer.GetFromJsonAsync<ImportRunView>($"/api/imports/{queued.Id}", Json.Options))!.Status);

        await app.RestartAsync(new Dictionary<string, string?> { ["Jobs:RunServer"] = "true" });
        organizer = await app.OrganizerAsync();

        var done = await Eventually.Async(() => organizer.GetFromJsonAsync<ImportRunView>($"/api/imports/{queued.Id}", Json.Options)!,
            r => r!.Status is ImportRunStatus.Done or ImportRunStatus.Failed, "the swept run", seconds: 60);
        Assert.Equal((ImportRunStatus.Done, 1200, 1200), (done!.Status, done.Created, done.ProcessedRows));
        Assert.False(File.Exists(upload));
        Assert.Equal(1200, await app.WithDbAsync(db => db.Attendees.CountAsync(a => a.EventId == evt.Id)));
    }
}
