using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Kiosk.Shared.Badges;

/// <summary>
/// The badge token: "KB" + base32hex(payload ‖ signature), where the 34-byte payload is
/// format(1) eventId(4) keyId(2) badgeId(16) badgeVersion(2) category(1) validFrom(4) validUntil(4),
/// big-endian, times as Unix seconds, and the signature is ECDSA P-256 over the payload with SHA-256
/// in IEEE P1363 form (64 bytes). 159 characters: a version 8 QR code in alphanumeric mode.
/// </summary>
public sealed class BadgeToken
{
    public const string Prefix = "KB";
    public const byte FormatVersion = 1;
    public const int PayloadLength = 34;
    public const int SignatureLength = 64;
    public const int TextLength = 2 + ((PayloadLength + SignatureLength) * 8 + 4) / 5;

    private readonly byte[] _payload;
    private readonly byte[] _signature;

    private BadgeToken(BadgeClaims claims, ushort keyId, byte[] payload, byte[] signature)
    {
        Claims = claims;
        KeyId = keyId;
        _payload = payload;
        _signature = signature;
    }

    public BadgeClaims Claims { get; }

    /// <summary>Which of the event's signing keys made the signature (key rotation).</summary>
    public ushort KeyId { get; }

    public static string Sign(BadgeClaims claims, ushort keyId, ECDsa signingKey)
    {
        var bytes = new byte[PayloadLength + SignatureLength];
        WritePayload(claims, keyId, bytes.AsSpan(0, PayloadLength));
        var written = signingKey.SignData(bytes.AsSpan(0, PayloadLength), bytes.AsSpan(PayloadLength),
            HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        if (written != SignatureLength) throw new CryptographicException("Badge signing key is not P-256.");
        return Prefix + Base32Hex.Encode(bytes);
    }

    /// <summary>Reads the structure of a token without checking its signature. Accepts surrounding whitespace and any letter case.</summary>
    public static bool TryParse(string? text, out BadgeToken token)
    {
        token = null!;
        if (text is null) return false;
        var span = text.AsSpan().Trim();
        if (span.Length != TextLength || !span.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return false;
        if (!Base32Hex.TryDecode(span[Prefix.Length..], out var bytes) || bytes.Length != PayloadLength + SignatureLength) return false;
        if (bytes[0] != FormatVersion) return false;

        var p = bytes.AsSpan();
        var eventId = BinaryPrimitives.ReadInt32BigEndian(p[1..]);
        var keyId = BinaryPrimitives.ReadUInt16BigEndian(p[5..]);
        var badgeId = new Guid(p.Slice(7, 16), bigEndian: true);
        var badgeVersion = BinaryPrimitives.ReadUInt16BigEndian(p[23..]);
        var category = (AttendeeCategory)p[25];
        var validFrom = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadUInt32BigEndian(p[26..]));
        var validUntil = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadUInt32BigEndian(p[30..]));
        if (!Enum.IsDefined(category) || eventId <= 0) return false;

        var claims = new BadgeClaims(eventId, badgeId, badgeVersion, category, validFrom, validUntil);
        token = new BadgeToken(claims, keyId, bytes[..PayloadLength], bytes[PayloadLength..]);
        return true;
    }

    public bool HasValidSignature(ECDsa publicKey)
    {
        // One ECDsa instance serves every request thread; the BCL does not promise it is thread-safe.
        lock (publicKey)
            return publicKey.VerifyData(_payload, _signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    private static void WritePayload(BadgeClaims c, ushort keyId, Span<byte> p)
    {
        if (c.EventId <= 0) throw new ArgumentOutOfRangeException(nameof(c), "Event id must be positive.");
        if (c.BadgeVersion is < 0 or > ushort.MaxValue) throw new ArgumentOutOfRangeException(nameof(c), "Badge version out of range.");
        p[0] = FormatVersion;
        BinaryPrimitives.WriteInt32BigEndian(p[1..], c.EventId);
        BinaryPrimitives.WriteUInt16BigEndian(p[5..], keyId);
        c.BadgeId.TryWriteBytes(p.Slice(7, 16), bigEndian: true, out _);
        BinaryPrimitives.WriteUInt16BigEndian(p[23..], (ushort)c.BadgeVersion);
        p[25] = (byte)c.Category;
        BinaryPrimitives.WriteUInt32BigEndian(p[26..], checked((uint)c.ValidFrom.ToUnixTimeSeconds()));
        BinaryPrimitives.WriteUInt32BigEndian(p[30..], checked((uint)c.ValidUntil.ToUnixTimeSeconds()));
    }
}
