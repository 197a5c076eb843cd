using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Kiosk.Shared.Contracts;
using Kiosk.Testing;

namespace Kiosk.Benchmarks;

/// <summary>
/// Scan at a room door → occupancyChanged at every connected dashboard: latency from sending the scan to
/// each dashboard receiving it, with <c>dashboards</c> connections and <c>rate</c> scans per second.
/// </summary>
public static class LiveBenchmark
{
    public static async Task<int> RunAsync(int dashboards, int rate, int seconds)
    {
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores; server and {dashboards} dashboard connections in one process on loopback; SQLite; Release.");
        var server = new KioskApp();
        await server.InitializeAsync();
        var fair = await Fair.OpenAsync(server);
        var (door, _) = await server.EnrolTerminalAsync(fair.Organizer, fair.Event.Id);
        const int roomCount = 20;
        var rooms = new List<RoomOccupancy>();
        for (var i = 0; i < roomCount; i++)
            rooms.Add(await fair.RoomAsync($"Raum {i}", 100_000));

        var sentAt = new ConcurrentDictionary<(int Room, long Seq), long>();
        var latencies = new ConcurrentBag<double>();
        var token = fair.Organizer.DefaultRequestHeaders.Authorization!.Parameter;
        var connections = new List<RawLiveClient>();
        for (var i = 0; i < dashboards; i++)
            connections.Add(await RawLiveClient.ConnectAsync(server.BaseAddress, token!, (roomId, seq) =>
            {
                var now = Stopwatch.GetTimestamp();
                if (sentAt.TryGetValue((roomId, seq), out var t)) latencies.Add(Stopwatch.GetElapsedTime(t, now).TotalMilliseconds);
            }));

        // Each room gets its own paced stream, one scan after the other, so the next seq of a room is known before sending.
        var perRoom = rate / (double)roomCount;
        var scans = 0;
        var stopAt = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        await Task.WhenAll(rooms.Select(async room =>
        {
            using var pace = new PeriodicTimer(TimeSpan.FromSeconds(1 / perRoom));
            var seq = room.Seq;
            var inside = false;
            while (Stopwatch.GetTimestamp() < stopAt && await pace.WaitForNextTickAsync())
            {
                sentAt[(room.RoomId, seq + 1)] = Stopwatch.GetTimestamp();
                var direction = inside ? PresenceDirection.Out : PresenceDirection.In;
                var response = await door.PostAsJsonAsync("/api/presence", new PresenceRequest(null, null, true, room.RoomId, direction, Guid.NewGuid(), DateTimeOffset.UtcNow), Json.Options);
                var answer = await response.Content.ReadFromJsonAsync<PresenceResponse>(Json.Options);
                seq = answer!.Room.Seq;
                inside = !inside;
                Interlocked.Increment(ref scans);
            }
        }));
        // Let the last messages arrive: wait until every expected delivery is in, or give up after 10 s.
        var expected = (long)scans * dashboards;
        var deadline = Stopwatch.GetTimestamp() + 10 * Stopwatch.Frequency;
        while (latencies.Count < expected && Stopwatch.GetTimestamp() < deadline) await Task.Delay(50);

        var sorted = latencies.Order().ToList();
        double P(int p) => sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
        Console.WriteLine($"{scans} scans in {seconds} s ({scans / (double)seconds:0} /s), {dashboards} dashboards: {sorted.Count} of {expected} deliveries");
        Console.WriteLine($"Scan -> dashboard: p50 {P(50):0.0} ms, p99 {P(99):0.0} ms, max {(sorted.Count > 0 ? sorted[^1] : double.NaN):0.0} ms   target p99 <= 250 ms");
        foreach (var c in connections) await c.DisposeAsync();
        await server.DisposeAsync();
        return sorted.Count == expected && P(99) <= 250 ? 0 : 1;
    }
}
