using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kiosk.Server.Tests.Fuzz;

/// <summary>One operation of the server's OpenAPI document: method, path template, parameters, JSON body schema.</summary>
public sealed record Operation(string Method, string Path, IReadOnlyList<OperationParameter> Parameters, JsonElement? Body, bool Multipart)
{
    public override string ToString() => $"{Method} {Path}";
}

public sealed record OperationParameter(string Name, string In, JsonElement Schema);

/// <summary>A request to send: path and query filled in, and the body (null: none).</summary>
/// <param name="Routable">The request reaches its route's endpoint (real path values, a URL Kestrel accepts), so a caller without the role must get 401/403.</param>
public sealed record Probe(Operation Operation, string Label, string Url, Func<HttpContent?> Body, bool Routable);

/// <summary>
/// Reads /openapi/v1.json and makes, for every operation, the requests a broken client or an attacker would send:
/// no body, {}, nulls, wrong types, 1 MB strings, control characters, ids out of range, malformed JSON.
/// Path parameters take real ids (<paramref name="realIds"/>) unless the probe is about the id itself.
/// </summary>
public sealed class OpenApiOperations(JsonDocument document, Func<Operation, string, string> realIds, Func<string, JsonNode?> realValue)
{
    public static readonly long[] OutOfRange = [0, -1, int.MaxValue, 1L << 53];
    /// <summary>1 MiB of text as sent (JSON would escape most non-ASCII letters sixfold).</summary>
    public static readonly string Huge = string.Concat(Enumerable.Repeat("Essen-Rüttenscheid ", 1024 * 1024 / 20));
    public const string Controls = "\u0000\u0007\b\t\n\r\u001b[2J\u007f\u0085\u2028\u2029";

    private JsonElement Root => document.RootElement;

