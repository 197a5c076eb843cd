using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Kiosk.Shared.Badges;

/// <summary>
/// The badge token: a prefix + base32hex(payload ‖ signature); the signature is ECDSA P-256 with SHA-256 in IEEE P1363
/// form (64 bytes), big-endian numbers, times as Unix seconds or days. Two formats, told apart by prefix and length
/// (so that neither, cut or extended, reads as the other):
/// <list type="bullet">
/// <item>Format 1 ("KB", 159 characters): the 34-byte payload format(1) eventId(4) keyId(2) badgeId(16) badgeVersion(2)
/// category(1) validFrom(4) validUntil(4), signed as it stands.</item>
/// <item>Format 2 ("KC", 130 characters, issued for every badge whose values fit): the 16-byte payload eventId(3) keyId(1)
/// badgeId(8: the low half of a <see cref="NewBadgeId">short badge id</see>) badgeVersion(1) validFromDay(2: days
/// since 2020-01-01 UTC) validDays(1), signed with the format byte 2 in front, so that no signature of one format
/// can pass for the other. The category is left out (the roster copy and the server hold it; nothing reads it from
/// the token), and validity is to the whole UTC day, widened outwards.</item>
/// </list>
/// The signature is the same in both: only the redundant and oversized fields went.
/// </summary>
public sealed class BadgeToken
{
    public const string Prefix = "KB";
    public const byte FormatVersion = 1;
    public const int PayloadLength = 34;
    public const int SignatureLength = 64;
    public const int TextLength = 2 + ((PayloadLength + SignatureLength) * 8 + 4) / 5;
    public const string Format2Prefix = "KC";
    public const byte Format2Version = 2;
    public const int Format2PayloadLength = 16;
    public const int Format2TextLength = 2 + ((Format2PayloadLength + SignatureLength) * 8 + 4) / 5;

    private static readonly DateTimeOffset DayZero = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly byte[] _signed;
    private readonly byte[] _signature;

    private BadgeToken(BadgeClaims claims, ushort keyId, byte format, byte[] signed, byte[] signature)
    {
        Claims = claims;
        KeyId = keyId;
        Format = format;
        _signed = signed;
        _signature = signature;
    }

    public BadgeClaims Claims { get; }

    /// <summary>Which of the event's signing keys made the signature (key rotation).</summary>
    public ushort KeyId { get; }

    /// <summary>1 or 2.</summary>
    public int Format { get; }

    /// <summary>
    /// A new badge id: 64 random bits in the low half of the Guid, the high half zero, so that its token can be
    /// format 2. Unguessable still, since the token is signed anyway; unique with odds of a collision of 3 in a
    /// million among ten million badges (a collision is refused by the badge table's primary key).
    /// </summary>
    public static Guid NewBadgeId()
    {
        Span<byte> id = stackalloc byte[16];
        RandomNumberGenerator.Fill(id[8..]);
        return new Guid(id, bigEndian: true);
    }

    /// <summary>Signs as format 2 when the claims fit it (a short badge id, small numbers), otherwise as format 1.</summary>
    public static string Sign(BadgeClaims claims, ushort keyId, ECDsa signingKey) =>
        FitsFormat2(claims, keyId) ? Sign(claims, keyId, signingKey, Format2Version) : Sign(claims, keyId, signingKey, FormatVersion);

    public static string Sign(BadgeClaims claims, ushort keyId, ECDsa signingKey, byte format)
    {
        if (claims.EventId <= 0) throw new ArgumentOutOfRangeException(nameof(claims), "Event id must be positive.");
        if (claims.BadgeVersion is < 0 or > ushort.MaxValue) throw new ArgumentOutOfRangeException(nameof(claims), "Badge version out of range.");
        if (format == Format2Version && !FitsFormat2(claims, keyId)) throw new ArgumentOutOfRangeException(nameof(claims), "These claims do not fit format 2.");
        var payloadLength = format == Format2Version ? Format2PayloadLength : PayloadLength;
        // Format 2's signed bytes are its format byte and its payload; only the payload is sent.
        var skip = format == Format2Version ? 1 : 0;
        var signed = new byte[skip + payloadLength];
        if (format == Format2Version) WriteFormat2(claims, keyId, signed);
        else WriteFormat1(claims, keyId, signed);
        var bytes = new byte[payloadLength + SignatureLength];
        signed.AsSpan(skip).CopyTo(bytes);
        var written = signingKey.SignData(signed, bytes.AsSpan(payloadLength),
            HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        if (written != SignatureLength) throw new CryptographicException("Badge signing key is not P-256.");
        return (format == Format2Version ? Format2Prefix : Prefix) + Base32Hex.Encode(bytes);
    }

    /// <summary>Reads the structure of a token without checking its signature. Accepts surrounding whitespace and any letter case.</summary>
    public static bool TryParse(string? text, out BadgeToken token)
    {
        token = null!;
        if (text is null) return false;
        var span = text.AsSpan().Trim();
        var format1 = span.Length == TextLength && span.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);
        var format2 = span.Length == Format2TextLength && span.StartsWith(Format2Prefix, StringComparison.OrdinalIgnoreCase);
        if (!(format1 || format2) || !Base32Hex.TryDecode(span[2..], out var bytes)) return false;
        return format1 ? TryReadFormat1(bytes, out token) : TryReadFormat2(bytes, out token);
    }

