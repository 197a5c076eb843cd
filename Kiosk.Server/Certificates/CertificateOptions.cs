using System.ComponentModel.DataAnnotations;

namespace Kiosk.Server.Certificates;

/// <summary>Section "Certificates": attendance confirmations for master classes.</summary>
public sealed class CertificateOptions
{
    public const string Section = "Certificates";

    /// <summary>Share of the session's duration an attendee must have been inside (default 0.75); 0 &lt; x ≤ 1.</summary>
    [Range(0d, 1d, MinimumIsExclusive = true)]
    public double MinimumShare { get; set; } = 0.75;
}
