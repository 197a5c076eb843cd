using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Kiosk.Server.Registrations;

/// <summary>
/// The signed links of registration mails. A link names its registration (or attendee) and expires; the server's data
/// protection keys sign and encrypt it, so it cannot be made up or changed. Links are made when a mail is written and
/// never stored. What a link does is a button on its page (mail scanners open links but press no buttons), and a
/// second press finds the work done.
/// </summary>
public sealed class RegistrationLinks(IDataProtectionProvider protection, IOptions<RegistrationOptions> options, TimeProvider time)
{
    private ITimeLimitedDataProtector Confirm => Protector("Confirm");
    private ITimeLimitedDataProtector SeatOffer => Protector("SeatOffer");
    private ITimeLimitedDataProtector Mine => Protector("MyRegistration");

    private ITimeLimitedDataProtector Protector(string purpose) => protection.CreateProtector($"Kiosk.Registrations.{purpose}.v1").ToTimeLimitedDataProtector();

    public string ConfirmToken(Guid registrationId) =>
        Confirm.Protect(registrationId.ToString("N"), time.GetUtcNow() + TimeSpan.FromHours(options.Value.ConfirmHours));

    public string ConfirmUrl(int eventId, Guid registrationId) =>
        options.Value.Link($"/register/{eventId}/confirm?t={Uri.EscapeDataString(ConfirmToken(registrationId))}");

    /// <summary>The registration a confirmation token names, or null when it is not one of ours or has expired.</summary>
    public Guid? ReadConfirmToken(string? token) =>
        Read(Confirm, token) is { } text && Guid.TryParseExact(text, "N", out var id) ? id : null;

    /// <summary>The link to take (or decline) a seat offered from the waitlist; it runs out with the offer.</summary>
    public string SeatOfferUrl(int eventId, int sessionId, int attendeeId, DateTimeOffset expires) =>
        options.Value.Link($"/register/{eventId}/seat?t={Uri.EscapeDataString(SeatOffer.Protect(FormattableString.Invariant($"{sessionId}:{attendeeId}"), expires))}");

    /// <summary>The session and attendee a seat offer token names, or null when it is not one of ours or has run out.</summary>
    public (int SessionId, int AttendeeId)? ReadSeatOfferToken(string? token) =>
        Read(SeatOffer, token)?.Split(':') is [var session, var attendee] && Int(session) is { } s && Int(attendee) is { } a ? (s, a) : null;

    /// <summary>
    /// The attendee's own page, "Meine Anmeldung", in every mail they get. It holds until a fortnight after the event
    /// (the time to download the programme or correct a certificate's name), and names the attendee, not a secret:
    /// a cancelled or erased attendee's link opens nothing.
    /// </summary>
    public string MyRegistrationUrl(Events.Event evt, int attendeeId)
    {
        var expires = Max(evt.EndsAt + TimeSpan.FromDays(14), time.GetUtcNow() + TimeSpan.FromHours(options.Value.ConfirmHours));
        return options.Value.Link($"/register/{evt.Id}/me?t={Uri.EscapeDataString(Mine.Protect(attendeeId.ToString(CultureInfo.InvariantCulture), expires))}");
    }

    /// <summary>The attendee a "Meine Anmeldung" token names, or null when it is not one of ours or has run out.</summary>
    public int? ReadMyRegistrationToken(string? token) => Int(Read(Mine, token));

    private string? Read(ITimeLimitedDataProtector protector, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000) return null;
        try
        {
            var text = protector.Unprotect(token, out var expires);
            return expires > time.GetUtcNow() ? text : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static int? Int(string? text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
