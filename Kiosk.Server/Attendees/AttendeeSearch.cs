using System.Collections.Concurrent;
using Kiosk.Server.Data;
using Kiosk.Shared.Text;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Attendees;

/// <summary>
/// Name search over an event's attendees: folded, typo-tolerant and ranked (Kiosk.Shared.Text). Typo
/// tolerance cannot be expressed in provider-neutral SQL, so each event's folded names are held in memory
/// (about 100 bytes a person) and rebuilt after changes on this instance, or after <see cref="CacheLifetime"/>
/// for changes made on another.
/// </summary>
public sealed class AttendeeSearch(IServiceScopeFactory scopes, TimeProvider time)
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<int, Lazy<Task<Index>>> _indexes = new();

    public sealed record Hit(int AttendeeId, int Score);

    private sealed record Entry(int Id, string[] NameWords, string[] AllWords, bool Cancelled, string SortKey);

    private sealed record Index(Entry[] Entries, DateTimeOffset BuiltAt);

    /// <summary>Best matches first. Kiosks search names of registered attendees only; staff also organizations and cancelled registrations.</summary>
    public async Task<IReadOnlyList<Hit>> FindAsync(int eventId, string query, int limit, bool staff, CancellationToken ct = default)
    {
        var words = NameFolding.Words(query);
        if (!NameMatch.IsSearchable(query) || words.Length == 0) return [];
        var index = await GetAsync(eventId, ct);
        return index.Entries
            .Where(e => staff || !e.Cancelled)
            .Select(e => (e, score: NameMatch.Score(words, staff ? e.AllWords : e.NameWords)))
            .Where(x => x.score > 0)
            .OrderByDescending(x => x.score).ThenBy(x => x.e.SortKey, StringComparer.Ordinal)
            .Take(limit)
            .Select(x => new Hit(x.e.Id, x.score))
            .ToList();
    }

    /// <summary>Call after attendees of the event changed.</summary>
    public void Invalidate(int eventId) => _indexes.TryRemove(eventId, out _);

    private async Task<Index> GetAsync(int eventId, CancellationToken ct)
    {
        var lazy = _indexes.GetOrAdd(eventId, id => new Lazy<Task<Index>>(() => BuildAsync(id)));
        var index = await lazy.Value.WaitAsync(ct);
        if (time.GetUtcNow() - index.BuiltAt < CacheLifetime) return index;
        _indexes.TryUpdate(eventId, new Lazy<Task<Index>>(() => BuildAsync(eventId)), lazy);
        return await _indexes[eventId].Value.WaitAsync(ct);
    }

    private async Task<Index> BuildAsync(int eventId)
    {
        var builtAt = time.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KioskDb>();
        var rows = await db.Attendees.AsNoTracking().Where(a => a.EventId == eventId)
            .Select(a => new { a.Id, a.FirstName, a.LastName, a.Organization, a.Email, a.Status })
            .ToListAsync();
        var entries = rows.Select(r =>
        {
            var names = NameFolding.Words($"{r.FirstName} {r.LastName}");
            string[] all = [.. names, .. NameFolding.Words(r.Organization), .. NameFolding.Words(r.Email?.Split('@')[0])];
            return new Entry(r.Id, names, all, r.Status == AttendeeStatus.Cancelled, NameFolding.Fold($"{r.LastName} {r.FirstName}"));
        }).ToArray();
        return new Index(entries, builtAt);
    }
}
