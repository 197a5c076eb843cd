using System.Collections.Concurrent;
using System.Security.Cryptography;
using Kiosk.Server.Data;
using Kiosk.Shared.Badges;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Kiosk.Server.Badges;

/// <summary>
/// The events' badge signing keys, loaded once and cached: signing and verifying happen on every
/// check-in and must not touch the database. Rotation and revocation refresh this instance at once;
/// other instances pick changes up within <see cref="CacheLifetime"/>.
/// </summary>
public sealed class BadgeKeys(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider time)
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(1);
    private readonly IDataProtector _protector = protection.CreateProtector("Kiosk.BadgeKeys.v1");
    private readonly ConcurrentDictionary<int, EventKeys> _byEvent = new();

    public sealed record EventKeys(BadgeKeyRing Ring, ushort SigningKeyId, ECDsa? SigningKey, DateTimeOffset LoadedAt);

    public async Task<EventKeys> ForEventAsync(int eventId, CancellationToken ct = default)
    {
        if (_byEvent.TryGetValue(eventId, out var keys) && time.GetUtcNow() - keys.LoadedAt < CacheLifetime) return keys;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KioskDb>();
        var rows = await db.BadgeKeys.AsNoTracking().Where(k => k.EventId == eventId && k.RevokedAt == null).ToListAsync(ct);

        var ring = new BadgeKeyRing();
        foreach (var row in rows) ring.Add(eventId, (ushort)row.KeyId, row.PublicKey);
        var newest = rows.OrderByDescending(k => k.KeyId).FirstOrDefault();
        ECDsa? signing = null;
        if (newest is not null)
        {
            signing = ECDsa.Create();
            signing.ImportPkcs8PrivateKey(_protector.Unprotect(Convert.FromBase64String(newest.ProtectedPrivateKey)), out _);
        }
        keys = new EventKeys(ring, (ushort)(newest?.KeyId ?? 0), signing, time.GetUtcNow());
        _byEvent[eventId] = keys;
        return keys;
    }

    /// <summary>Adds a new signing key to the event; older keys keep verifying until revoked.</summary>
    public async Task<BadgeKey> RotateAsync(KioskDb db, int eventId, CancellationToken ct = default)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var row = new BadgeKey
        {
            EventId = eventId,
            PublicKey = key.ExportSubjectPublicKeyInfo(),
            ProtectedPrivateKey = Convert.ToBase64String(_protector.Protect(key.ExportPkcs8PrivateKey())),
            CreatedAt = time.GetUtcNow(),
        };
        // Two rotations at once pick the same next id; the unique index refuses the second, which takes the id after.
        // Each round one of the racing rotations wins, so n at once need up to n tries: 20 covers any organizer team.
        for (var attempt = 1; ; attempt++)
        {
            var lastId = await db.BadgeKeys.Where(k => k.EventId == eventId).MaxAsync(k => (int?)k.KeyId, ct) ?? 0;
            if (lastId >= ushort.MaxValue) throw new InvalidOperationException("The event has used every key id.");
            row.KeyId = lastId + 1;
            db.BadgeKeys.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < 20)
            {
                db.Entry(row).State = EntityState.Detached;
            }
        }
        Forget(eventId);
        return row;
    }

    public void Forget(int eventId) => _byEvent.TryRemove(eventId, out _);

    /// <summary>The token for an attendee's current badge version, valid from a day before the event until a day after.</summary>
    public async Task<string> SignAsync(Events.Event evt, Badge badge, AttendeeCategory category, CancellationToken ct = default)
    {
        var keys = await ForEventAsync(evt.Id, ct);
        if (keys.SigningKey is null) throw new InvalidOperationException($"Event {evt.Id} has no badge signing key.");
        var claims = new BadgeClaims(evt.Id, badge.Id, badge.Version, category, evt.StartsAt.AddDays(-1), evt.EndsAt.AddDays(1));
        lock (keys.SigningKey) return BadgeToken.Sign(claims, keys.SigningKeyId, keys.SigningKey);
    }

    /// <summary>
    /// Tokens for many badges at once (a terminal's roster copy), signed on all cores: an ECDsa instance
    /// is not thread-safe, so each worker signs with its own copy of the key.
    /// </summary>
    public async Task<string[]> SignAllAsync(Events.Event evt, IReadOnlyList<(Guid BadgeId, int Version, AttendeeCategory Category)> badges, CancellationToken ct = default)
    {
        var keys = await ForEventAsync(evt.Id, ct);
        if (keys.SigningKey is null) throw new InvalidOperationException($"Event {evt.Id} has no badge signing key.");
        ECParameters parameters;
        lock (keys.SigningKey) parameters = keys.SigningKey.ExportParameters(includePrivateParameters: true);
        var tokens = new string[badges.Count];
        Parallel.For(0, badges.Count, new ParallelOptions { CancellationToken = ct }, () => ECDsa.Create(parameters), (i, _, key) =>
        {
            var (id, version, category) = badges[i];
            tokens[i] = BadgeToken.Sign(new BadgeClaims(evt.Id, id, version, category, evt.StartsAt.AddDays(-1), evt.EndsAt.AddDays(1)), keys.SigningKeyId, key);
            return key;
        }, key => key.Dispose());
        return tokens;
    }
}
