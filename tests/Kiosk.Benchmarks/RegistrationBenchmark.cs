using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Kiosk.Server.Rooms;
using Kiosk.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Benchmarks;

/// <summary>
/// The opening rush of a registration: <c>registrations</c> sign-ups through the public API and, at the same time,
/// <c>bookings</c> seat bookings all sent at once for 3 master classes of 40 seats. Reports throughput and p50/p99 per
/// kind; fails on any error, any oversold session, a waitlist that is not 1…n, or a registration that is not stored.
/// </summary>
public static class RegistrationBenchmark
{
    private const int Seats = 40, Sessions = 3;

    private sealed class RushApp(Engine engine) : KioskApp(engine, new()
    {
        // Every request comes from 127.0.0.1 here; at the venue they come from thousands of addresses.
        ["Registration:PerClientPerMinute"] = "100000",
    });

    public static async Task<int> RunAsync(int registrations, int bookings, int seconds, string engineName)
    {
        var engine = engineName.Equals("postgres", StringComparison.OrdinalIgnoreCase) ? Engine.Postgres : Engine.Sqlite;
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores; server and clients in one process on loopback; {engine}; Release.");
        await using var server = new RushApp(engine);
        await server.InitializeAsync();
        if (!server.Available)
        {
            Console.Error.WriteLine($"{engine} is not configured (KIOSK_TEST_POSTGRES).");
            return 2;
        }
        var roster = new StringBuilder("ID;Vorname;Nachname;Organisation;Kategorie;E-Mail\n");
        for (var i = 1; i <= bookings; i++) roster.Append(FormattableString.Invariant($"B-{i};Jörg;Früh {i};Stadt Essen;Besucher;\n"));
        var fair = await Fair.OpenAsync(server, roster.ToString());
        var people = await server.WithDbAsync(db => db.Attendees.Where(a => a.EventId == fair.Event.Id && a.ExternalId!.StartsWith("B-")).Select(a => a.Id).ToListAsync());
        var room = await fair.RoomAsync("Masterclass Raum Ruhr", Seats);
        var starts = DateTimeOffset.UtcNow.AddDays(1);
        var sessionIds = new List<int>();
        for (var s = 0; s < Sessions; s++)
        {
            var created = await fair.Organizer.PostAsJsonAsync($"/api/events/{fair.Event.Id}/rooms/{room.RoomId}/sessions",
                new SessionRequest($"Masterclass {s + 1}", starts.AddHours(2 * s), starts.AddHours(2 * s + 1.5)), Json.Options);
            sessionIds.Add((await created.Content.ReadFromJsonAsync<SessionResponse>(Json.Options))!.Id);
        }
        var form = await fair.Organizer.PutAsJsonAsync($"/api/events/{fair.Event.Id}/registration-form", new
        {
            privacyNotice = "Wir verarbeiten Ihre Angaben für Badge und Einlass.",
            categories = new[] { new { name = "Öffentliche Verwaltung", badgeCategory = "Visitor" } },
            sessionIds,
        });
        form.EnsureSuccessStatusCode();
        var category = (await form.Content.ReadFromJsonAsync<Kiosk.Server.Registrations.RegistrationFormResponse>(Json.Options))!.Categories[0].Id;

        var slow = new ConcurrentBag<double>(); // planned second of each request slower than 200 ms
        var signUpTimes = new ConcurrentBag<double>();
        var bookingTimes = new ConcurrentBag<double>();
        var errors = new ConcurrentBag<string>();
        var outcomes = new ConcurrentBag<(int Session, BookingOutcome Outcome)>();
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1000 };
        using var visitors = new HttpClient(handler, disposeHandler: false) { BaseAddress = server.BaseAddress };
        using var organizer = new HttpClient(handler, disposeHandler: false) { BaseAddress = server.BaseAddress };
        organizer.DefaultRequestHeaders.Authorization = fair.Organizer.DefaultRequestHeaders.Authorization;

