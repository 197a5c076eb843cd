using System.Security.Cryptography;
using System.Text;

namespace Kiosk.Server.Auth;

/// <summary>Random bearer secrets and the hashes we keep of them (never the secrets themselves).</summary>
public static class Secrets
{
    public const string TerminalKeyPrefix = Kiosk.Shared.Contracts.TerminalKeys.Prefix;
    public const string UserTokenPrefix = "kut_";

    /// <summary>A 256-bit random secret in URL-safe base64 with a prefix that says what it is for.</summary>
    public static string New(string prefix) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>An enrolment code a person can type: 10 characters without look-alikes (0/O, 1/I/L), about 50 bits.</summary>
    public static string NewEnrolmentCode()
    {
        const string alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
        Span<char> code = stackalloc char[11];
        for (var i = 0; i < code.Length; i++)
            code[i] = i == 5 ? '-' : alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        return new string(code);
    }

    /// <summary>Normalises what a person typed (case, spaces, dashes) before hashing an enrolment code.</summary>
    public static string NormaliseCode(string code) =>
        new(code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
