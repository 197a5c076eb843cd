using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Kiosk.Server.Events;
using Kiosk.Testing;

namespace Kiosk.Server.Tests.Fuzz;

public sealed class SqliteEveryRouteTests(KioskApp app) : EveryRouteTests<KioskApp>(app);

/// <summary>Engines differ in what text and times they store (PostgreSQL refuses NUL in text).</summary>
public sealed class PostgresEveryRouteTests(PostgresKioskApp app) : EveryRouteTests<PostgresKioskApp>(app);

public sealed class SqlServerEveryRouteTests(SqlServerKioskApp app) : EveryRouteTests<SqlServerKioskApp>(app);

/// <summary>
/// Every route of the OpenAPI document, as every kind of caller, with whatever a broken script, a confused scanner
/// or an attacker sends: a clear 4xx, never a 5xx; and nothing answers 2xx to a caller without the route's role.
/// </summary>
public abstract class EveryRouteTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : KioskApp
{
    [Fact]
    public async Task Every_route_answers_malformed_requests_with_a_client_error_and_only_its_roles_get_through()
    {
        var world = await World.OpenAsync(app);
        var clock = Stopwatch.StartNew();
        var work = world.Operations.SelectMany(op => world.Api.Probes(op).SelectMany(probe => Enum.GetValues<Caller>().Select(caller => (op, probe, caller)))).ToList();
        var failures = new ConcurrentBag<(int Status, string Text)>();
        var statuses = new ConcurrentDictionary<int, int>();
        var busy = new ConcurrentDictionary<string, long>();

        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (w, _) =>
        {
            var started = Stopwatch.GetTimestamp();
            var (status, body) = await world.SendAsync(w.caller, w.probe);
            busy.AddOrUpdate(w.op.ToString(), Stopwatch.GetTimestamp() - started, (_, t) => t + Stopwatch.GetTimestamp() - started);
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (Judge(world.Access[w.op.ToString()]!, w.probe, w.caller, status, body) is { } failure)
                failures.Add((status, $"{w.op} [{w.probe.Label}] as {w.caller}: {failure}"));
        });

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{world.Operations.Count} operations, {work.Count} requests in {clock.Elapsed.TotalSeconds:0.0} s; statuses: " +
            string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")) + "; slowest: " +
            string.Join(", ", busy.OrderByDescending(b => b.Value).Take(5).Select(b => $"{b.Key} {Stopwatch.GetElapsedTime(0, b.Value).TotalSeconds:0.0} s")));
        Assert.True(failures.IsEmpty, $"{failures.Count} failures:\n" + string.Join("\n", failures.OrderByDescending(f => f.Status >= 500).ThenBy(f => f.Text).Take(60).Select(f => f.Text)));
    }

    [Fact]
    public async Task A_terminal_gets_403_wrong_event_on_every_route_of_another_event()
    {
        var world = await World.OpenAsync(app);
        var scoped = world.Operations.Where(op => world.Access[op.ToString()] is { EventScoped: true, Anonymous: false }).ToList();
        Assert.NotEmpty(scoped);
        foreach (var op in scoped)
        {
            var (status, body) = await world.SendAsync(Caller.OtherEventTerminal, world.Api.Probes(op).First());
            Assert.True(status == 403, $"{op}: {status} {body}");
            if (world.Access[op.ToString()]!.HasRole(Auth.KioskClaims.TerminalRole))
                Assert.True(ProblemType(body) == "/problems/wrong-event", $"{op}: {body}");
        }
    }

    /// <summary>Random text, and JSON with random values, to every route that takes a JSON body, as a caller that may call it.</summary>
    [Fact]
    public async Task Garbage_bodies_to_every_route_get_a_client_error_never_a_server_error()
    {
        var world = await World.OpenAsync(app);
        var withBody = world.Operations.Where(op => op.Body is not null).ToArray();
        var bodies = Gen.OneOf(
            Gen.String,
            Gen.Char.Array[2000, 20_000].Select(c => new string(c)),
            Gen.String.Select(s => $"{{\"token\":\"{s.Replace("\\", "").Replace("\"", "")}\",\"clientScanId\":\"{Guid.NewGuid()}\",\"scannedAt\":\"2026-11-24T09:00:00Z\"}}"),
            Gen.Const("{\"attendeeId\":-1,\"clientScanId\":\"6f0e0c52-3b8a-4c39-9d7e-1c2b3a4d5e6f\",\"scannedAt\":\"9999-12-31T23:59:59Z\"}"),
            Gen.Const("{\"roomId\":2147483647,\"anonymous\":true,\"direction\":\"sideways\",\"clientScanId\":\"6f0e0c52-3b8a-4c39-9d7e-1c2b3a4d5e6f\"}"),
            Gen.Const("{\"startsAt\":\"0001-01-01T00:00:00+14:00\",\"endsAt\":\"9999-12-31T23:59:59-14:00\",\"scannedAt\":\"0001-01-01T00:00:00Z\"}"));
        var failures = new ConcurrentBag<string>();
        await Gen.Select(Gen.Int[0, withBody.Length - 1], bodies).SampleAsync(async (i, body) =>
        {
            var op = withBody[i];
            var caller = Enum.GetValues<Caller>().First(world.Access[op.ToString()]!.Allows);
            var probe = new Probe(op, "garbage", world.Api.Probes(op).First().Url, () => new StringContent(body, Encoding.UTF8, "application/json"), true);
            var (status, answer) = await world.SendAsync(caller, probe);
            if (status >= 500) failures.Add($"{op} {status}: {(body.Length > 80 ? body[..80] : body)} → {answer}");
            return status < 500;
        }, iter: 400, threads: 4);
        Assert.Empty(failures);
    }

    [Fact]
    public async Task A_ten_megabyte_upload_of_noise_is_refused_with_a_clear_answer()
    {
        app.RequireEngine();
        var fair = await Fair.OpenAsync(app);
        var noise = new byte[10 * 1024 * 1024];
        new Random(10).NextBytes(noise);
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(noise);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(part, "file", "anmeldungen.csv");
        using var response = await fair.Organizer.PostAsync($"/api/events/{fair.Event.Id}/attendees/import?dryRun=true", content);
        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Null when the answer is right for this caller; else what is wrong.</summary>
    private static string? Judge(RouteAccess access, Probe probe, Caller caller, int status, string body)
    {
        if (status >= 500) return $"{status} {Short(body)}";
        var allowed = access.Allows(caller);
        if (!allowed && status is >= 200 and < 300) return $"{status} without the route's role";
        if (!probe.Routable) return null;
        // On an open route (sign-in) a 401 is the route's own answer, not the authorization's.
        if (allowed) return !access.Anonymous && status is 401 or 403 ? $"{status} although the route's metadata lets this caller in: {Short(body)}" : null;
        var expected = caller == Caller.Anonymous ? 401 : 403;
        // 415: routing refuses a media type the route does not take before anyone is asked who they are.
        if (status != expected && status != 415) return $"{status}, expected {expected}";
        if (caller == Caller.OtherEventTerminal && access.HasRole(Auth.KioskClaims.TerminalRole) && ProblemType(body) != "/problems/wrong-event")
            return $"403 without /problems/wrong-event: {Short(body)}";
        return null;
    }

    private static string? ProblemType(string body)
    {
        try { return JsonDocument.Parse(body).RootElement.TryGetProperty("type", out var t) ? t.GetString() : null; }
        catch (JsonException) { return null; }
    }

    private static string Short(string s) => s.Length > 300 ? s[..300] : s;

    /// <summary>A fair with a room, a session, kiosks and accounts, another fair with its own kiosk, and the server's OpenAPI document.</summary>
    private sealed class World
    {
        public required IReadOnlyList<Operation> Operations { get; init; }
        public required OpenApiOperations Api { get; init; }
        public required Dictionary<string, RouteAccess?> Access { get; init; }
        public required Dictionary<Caller, HttpClient> Clients { get; init; }

        public async Task<(int Status, string Body)> SendAsync(Caller caller, Probe probe)
        {
            using var request = new HttpRequestMessage(new HttpMethod(probe.Operation.Method), probe.Url) { Content = probe.Body() };
            try
            {
                using var response = await Clients[caller].SendAsync(request);
                return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
            }
            catch (HttpRequestException e)
            {
                // The server hung up before answering: as bad as a 5xx for the client.
                return (599, $"no answer: {e.Message} {e.InnerException?.Message}");
            }
        }

        public static async Task<World> OpenAsync(KioskApp app)
        {
            app.RequireEngine();
            var fair = await Fair.OpenAsync(app);
            var organizer = fair.Organizer;
            var other = await app.CreateEventAsync(organizer, "Andere Messe");
            var room = await fair.RoomAsync("Saal Ruhr", 50);
            var session = await organizer.PostAsJsonAsync($"/api/events/{fair.Event.Id}/rooms/{room.RoomId}/sessions",
                new { title = "Digitale Verwaltung", startsAt = DateTimeOffset.UtcNow.AddHours(1), endsAt = DateTimeOffset.UtcNow.AddHours(2) });
            var sessionId = (await session.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
            var (terminal, enrolment) = await app.EnrolTerminalAsync(organizer, fair.Event.Id);
            var (otherTerminal, _) = await app.EnrolTerminalAsync(organizer, other.Id, "Andere Messe 1");
            // Routes that revoke or disable by id get objects of their own, so the callers above keep working.
            var (_, spareTerminal) = await app.EnrolTerminalAsync(organizer, fair.Event.Id, "Ersatz");
            var spareAccount = await organizer.PostAsJsonAsync("/api/users", new Staff.NewAccountRequest($"ersatz.{Guid.NewGuid():N}"[..20], "ersatz-password-1", "Staff"));
            var spareAccountId = (await spareAccount.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
            var keyId = (await organizer.GetFromJsonAsync<BadgeKeyResponse[]>($"/api/events/{fair.Event.Id}/badge-keys", Json.Options))![0].KeyId;
            var (anna, juergen, soeren) = (await fair.AttendeeAsync("A-1"), await fair.AttendeeAsync("A-2"), await fair.AttendeeAsync("A-3"));
            var token = await fair.TokenAsync(soeren.Id);

            string Id(Operation op, string name) => name switch
            {
                "eventId" => fair.Event.Id.ToString(),
                "roomId" => room.RoomId.ToString(),
                "sessionId" => sessionId.ToString(),
                "keyId" => keyId.ToString(),
                "terminalId" => spareTerminal.TerminalId.ToString(),
                "attendeeId" => juergen.Id.ToString(),
                "id" when op.Path.StartsWith("/api/users/") => spareAccountId.ToString(),
                "id" when op.Path.StartsWith("/api/attendees/") => anna.Id.ToString(),
                "id" when op.Path.StartsWith("/api/corrections/") => "1",
                "id" or "orderId" or "batchId" or "registrationId" => Guid.NewGuid().ToString(),
                "category" => "Speaker",
                "scanId" or "checkInId" => "1",
                _ => throw new InvalidOperationException($"{op}: no real value for path parameter {name}; add one here."),
            };
            // Plausible bodies carry real values where a field names an object, so requests get past "not found".
            JsonNode? Value(string property) => property switch
            {
                "attendeeIds" => new JsonArray(juergen.Id),
                "token" => token,
                "roomId" => room.RoomId,
                "terminalId" => enrolment.TerminalId,
                "reason" or "note" => "Fuzz-Test",
                "consent" => true,
                "mode" => "lobby",
                "role" => "Staff",
                _ => null,
            };

            using var anonymous = app.Anonymous();
            var document = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json"));
            var api = new OpenApiOperations(document, Id, Value);
            var operations = api.Operations().ToList();
            var access = await RouteAccess.ReadAsync(app.Services);
            foreach (var op in operations)
            {
                Assert.True(access.ContainsKey(op.ToString()), $"{op} is in the OpenAPI document but no endpoint has it");
                Assert.True(access[op.ToString()] is not null || RouteAccess.OpenOnPurpose.Contains(op.ToString()), $"{op} has no authorization metadata");
                access[op.ToString()] ??= new RouteAccess(true, null, false);
            }
            return new World
            {
                Operations = operations, Api = api, Access = access,
                Clients = new()
                {
                    [Caller.Anonymous] = app.Anonymous(), [Caller.Terminal] = terminal, [Caller.OtherEventTerminal] = otherTerminal,
                    [Caller.Staff] = await app.UserAsync(organizer), [Caller.Organizer] = organizer,
                },
            };
        }
    }
}
