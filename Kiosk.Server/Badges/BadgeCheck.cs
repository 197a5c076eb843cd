using Kiosk.Shared.Badges;

namespace Kiosk.Server.Badges;

/// <summary>Reads a scanned badge: genuine (signed by one of its event's keys, within validity) and of the right event.</summary>
public sealed class BadgeCheck(BadgeKeys keys, TimeProvider time)
{
    public enum Refusal { None, Invalid, WrongEvent }

    /// <param name="expectedEventId">The scanning terminal's event; null for staff, who may scan any event's badges.</param>
    public async Task<(BadgeClaims? Claims, Refusal Refusal)> ReadAsync(string text, int? expectedEventId, CancellationToken ct)
    {
        if (!BadgeToken.TryParse(text, out var token)) return (null, Refusal.Invalid);
        // Signature first: only a genuine badge of another event is "wrong event"; a forgery is invalid.
        var ring = (await keys.ForEventAsync(token.Claims.EventId, ct)).Ring;
        if (ring.Check(text, time.GetUtcNow(), out _) != BadgeTokenCheck.Valid) return (null, Refusal.Invalid);
        if (expectedEventId is { } ev && token.Claims.EventId != ev) return (null, Refusal.WrongEvent);
        return (token.Claims, Refusal.None);
    }
}