        // A server is warm when registration opens (its form was being read): 100 sign-ups and 20 bookings of a session of
        // its own first, not counted.
        var warmUp = await fair.Organizer.PostAsJsonAsync($"/api/events/{fair.Event.Id}/rooms/{room.RoomId}/sessions",
            new SessionRequest("Vorab", starts.AddDays(-0.5), starts.AddDays(-0.5).AddHours(1)), Json.Options);
        var warmUpSession = (await warmUp.Content.ReadFromJsonAsync<SessionResponse>(Json.Options))!.Id;
        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => visitors.PostAsJsonAsync($"/api/events/{fair.Event.Id}/registrations",
            new { lastName = $"Vorab {i}", email = $"warm.{i}@essen.example", categoryId = category, privacyAccepted = true }))
            .Concat(people.Take(20).Select(id => organizer.PostAsJsonAsync($"/api/sessions/{warmUpSession}/bookings", new BookingRequest([id]), Json.Options))));

        // Open loop, as a rush is: each request leaves at its planned moment whether or not earlier ones were answered, and
        // its time counts from that moment. Sign-ups spread over the whole window; the bookings come in its first quarter
        // (master classes fill within minutes of opening), interleaved with the sign-ups.
        var clock = Stopwatch.StartNew();
        async Task At(double second) { var wait = TimeSpan.FromSeconds(second) - clock.Elapsed; if (wait > TimeSpan.Zero) await Task.Delay(wait); }
        var signUps = Enumerable.Range(0, registrations).Select(async i =>
        {
            var planned = seconds * i / (double)registrations;
            await At(planned);
            var body = new
            {
                title = i % 5 == 0 ? "Dr." : null, firstName = "Anna-Lena", lastName = $"Schäfer-Öztürk {i}", organization = "Kreis Recklinghausen",
                email = $"rush.{i}@kreis-re.example", categoryId = category, privacyAccepted = true, language = i % 4 == 0 ? "en" : "de"
            };
            using var response = await visitors.PostAsJsonAsync($"/api/events/{fair.Event.Id}/registrations", body);
            var took = (clock.Elapsed - TimeSpan.FromSeconds(planned)).TotalMilliseconds;
            signUpTimes.Add(took);
            if (took > 200) slow.Add(planned);
            if (response.StatusCode != HttpStatusCode.Accepted) errors.Add($"registration {i}: {(int)response.StatusCode}");
        }).ToList();
        var seatRequests = people.Select(async (id, i) =>
        {
            var session = sessionIds[i % Sessions];
            var planned = seconds / 4.0 * i / people.Count;
            await At(planned);
            using var response = await organizer.PostAsJsonAsync($"/api/sessions/{session}/bookings", new BookingRequest([id]), Json.Options);
            var took = (clock.Elapsed - TimeSpan.FromSeconds(planned)).TotalMilliseconds;
            bookingTimes.Add(took);
            if (took > 200) slow.Add(planned);
            if (response.StatusCode != HttpStatusCode.OK) errors.Add($"booking {id}: {(int)response.StatusCode}");
            else outcomes.Add((session, (await response.Content.ReadFromJsonAsync<SessionResponse>(Json.Options))!.Attendees!.Single()));
        }).ToList();
        await Task.WhenAll(signUps.Concat(seatRequests));
        var elapsed = clock.Elapsed.TotalSeconds;

        // The worst case on top: the same number of bookings all sent at the same instant to 3 fresh sessions.
        var burstSessions = new List<int>();
        for (var s = 0; s < Sessions; s++)
        {
            var created = await fair.Organizer.PostAsJsonAsync($"/api/events/{fair.Event.Id}/rooms/{room.RoomId}/sessions",
                new SessionRequest($"Zugabe {s + 1}", starts.AddDays(1).AddHours(2 * s), starts.AddDays(1).AddHours(2 * s + 1.5)), Json.Options);
            burstSessions.Add((await created.Content.ReadFromJsonAsync<SessionResponse>(Json.Options))!.Id);
        }
        var burst = Stopwatch.StartNew();
        var burstOutcomes = await Task.WhenAll(people.Select(async (id, i) =>
        {
            using var response = await organizer.PostAsJsonAsync($"/api/sessions/{burstSessions[i % Sessions]}/bookings", new BookingRequest([id]), Json.Options);
            if (response.StatusCode != HttpStatusCode.OK) { errors.Add($"burst booking {id}: {(int)response.StatusCode}"); return (Session: 0, Outcome: (BookingOutcome?)null); }
            return (Session: burstSessions[i % Sessions], Outcome: (await response.Content.ReadFromJsonAsync<SessionResponse>(Json.Options))!.Attendees!.Single());
        }));
        var burstSeconds = burst.Elapsed.TotalSeconds;
        foreach (var (session, outcome) in burstOutcomes) if (outcome is not null) outcomes.Add((session, outcome));
        sessionIds.AddRange(burstSessions);

        // What the database holds afterwards is what counts.
        var stored = await server.WithDbAsync(db => db.Registrations.CountAsync(r => r.EventId == fair.Event.Id && r.Email.StartsWith("rush.")));
        var problems = new List<string>(errors.Take(5));
        if (stored != registrations) problems.Add($"{stored} registrations stored of {registrations}");
        foreach (var session in sessionIds)
        {
            var seated = await server.WithDbAsync(db => db.SessionBookings.CountAsync(b => b.SessionId == session));
            var asked = outcomes.Count(o => o.Session == session);
            var places = outcomes.Where(o => o.Session == session && o.Outcome.Status == SeatStatus.Waitlisted).Select(o => o.Outcome.Position!.Value).Order().ToList();
            if (seated != Math.Min(Seats, asked)) problems.Add($"session {session}: {seated} seats for {asked} bookings of {Seats} seats");
            if (!places.SequenceEqual(Enumerable.Range(1, asked - Math.Min(Seats, asked)))) problems.Add($"session {session}: waitlist places are not 1…{asked - Seats}");
        }

        static double P(ConcurrentBag<double> times, int p)
        {
            var sorted = times.Order().ToList();
            return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
        }
        var all = new ConcurrentBag<double>(signUpTimes.Concat(bookingTimes));
        Console.WriteLine($"{registrations} registrations over {seconds} s and {bookings} bookings in its first {seconds / 4.0:0} s ({Sessions} sessions of {Seats} seats): all answered after {elapsed:0.0} s");
        Console.WriteLine($"registrations: p50 {P(signUpTimes, 50):0.0} ms, p99 {P(signUpTimes, 99):0.0} ms · bookings: p50 {P(bookingTimes, 50):0.0} ms, p99 {P(bookingTimes, 99):0.0} ms");
        Console.WriteLine($"all requests: p50 {P(all, 50):0.0} ms, p99 {P(all, 99):0.0} ms   target p99 <= 200 ms: {(P(all, 99) <= 200 ? "met" : "MISSED")}");
        if (!slow.IsEmpty)
            Console.WriteLine($"slower than 200 ms: {slow.Count}, planned at seconds {string.Join(", ", slow.GroupBy(t => (int)t).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"))}");
        Console.WriteLine($"burst: {bookings} bookings sent at the same instant to {Sessions} fresh sessions, all answered in {burstSeconds:0.00} s ({bookings / burstSeconds:0} /s)");
        Console.WriteLine($"seats: {string.Join(", ", sessionIds.Select(s => $"{outcomes.Count(o => o.Session == s && o.Outcome.Status == SeatStatus.Booked)} booked / {outcomes.Count(o => o.Session == s && o.Outcome.Status == SeatStatus.Waitlisted)} waitlisted"))}");
        foreach (var problem in problems) Console.Error.WriteLine($"FAIL: {problem}");
        return problems.Count == 0 ? 0 : 1;
    }
}
