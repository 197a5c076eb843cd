using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Kiosk.Server.Rooms;
using Kiosk.Shared.Contracts;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Benchmarks;

/// <summary>
/// A congress morning, compressed: arrivals at ten entrance kiosks, people walking into and out of eight
/// master classes and six dialogue islands, fifty organizer dashboards watching. The server runs as its own
/// process (Release, SQLite). Kiosks resend some scans with the same client id (lost answers) and some
/// visitors scan twice. At the end the server's database is checked: nothing lost, nothing counted twice,
/// every room's count equals its entries minus its exits.
/// </summary>
public static class MorningLoad
{
    private sealed record Visit(int Attendee, double ArriveAt, int Room, double EnterAt, double LeaveAt);

    public static async Task<int> RunAsync(int arrivals, double minutes)
    {
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores. Server: own process, Release, SQLite. {arrivals} arrivals over {minutes} min, 10 kiosks, 14 rooms, 50 dashboards.");
        await using var server = new ServerProcess();
        await server.InitializeAsync();
        var roster = "ID;Vorname;Nachname;Organisation;E-Mail\n" + string.Join('\n', Enumerable.Range(1, arrivals).Select(i => $"M-{i};Käthe{i};Müller-Groß{i};Stadt Essen;m{i}@essen.example"));
        var fair = await Fair.OpenAsync(server, roster);
        var rooms = new List<RoomOccupancy>();
        for (var i = 1; i <= 8; i++) rooms.Add(await fair.RoomAsync($"Masterclass {i}", 40));
        for (var i = 1; i <= 6; i++) rooms.Add(await fair.RoomAsync($"Dialoginsel {i}", 15, RoomKind.DialogueIsland));
        var kiosks = new List<HttpClient>();
        for (var i = 1; i <= 10; i++) kiosks.Add((await server.EnrolTerminalAsync(fair.Organizer, fair.Event.Id, $"Eingang {i}")).Client);
        var doors = (await server.EnrolTerminalAsync(fair.Organizer, fair.Event.Id, "Türen")).Client;

        var people = await server.WithDbAsync(db => db.Attendees.AsNoTracking().Where(a => a.EventId == fair.Event.Id).Select(a => a.Id).ToListAsync());
        var random = new Random(2026);
        var seconds = minutes * 60;
        var visits = new List<Visit>();
        foreach (var id in people)
        {
            var arrive = random.NextDouble() * seconds;
            // Three in ten go to a room for a while; the rest stay in the halls.
            var room = random.NextDouble() < 0.3 ? random.Next(rooms.Count) : -1;
            var enter = arrive + random.NextDouble() * seconds * 0.2;
            visits.Add(new Visit(id, arrive, room, enter, enter + seconds * (0.1 + random.NextDouble() * 0.3)));
        }
        Console.WriteLine("Signing tokens …");
        var tokens = new ConcurrentDictionary<int, string>();
        await Parallel.ForEachAsync(people, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) => tokens[id] = await fair.TokenAsync(id));

        var latencies = new ConcurrentDictionary<string, ConcurrentBag<double>>();
        var errors = new ConcurrentQueue<string>();
        var delivered = 0L;
        var dashboards = new List<RawLiveClient>();
        var bearer = fair.Organizer.DefaultRequestHeaders.Authorization!.Parameter!;
        for (var i = 0; i < 50; i++) dashboards.Add(await RawLiveClient.ConnectAsync(server.BaseAddress, bearer, (_, _) => Interlocked.Increment(ref delivered)));

