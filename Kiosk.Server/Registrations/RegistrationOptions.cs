using System.ComponentModel.DataAnnotations;

namespace Kiosk.Server.Registrations;

/// <summary>Section "Registration": online sign-up.</summary>
public sealed class RegistrationOptions : IValidatableObject
{
    public const string Section = "Registration";

    /// <summary>
    /// The address visitors reach this server at, for the links in registration mails (a job sends them, with no
    /// request to take the address from). Default: the server's own default address.
    /// </summary>
    public string PublicUrl { get; set; } = "http://localhost:5080";

    /// <summary>How long the confirmation link holds, and how long an unconfirmed registration is kept (default 48 h).</summary>
    [Range(1, 24 * 14)]
    public int ConfirmHours { get; set; } = 48;

    /// <summary>
    /// How long the first on a waitlist has to take a seat that became free before it goes to the next (default 24 h;
    /// never past the session's start).
    /// </summary>
    [Range(1, 24 * 14)]
    public int SeatOfferHours { get; set; } = 24;

    /// <summary>Registrations one client address may send per minute (default 10).</summary>
    [Range(1, 100_000)]
    public int PerClientPerMinute { get; set; } = 10;

    /// <summary>Mails one address is sent at most per hour, however often someone registers it (default 3).</summary>
    [Range(1, 100)]
    public int MailsPerAddressPerHour { get; set; } = 3;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(PublicUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            yield return new ValidationResult($"{Section}:{nameof(PublicUrl)} must be an absolute http or https address.", [nameof(PublicUrl)]);
    }

    public string Link(string pathAndQuery) => PublicUrl.TrimEnd('/') + pathAndQuery;
}
