using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Kiosk.Server.Registrations;

/// <summary>
/// The signed links of registration mails. A link names its registration and expires; the server's data protection
/// keys sign and encrypt it, so it cannot be made up or changed. It is used once because what it does changes the
/// registration's state (a second click finds it confirmed). Links are made when a mail is written and never stored.
/// </summary>
public sealed class RegistrationLinks(IDataProtectionProvider protection, IOptions<RegistrationOptions> options, TimeProvider time)
{
    private ITimeLimitedDataProtector Confirm => protection.CreateProtector("Kiosk.Registrations.Confirm.v1").ToTimeLimitedDataProtector();

    public string ConfirmToken(Guid registrationId) =>
        Confirm.Protect(registrationId.ToString("N"), time.GetUtcNow() + TimeSpan.FromHours(options.Value.ConfirmHours));

    public string ConfirmUrl(int eventId, Guid registrationId) =>
        options.Value.Link($"/register/{eventId}/confirm?t={Uri.EscapeDataString(ConfirmToken(registrationId))}");

    private ITimeLimitedDataProtector SeatOffer => protection.CreateProtector("Kiosk.Registrations.SeatOffer.v1").ToTimeLimitedDataProtector();

    /// <summary>The link to take (or decline) a seat offered from the waitlist; it runs out with the offer.</summary>
    public string SeatOfferUrl(int eventId, int sessionId, int attendeeId, DateTimeOffset expires) =>
        options.Value.Link($"/register/{eventId}/seat?t={Uri.EscapeDataString(SeatOffer.Protect(FormattableString.Invariant($"{sessionId}:{attendeeId}"), expires))}");

    /// <summary>The session and attendee a seat offer token names, or null when it is not one of ours or has run out.</summary>
    public (int SessionId, int AttendeeId)? ReadSeatOfferToken(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000) return null;
        try
        {
            var parts = SeatOffer.Unprotect(token, out var expires).Split(':');
            return expires > time.GetUtcNow() && parts.Length == 2 && int.TryParse(parts[0], out var session) && int.TryParse(parts[1], out var attendee)
                ? (session, attendee) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The registration a confirmation token names, or null when it is not one of ours or has expired.</summary>
    public Guid? ReadConfirmToken(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000) return null;
        try
        {
            var text = Confirm.Unprotect(token, out var expires);
            return expires > time.GetUtcNow() && Guid.TryParseExact(text, "N", out var id) ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
