using System.Security.Cryptography;

namespace Kiosk.Shared.Contracts;

/// <summary>
/// A terminal's key: <see cref="Prefix"/> and 256 random bits in URL-safe base64. The kiosk makes it and proposes
/// it at enrolment (so a lost answer can be asked again); the server keeps only its hash.
/// </summary>
public static class TerminalKeys
{
    public const string Prefix = "ktk_";
    /// <summary>
    /// The problem type of the server's 401 to a terminal key it does not accept (revoked, unknown: another server or
    /// a database without this kiosk). Only this answer makes a kiosk stand down; a 401 from anything else on the
    /// way (a proxy, a captive portal) does not.
    /// </summary>
    public const string RefusedProblemType = "/problems/terminal-key-refused";

    private const int Characters = 43; // 32 bytes in base64 without padding

    public static string New() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool IsWellFormed(string key) =>
        key.Length == Prefix.Length + Characters && key.StartsWith(Prefix, StringComparison.Ordinal)
        && key.AsSpan(Prefix.Length).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") < 0;
}
