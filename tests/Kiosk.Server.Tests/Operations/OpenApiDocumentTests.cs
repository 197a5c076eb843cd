using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kiosk.Server.ApiDocs;
using Kiosk.Testing;

namespace Kiosk.Server.Tests.Operations;

/// <summary>
/// docs/openapi.json is the server's own document, as /openapi/v1.json serves it; every operation is named, summarised,
/// tagged with one feature, says who may call it and, where a sign-in is needed, what the caller gets without one.
/// </summary>
public sealed class OpenApiDocumentTests(KioskApp app) : IClassFixture<KioskApp>
{
    /// <summary>Set by scripts/openapi.sh: the test writes the document instead of comparing it.</summary>
    private const string WriteVariable = "KIOSK_WRITE_OPENAPI";

    private static readonly JsonSerializerOptions Written = new() { WriteIndented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task The_committed_document_is_the_one_the_server_serves()
    {
        app.RequireEngine();
        using var anonymous = app.Anonymous();
        var served = Normalised(await anonymous.GetStringAsync(ApiReference.DocumentPath));
        var file = Path.Combine(RepositoryRoot(), "docs", "openapi.json");

        if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            await File.WriteAllTextAsync(file, served);
            return;
        }
        var committed = File.Exists(file) ? Normalised(await File.ReadAllTextAsync(file)) : "";
        if (committed == served) return;
        var (ours, theirs) = (served.Split('\n'), committed.Split('\n'));
        var line = Enumerable.Range(0, Math.Max(ours.Length, theirs.Length)).First(i => i >= ours.Length || i >= theirs.Length || ours[i] != theirs[i]);
        Assert.Fail($"docs/openapi.json differs from the server's document from line {line + 1} on " +
            $"(file: {Line(theirs, line)}; server: {Line(ours, line)}). Run scripts/openapi.sh and commit docs/openapi.json.");
    }

    [Fact]
    public async Task Every_operation_is_named_summarised_tagged_and_says_who_may_call_it()
    {
        app.RequireEngine();
        using var anonymous = app.Anonymous();
        var document = JsonNode.Parse(await anonymous.GetStringAsync(ApiReference.DocumentPath))!;
        var operations = document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(op => (Name: $"{op.Key.ToUpperInvariant()} {path.Key}", Op: op.Value!))).ToList();
        var features = ApiFeatures.All.Select(f => f.Tag).ToHashSet();

        Assert.NotEmpty(operations);
        foreach (var (name, op) in operations)
        {
            Assert.True(op["operationId"]?.GetValue<string>() is { Length: > 0 } id && char.IsUpper(id[0]) && id.All(char.IsLetterOrDigit), $"{name}: operationId {op["operationId"]}");
            Assert.True(op["summary"]?.GetValue<string>() is { Length: > 0 } summary && !summary.Contains('\n'), $"{name}: summary");
            Assert.True(op["tags"]?.AsArray() is [var tag] && features.Contains(tag!.GetValue<string>()), $"{name}: one tag of ApiFeatures.All, not {op["tags"]?.ToJsonString()}");
            var description = op["description"]?.GetValue<string>() ?? "";
            Assert.StartsWith("**Who may call:**", description);
            var responses = op["responses"]!.AsObject();
            if (!description.StartsWith("**Who may call:** anyone.", StringComparison.Ordinal))
                Assert.True(responses.ContainsKey("401"), $"{name} needs a sign-in but documents no 401");
            Assert.Contains(responses, r => r.Key.StartsWith('2'));
        }
        var ids = operations.Select(o => o.Op["operationId"]!.GetValue<string>()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(ApiFeatures.All.Select(f => f.Tag), document["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
    }

    private static string Normalised(string json) => JsonNode.Parse(json)!.ToJsonString(Written) + "\n";

    private static string Line(string[] lines, int index) => index < lines.Length ? lines[index].Trim() : "(end)";

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Kiosk.sln"))) return dir.FullName;
        throw new InvalidOperationException("Kiosk.sln not found above " + AppContext.BaseDirectory);
    }
}