        async Task<T?> TimedAsync<T>(string what, Func<Task<HttpResponseMessage>> send)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await send();
                latencies.GetOrAdd(what, _ => []).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!response.IsSuccessStatusCode) { errors.Enqueue($"{what}: HTTP {(int)response.StatusCode}"); return default; }
                return await response.Content.ReadFromJsonAsync<T>(Json.Options);
            }
            catch (Exception e) { errors.Enqueue($"{what}: {e.GetType().Name}"); return default; }
        }

        // The morning as a timeline of acts; each starts at its time, however long earlier ones take.
        var acts = new List<(double At, Func<Task> Act)>();
        var sentScans = new ConcurrentDictionary<Guid, int>();
        var presenceSent = new ConcurrentDictionary<Guid, bool>();
        foreach (var v in visits)
        {
            var kiosk = kiosks[v.Attendee % kiosks.Count];
            acts.Add((v.ArriveAt, async () =>
            {
                var scan = new CheckInRequest(tokens[v.Attendee], null, Guid.NewGuid(), DateTimeOffset.UtcNow);
                sentScans[scan.ClientScanId] = v.Attendee;
                await TimedAsync<CheckInResponse>("check-in", () => kiosk.PostAsJsonAsync("/api/checkins", scan, Json.Options));
                // One in fifty answers is "lost": the kiosk sends the same scan again.
                if (v.Attendee % 50 == 0) await TimedAsync<CheckInResponse>("check-in", () => kiosk.PostAsJsonAsync("/api/checkins", scan, Json.Options));
                // One in thirty scans their badge again a moment later.
                if (v.Attendee % 30 == 0)
                {
                    var again = scan with { ClientScanId = Guid.NewGuid() };
                    sentScans[again.ClientScanId] = v.Attendee;
                    await TimedAsync<CheckInResponse>("check-in", () => kiosk.PostAsJsonAsync("/api/checkins", again, Json.Options));
                }
            }
            ));
            if (v.Room < 0) continue;
            foreach (var (at, direction) in new[] { (v.EnterAt, PresenceDirection.In), (v.LeaveAt, PresenceDirection.Out) })
                acts.Add((at, async () =>
                {
                    var request = new PresenceRequest(tokens[v.Attendee], null, false, rooms[v.Room].RoomId, direction, Guid.NewGuid(), DateTimeOffset.UtcNow);
                    presenceSent[request.ClientScanId] = true;
                    await TimedAsync<PresenceResponse>("door", () => doors.PostAsJsonAsync("/api/presence", request, Json.Options));
                }
                ));
        }

        Console.WriteLine($"Running {acts.Count} acts …");
        var peakMemory = server.ResidentBytes() ?? 0;
        var clock = Stopwatch.StartNew();
        var running = new List<Task>();
        foreach (var (at, act) in acts.OrderBy(a => a.At))
        {
            var wait = at - clock.Elapsed.TotalSeconds;
            if (wait > 0) await Task.Delay(TimeSpan.FromSeconds(wait));
            running.Add(Task.Run(act));
            if (running.Count % 500 == 0) peakMemory = Math.Max(peakMemory, server.ResidentBytes() ?? 0);
        }
        await Task.WhenAll(running);
        var took = clock.Elapsed.TotalSeconds;
        peakMemory = Math.Max(peakMemory, server.ResidentBytes() ?? 0);
        foreach (var d in dashboards) await d.DisposeAsync();

        // The server's own record, read from its database file.
        var stored = await server.WithDbAsync(db => db.CheckIns.AsNoTracking().Where(c => c.EventId == fair.Event.Id).Select(c => new { c.ClientScanId, c.AttendeeId, c.Outcome }).ToListAsync());
        var lost = sentScans.Keys.Except(stored.Select(s => s.ClientScanId)).Count();
        var firsts = stored.Where(s => s.Outcome == CheckInOutcome.FirstCheckIn).GroupBy(s => s.AttendeeId).ToList();
        var doubled = firsts.Count(g => g.Count() > 1);
        var missingFirst = people.Count - firsts.Count;
        var log = await server.WithDbAsync(db => db.PresenceLog.AsNoTracking().Where(p => p.EventId == fair.Event.Id).Select(p => new { p.ClientScanId, p.RoomId, p.Counted, p.Direction }).ToListAsync());
        var presenceLost = presenceSent.Keys.Except(log.Where(p => p.ClientScanId != null).Select(p => p.ClientScanId!.Value)).Count();
        var roomsNow = await server.WithDbAsync(db => db.Rooms.AsNoTracking().Where(r => r.EventId == fair.Event.Id).ToDictionaryAsync(r => r.Id, r => r.Inside));
        var occupancyWrong = roomsNow.Count(r =>
            r.Value < 0 || r.Value != log.Count(p => p.RoomId == r.Key && p.Counted && p.Direction == PresenceDirection.In) - log.Count(p => p.RoomId == r.Key && p.Counted && p.Direction == PresenceDirection.Out));

        Console.WriteLine($"Ran {took:0} s: {latencies.Sum(l => l.Value.Count)} requests ({latencies.Sum(l => l.Value.Count) / took:0.0}/s), {Interlocked.Read(ref delivered)} dashboard messages");
        foreach (var (what, values) in latencies.OrderBy(l => l.Key))
        {
            var sorted = values.Order().ToList();
            double P(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
            Console.WriteLine($"  {what,-9} {sorted.Count,6} requests  p50 {P(0.5),6:0.0} ms  p99 {P(0.99),6:0.0} ms  max {sorted[^1],7:0.0} ms");
        }
        Console.WriteLine($"Errors: {errors.Count} {string.Join(", ", errors.GroupBy(e => e).Select(g => $"{g.Key} ×{g.Count()}"))}");
        Console.WriteLine($"Server memory (RSS) peak: {peakMemory / 1024 / 1024} MB");
        Console.WriteLine($"Check-ins: {stored.Count} stored for {sentScans.Count} scans; lost {lost}; people counted twice {doubled}; people never counted {missingFirst}");
        Console.WriteLine($"Door scans: {log.Count} logged for {presenceSent.Count} sent; lost {presenceLost}; rooms whose count differs from entries − exits: {occupancyWrong}");
        return errors.IsEmpty && lost == 0 && doubled == 0 && missingFirst == 0 && presenceLost == 0 && occupancyWrong == 0 ? 0 : 1;
    }

}