    public IEnumerable<Operation> Operations()
    {
        foreach (var path in Root.GetProperty("paths").EnumerateObject())
            foreach (var op in path.Value.EnumerateObject())
            {
                var parameters = op.Value.TryGetProperty("parameters", out var ps)
                    ? ps.EnumerateArray().Select(p => new OperationParameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!, Resolve(p.GetProperty("schema")))).ToList()
                    : [];
                JsonElement? body = null;
                var multipart = false;
                if (op.Value.TryGetProperty("requestBody", out var rb))
                {
                    var content = rb.GetProperty("content");
                    if (content.TryGetProperty("application/json", out var json)) body = Resolve(json.GetProperty("schema"));
                    multipart = content.TryGetProperty("multipart/form-data", out _);
                }
                yield return new Operation(op.Name.ToUpperInvariant(), path.Name, parameters, body, multipart);
            }
    }

    public IEnumerable<Probe> Probes(Operation op)
    {
        var url = Url(op, null, null);
        Func<HttpContent?> plausible = op.Body is { } bodySchema ? () => JsonContent(Plausible(bodySchema)) : () => null;

        yield return new Probe(op, "plausible", url, plausible, true);
        foreach (var p in op.Parameters.Where(p => p.In == "path"))
        {
            var values = Kind(p.Schema) == "integer" ? OutOfRange.Select(v => v.ToString()) : ["00000000-0000-0000-0000-000000000000", "nicht-uuid", "%00"];
            foreach (var v in values) yield return new Probe(op, $"{p.Name}={v}", Url(op, p.Name, v), plausible, false);
        }
        foreach (var p in op.Parameters.Where(p => p.In == "query"))
        {
            string[] values = Kind(p.Schema) switch
            {
                "integer" => [.. OutOfRange.Select(v => v.ToString()), "-9223372036854775809", "eins", ""],
                "boolean" => ["ja", ""],
                _ => ["", Uri.EscapeDataString(Controls), new string('x', 10_000), "2026-13-45", "%FF%FE"],
            };
            foreach (var v in values) yield return new Probe(op, $"?{p.Name}={Short(v)}", Url(op, null, null, (p.Name, v)), plausible, v.Length < 4000);
        }

        // Every operation gets the malformed bodies, also those that take none or a form: a handler reading the body itself must cope.
        foreach (var (label, text) in Malformed)
            yield return new Probe(op, label, url, () => new StringContent(text, Encoding.UTF8, "application/json"), true);
        yield return new Probe(op, "invalid UTF-8", url, () => Raw([0x7B, 0x22, 0xFF, 0xFE, 0x00, 0x22, 0x3A, 0x31, 0x7D], "application/json"), true);
        yield return new Probe(op, "no body", url, () => null, true);

        if (op.Body is { } body)
        {
            var properties = Properties(body).ToList();
            yield return new Probe(op, "text/plain", url, () => new StringContent(Plausible(body)!.ToJsonString(), Encoding.UTF8, "text/plain"), true);
            yield return new Probe(op, "nulls", url, () => JsonContent(new JsonObject(properties.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)null)))), true);
            foreach (var (name, schema) in properties)
            {
                yield return new Probe(op, $"{name}: wrong type", url, () => JsonContent(With(body, name, WrongType(schema))), true);
                yield return new Probe(op, $"{name}: null", url, () => JsonContent(With(body, name, null)), true);
            }
            var strings = properties.Where(p => Kind(p.Schema) == "string").Select(p => p.Name).ToList();
            if (strings.Count > 0)
            {
                yield return new Probe(op, "1 MB strings", url, () => JsonContent(With(body, strings, () => Huge)), true);
                yield return new Probe(op, "control characters", url, () => JsonContent(With(body, strings, () => Controls)), true);
            }
            var numbers = properties.Where(p => Kind(p.Schema) == "integer").Select(p => p.Name).ToList();
            var lists = properties.Where(p => Kind(p.Schema) == "array").Select(p => p.Name).ToList();
            foreach (var v in OutOfRange.Where(_ => numbers.Count + lists.Count > 0))
                yield return new Probe(op, $"numbers={v}", url, () => JsonContent(With(With(body, numbers, () => v), lists, () => new JsonArray(v))), true);
        }
        if (op.Multipart)
        {
            yield return new Probe(op, "multipart without boundary", url, () => Raw("--x\r\n\r\n"u8.ToArray(), "multipart/form-data"), true);
            yield return new Probe(op, "multipart, no file", url, () => new MultipartFormDataContent { { new StringContent("x"), "nicht-file" } }, true);
            yield return new Probe(op, "multipart, empty file", url, () => new MultipartFormDataContent { { new ByteArrayContent([]), "file", "leer.csv" } }, true);
            yield return new Probe(op, "multipart, binary noise", url, () => new MultipartFormDataContent { { new ByteArrayContent(Noise(64 * 1024)), "file", "x.csv" } }, true);
        }
    }

    private static readonly (string Label, string Text)[] Malformed =
    [
        ("{}", "{}"), ("[]", "[]"), ("null", "null"), ("string", "\"text\""), ("number", "42"),
        ("cut off", "{\"name\":"), ("trailing comma", "{\"a\":1,}"), ("single quotes", "{'a':1}"),
        ("nested 10,000 deep", new string('[', 10_000) + new string(']', 10_000)),
        ("duplicate keys", "{\"name\":\"a\",\"name\":\"b\"}"),
    ];

    private string Url(Operation op, string? probed, string? value, params (string Name, string Value)[] query)
    {
        var path = op.Path;
        foreach (var p in op.Parameters.Where(p => p.In == "path"))
            path = path.Replace($"{{{p.Name}}}", p.Name == probed ? value : realIds(op, p.Name));
        return query.Length == 0 ? path : path + "?" + string.Join("&", query.Select(q => $"{q.Name}={q.Value}"));
    }

    private JsonNode? Plausible(JsonElement schema)
    {
        var obj = new JsonObject();
        foreach (var (name, s) in Properties(schema))
            obj[name] = realValue(name) ?? (Nullable(s) ? null : Example(s));
        return obj;
    }

    private JsonObject With(JsonElement body, string name, JsonNode? value)
    {
        var obj = (JsonObject)Plausible(body)!;
        obj[name] = value;
        return obj;
    }

    private JsonObject With(JsonElement body, IEnumerable<string> names, Func<JsonNode?> value) => With((JsonObject)Plausible(body)!, names, value);

    private static JsonObject With(JsonObject obj, IEnumerable<string> names, Func<JsonNode?> value)
    {
        foreach (var n in names) obj[n] = value();
        return obj;
    }

    private JsonNode? Example(JsonElement s) => Kind(s) switch
    {
        "integer" or "number" => 1,
        "boolean" => false,
        "array" => new JsonArray(),
        "enum" => s.GetProperty("enum")[0].GetString(),
        "string" => Format(s) switch { "uuid" => Guid.NewGuid().ToString(), "date-time" => DateTimeOffset.UtcNow.ToString("O"), "date" => "2026-11-24", _ => "Test" },
        "object" => Plausible(s),
        _ => null,
    };

    private JsonNode WrongType(JsonElement s) => Kind(s) switch
    {
        "integer" or "number" => "eins",
        "boolean" => "ja",
        "array" => new JsonObject { ["x"] = 1 },
        "object" => new JsonArray(1),
        "enum" => 42,
        _ => Format(s) is "uuid" or "date-time" or "date" ? "kein-datum" : new JsonArray(true),
    };

    private IEnumerable<(string Name, JsonElement Schema)> Properties(JsonElement schema) =>
        Resolve(schema).TryGetProperty("properties", out var ps) ? ps.EnumerateObject().Select(p => (p.Name, Resolve(p.Value))) : [];

    private JsonElement Resolve(JsonElement s)
    {
        if (s.TryGetProperty("$ref", out var r))
        {
            var name = r.GetString()!.Split('/')[^1];
            return Resolve(Root.GetProperty("components").GetProperty("schemas").GetProperty(name));
        }
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
            if (s.TryGetProperty(combinator, out var options))
                return Resolve(options.EnumerateArray().First(o => !(o.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null")));
        return s;
    }

    private static string[] Types(JsonElement s) =>
        !s.TryGetProperty("type", out var t) ? []
        : t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()!).ToArray() : [t.GetString()!];

    private static bool Nullable(JsonElement s) => Types(s).Contains("null");

    private static string? Format(JsonElement s) => s.TryGetProperty("format", out var f) ? f.GetString() : null;

    /// <summary>Numbers that may also come as strings count as numbers.</summary>
    public static string Kind(JsonElement s)
    {
        if (s.TryGetProperty("enum", out _)) return "enum";
        var types = Types(s).Where(t => t != "null").ToArray();
        return types.FirstOrDefault(t => t != "string") ?? types.FirstOrDefault() ?? "object";
    }

    private static HttpContent JsonContent(JsonNode? node) => new StringContent(node?.ToJsonString() ?? "null", Encoding.UTF8, "application/json");

    private static HttpContent Raw(byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", mediaType);
        return content;
    }

    private static byte[] Noise(int length)
    {
        var bytes = new byte[length];
        new Random(11).NextBytes(bytes);
        return bytes;
    }

    private static string Short(string v) => v.Length > 20 ? $"{v[..10]}…({v.Length})" : v;
}
