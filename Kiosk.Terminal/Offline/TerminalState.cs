using Kiosk.Shared.Badges;
using Kiosk.Shared.Contracts;

namespace Kiosk.Terminal.Offline;

/// <summary>
/// What the terminal currently knows about itself: its event (profile) and the event's public badge keys,
/// both kept in <see cref="Settings"/> so a restart without network works at once.
/// </summary>
public sealed class TerminalState(Settings settings)
{
    public TerminalProfile? Profile { get; private set; }
    public BadgeKeyRing Keys { get; private set; } = new();

    /// <summary>Raised when the roster copy changed (the name index rebuilds).</summary>
    public event Action? RosterChanged;

    public async Task LoadAsync()
    {
        Profile = await settings.GetAsync<TerminalProfile>(Settings.Profile);
        if (Profile is not null && await settings.GetAsync<List<PublicBadgeKey>>(Settings.BadgeKeys) is { } keys) Keys = Ring(Profile.EventId, keys);
    }

    public async Task SetAsync(TerminalProfile profile, List<PublicBadgeKey> keys, CancellationToken ct)
    {
        // By content: the handout list makes the records' own equality compare references.
        if (!SameAs(profile, Profile)) await settings.SetAsync(Settings.Profile, profile, ct);
        await settings.SetAsync(Settings.BadgeKeys, keys, ct);
        Profile = profile;
        Keys = Ring(profile.EventId, keys);
    }

    public void OnRosterChanged() => RosterChanged?.Invoke();

    /// <summary>The event is forgotten (withdrawn, or enrolled afresh); the stored copies are deleted by the caller.</summary>
    public void Forget()
    {
        Profile = null;
        Keys = new BadgeKeyRing();
    }

    /// <summary>The mode an organizer assigned on the server, else the configured one.</summary>
    public string Mode(string configured) => Profile?.AssignedMode ?? configured;

    private static bool SameAs(TerminalProfile a, TerminalProfile? b) =>
        b is not null && a with { Handouts = null } == b with { Handouts = null } && (a.Handouts ?? []).SequenceEqual(b.Handouts ?? []);

    private static BadgeKeyRing Ring(int eventId, List<PublicBadgeKey> keys)
    {
        var ring = new BadgeKeyRing();
        foreach (var k in keys) ring.Add(eventId, (ushort)k.KeyId, Convert.FromBase64String(k.PublicKey));
        return ring;
    }
}

/// <summary>As GET /api/events/{id}/badge-keys lists them.</summary>
public sealed record PublicBadgeKey(int KeyId, string PublicKey);
