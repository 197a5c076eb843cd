using System.Security.Cryptography;

namespace Kiosk.Shared.Badges;

/// <summary>The outcome of checking a scanned text as a badge token.</summary>
public enum BadgeTokenCheck
{
    Valid,
    NotABadge,      // wrong format, truncated, or not our prefix
    UnknownKey,     // signed with a key this device does not know (other event, or revoked and removed)
    BadSignature,   // forged or altered
    NotYetValid,
    Expired,
}

/// <summary>
/// The public keys a device trusts, by event and key id. Old keys stay in the ring after rotation so
/// badges printed earlier still verify; a revoked key is simply left out.
/// </summary>
public sealed class BadgeKeyRing
{
    private readonly Dictionary<(int EventId, ushort KeyId), ECDsa> _keys = new();

    public void Add(int eventId, ushort keyId, ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        if (key.KeySize != 256) throw new CryptographicException("Badge keys must be P-256.");
        _keys[(eventId, keyId)] = key;
    }

    public int Count => _keys.Count;

    /// <summary>Checks format, signature and validity window. <paramref name="now"/> is the device clock; windows are days wide, so clock skew of hours is harmless.</summary>
    public BadgeTokenCheck Check(string? text, DateTimeOffset now, out BadgeToken token)
    {
        if (!BadgeToken.TryParse(text, out token)) return BadgeTokenCheck.NotABadge;
        if (!_keys.TryGetValue((token.Claims.EventId, token.KeyId), out var key)) return BadgeTokenCheck.UnknownKey;
        if (!token.HasValidSignature(key)) return BadgeTokenCheck.BadSignature;
        if (now < token.Claims.ValidFrom) return BadgeTokenCheck.NotYetValid;
        if (now > token.Claims.ValidUntil) return BadgeTokenCheck.Expired;
        return BadgeTokenCheck.Valid;
    }
}
