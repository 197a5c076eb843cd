using System.Collections.Concurrent;
using System.Security.Cryptography;
using Kiosk.Shared.Contracts;
using Kiosk.Shared.Text;
using Kiosk.Terminal.Offline;

namespace Kiosk.Terminal.Scanning;

public sealed record NameMatchView(string Ref, string Name, string? Organization);

/// <summary>
/// Name search at the kiosk over the roster copy: at most five matches, shown as first name and last-name
/// initial, each behind a short-lived opaque reference instead of the attendee id. Before a badge prints,
/// the visitor proves who they are with the event's second factor; three wrong answers end the reference.
/// </summary>
public sealed class NameLookup(Roster roster, TerminalState state, TimeProvider time)
{
    public const int MaxMatches = 5;
    public const int Attempts = 3;
    public static readonly TimeSpan RefLifetime = TimeSpan.FromMinutes(3);

    private sealed record Entry(int Id, string[] Words, string FirstName, string LastName, string? Organization, bool Cancelled);
    private sealed class Candidate(int attendeeId, DateTimeOffset expires)
    {
        public int AttendeeId { get; } = attendeeId;
        public DateTimeOffset Expires { get; } = expires;
        public int AttemptsLeft { get; set; } = Attempts;
    }

    private readonly ConcurrentDictionary<string, Candidate> _refs = new();
    private volatile Task<Entry[]>? _index;

    public void Invalidate() => _index = null;

    public async Task<IReadOnlyList<NameMatchView>> FindAsync(string query)
    {
        var words = NameFolding.Words(query);
        if (!NameMatch.IsSearchable(query) || words.Length == 0) return [];
        var index = await (_index ??= BuildAsync());
        var now = time.GetUtcNow();
        foreach (var stale in _refs.Where(r => r.Value.Expires < now)) _refs.TryRemove(stale.Key, out _);
        return index
            .Where(e => !e.Cancelled)
            .Select(e => (e, score: NameMatch.Score(words, e.Words)))
            .Where(x => x.score > 0)
            .OrderByDescending(x => x.score).ThenBy(x => x.e.LastName, StringComparer.Ordinal).ThenBy(x => x.e.FirstName, StringComparer.Ordinal)
            .Take(MaxMatches)
            .Select(x => new NameMatchView(NewRef(x.e.Id, now), $"{x.e.FirstName} {Initial(x.e.LastName)}", x.e.Organization))
            .ToList();
    }

    public enum Proof { Accepted, Wrong, NoMoreAttempts, Expired }

    /// <summary>Checks the answer to the second factor; on success the reference is used up and the attendee id returned.</summary>
    public async Task<(Proof Proof, int AttendeeId, int AttemptsLeft)> ProveAsync(string reference, string? answer)
    {
        if (!_refs.TryGetValue(reference, out var candidate) || candidate.Expires < time.GetUtcNow()) return (Proof.Expired, 0, 0);
        var profile = state.Profile;
        var person = await roster.FindAsync(candidate.AttendeeId);
        if (profile is null || person is null) return (Proof.Expired, 0, 0);
        var proof = profile.SecondFactor switch
        {
            SecondFactorKind.Email => person.EmailProof,
            SecondFactorKind.RegistrationNumber => person.RegistrationNumberProof,
            _ => null,
        };
        if (profile.SecondFactor == SecondFactorKind.None || SecondFactorProof.Matches(proof, profile.EventId, profile.SecondFactor, answer))
        {
            _refs.TryRemove(reference, out _);
            return (Proof.Accepted, candidate.AttendeeId, 0);
        }
        lock (candidate)
        {
            candidate.AttemptsLeft--;
            if (candidate.AttemptsLeft > 0) return (Proof.Wrong, 0, candidate.AttemptsLeft);
        }
        _refs.TryRemove(reference, out _);
        return (Proof.NoMoreAttempts, 0, 0);
    }

    private string NewRef(int attendeeId, DateTimeOffset now)
    {
        var reference = Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
        _refs[reference] = new Candidate(attendeeId, now + RefLifetime);
        return reference;
    }

    private static string Initial(string lastName) => lastName.Length == 0 ? "" : $"{char.ToUpperInvariant(lastName[0])}.";

    private async Task<Entry[]> BuildAsync()
    {
        var people = await roster.AllAsync();
        return people.Select(p => new Entry(p.Id, NameFolding.Words($"{p.FirstName} {p.LastName}"), p.FirstName, p.LastName, p.Organization, p.Cancelled)).ToArray();
    }
}
