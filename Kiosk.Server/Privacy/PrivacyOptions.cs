using System.ComponentModel.DataAnnotations;

namespace Kiosk.Server.Privacy;

/// <summary>Section "Privacy": how long personal data is kept after an event.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>Days after the event's end (EndsAt) until its attendees are anonymised (default 30).</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;
}