    public bool HasValidSignature(ECDsa publicKey)
    {
        // One ECDsa instance serves every request thread; the BCL does not promise it is thread-safe.
        lock (publicKey)
            return publicKey.VerifyData(_signed, _signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    private static bool FitsFormat2(BadgeClaims c, ushort keyId)
    {
        Span<byte> id = stackalloc byte[16];
        c.BadgeId.TryWriteBytes(id, bigEndian: true, out _);
        var (from, days) = Days(c);
        return id[..8].IndexOfAnyExcept((byte)0) < 0
            && c.EventId is > 0 and <= 0xFF_FFFF && keyId <= byte.MaxValue && c.BadgeVersion is >= 0 and <= byte.MaxValue
            && from is >= 0 and <= ushort.MaxValue && days is >= 0 and <= byte.MaxValue;
    }

    /// <summary>Validity in whole UTC days, widened outwards: first day and number of days.</summary>
    private static (long From, long Days) Days(BadgeClaims c)
    {
        var from = (long)Math.Floor((c.ValidFrom - DayZero).TotalDays);
        var until = (long)Math.Ceiling((c.ValidUntil - DayZero).TotalDays);
        return (from, until - from);
    }

    private static void WriteFormat1(BadgeClaims c, ushort keyId, Span<byte> p)
    {
        p[0] = FormatVersion;
        BinaryPrimitives.WriteInt32BigEndian(p[1..], c.EventId);
        BinaryPrimitives.WriteUInt16BigEndian(p[5..], keyId);
        c.BadgeId.TryWriteBytes(p.Slice(7, 16), bigEndian: true, out _);
        BinaryPrimitives.WriteUInt16BigEndian(p[23..], (ushort)c.BadgeVersion);
        p[25] = (byte)(c.Category ?? throw new ArgumentException("Format 1 carries the category.", nameof(c)));
        BinaryPrimitives.WriteUInt32BigEndian(p[26..], checked((uint)c.ValidFrom.ToUnixTimeSeconds()));
        BinaryPrimitives.WriteUInt32BigEndian(p[30..], checked((uint)c.ValidUntil.ToUnixTimeSeconds()));
    }

    private static void WriteFormat2(BadgeClaims c, ushort keyId, Span<byte> p)
    {
        Span<byte> id = stackalloc byte[16];
        c.BadgeId.TryWriteBytes(id, bigEndian: true, out _);
        var (from, days) = Days(c);
        p[0] = Format2Version;
        p[1] = (byte)(c.EventId >> 16);
        BinaryPrimitives.WriteUInt16BigEndian(p[2..], (ushort)c.EventId);
        p[4] = (byte)keyId;
        id[8..].CopyTo(p[5..13]);
        p[13] = (byte)c.BadgeVersion;
        BinaryPrimitives.WriteUInt16BigEndian(p[14..], (ushort)from);
        p[16] = (byte)days;
    }

    private static bool TryReadFormat1(byte[] bytes, out BadgeToken token)
    {
        token = null!;
        if (bytes.Length != PayloadLength + SignatureLength || bytes[0] != FormatVersion) return false;
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
        token = new BadgeToken(claims, keyId, FormatVersion, bytes[..PayloadLength], bytes[PayloadLength..]);
        return true;
    }

    private static bool TryReadFormat2(byte[] bytes, out BadgeToken token)
    {
        token = null!;
        if (bytes.Length != Format2PayloadLength + SignatureLength) return false;
        var p = bytes.AsSpan();
        var eventId = (p[0] << 16) | BinaryPrimitives.ReadUInt16BigEndian(p[1..]);
        if (eventId <= 0) return false;
        Span<byte> id = stackalloc byte[16];
        p[4..12].CopyTo(id[8..]);
        var validFrom = DayZero.AddDays(BinaryPrimitives.ReadUInt16BigEndian(p[13..]));
        var claims = new BadgeClaims(eventId, new Guid(id, bigEndian: true), p[12], null, validFrom, validFrom.AddDays(p[15]));
        var signed = new byte[1 + Format2PayloadLength];
        signed[0] = Format2Version;
        p[..Format2PayloadLength].CopyTo(signed.AsSpan(1));
        token = new BadgeToken(claims, p[3], Format2Version, signed, bytes[Format2PayloadLength..]);
        return true;
    }
}
