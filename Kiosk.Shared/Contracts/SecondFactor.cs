using System.Security.Cryptography;
using System.Text;

namespace Kiosk.Shared.Contracts;

/// <summary>What a visitor who found themselves by name must also know before a badge prints.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<SecondFactorKind>))]
public enum SecondFactorKind
{
    None = 0,
    Email = 1,
    RegistrationNumber = 2,
}

/// <summary>
/// Terminals hold proofs, not the e-mail addresses or registration numbers themselves: a salted hash per
/// event and kind, compared with the hash of what the visitor types. Spaces and case are ignored.
/// </summary>
public static class SecondFactorProof
{
    public static string? Of(int eventId, SecondFactorKind kind, string? value)
    {
        if (kind == SecondFactorKind.None || string.IsNullOrWhiteSpace(value)) return null;
        var normalised = string.Concat(value.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"kiosk-second-factor|{eventId}|{kind}|{normalised}"));
        return Convert.ToBase64String(bytes, 0, 16);
    }

    public static bool Matches(string? proof, int eventId, SecondFactorKind kind, string? answer) =>
        proof is not null && Of(eventId, kind, answer) is { } given
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(proof), Encoding.ASCII.GetBytes(given));
}
