using System.Security.Cryptography;
using Kiosk.Shared.Badges;
using QRCoder;

namespace Kiosk.Shared.Tests;

/// <summary>Format 2 (130 characters, issued for new badges) beside format 1 (159, still valid).</summary>
public class BadgeTokenFormat2Tests
{
    // Golden vectors: signed once with a throwaway key whose private half was discarded.
    private const string GoldenPublicKey =
        "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEsA/qDTO3Sbb7iTgl5F28KypI/dFySZS7VdUWSLpp4/snsQTgv3+Mdct7l0LCjKbBoTBjgiAZ0vCJDVibj1dA9Q==";
    private const string GoldenToken =
        "KC003UK0C7IQIR9GUIS7O022EN0DFQPPEIKDKFCUM5ACH9ORL68HROC0HV069QDOS478PMB4V555D8EINNGHHQLG94OTFUV50HS7C3CL5EKO7U1RAQCGI6IMLF9A3VLQAA";
    private const string GoldenTokenKey7 =
        "KC003UK1S7IQIR9GUIS7O042EN0F91HLPABDBNPJS34FEEEBFEMAAUA17NNRCEU9BRPVAHQ37DJ7MGVLGNBV0KRD8F6BIVA8N6NMM62SLSA6H5ND3DHU6SCKP13J1EDNTU";
    // Format 1, from BadgeTokenTests: a badge mailed before format 2.
    private const string Format1PublicKey =
        "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAES8A2GU86lfkpc7s/OAEu6vinNEp3taZGSVD5DLKRYCYkgjKXDH+CTbM0vD7ttOZzbIZmk5VPMFGoiQByTdLe4Q==";
    private const string Format1Token =
        "KB040001VA000GU7HD7H5LKQBOGUBABD63QBGV000109LG9KS0DC4CG0256EAQJ504U7FI91AP7BPOI0UUAGAP1NAK6IAQLHUTUQQ98NMGG17U9NAHB129RUUQ75H76UO1KJU24TH0AQB3FLB1D14R0FI616CMM";

    private static readonly DateTimeOffset DuringFair = DateTimeOffset.Parse("2026-11-25T09:00:00+01:00");
    private static readonly Guid ShortId = Guid.Parse("00000000-0000-0000-8796-a5b4c3d2e1f0");

    private static BadgeKeyRing Ring(string publicKey, params ushort[] keyIds)
    {
        var ring = new BadgeKeyRing();
        foreach (var keyId in keyIds) ring.Add(2026, keyId, Convert.FromBase64String(publicKey));
        return ring;
    }

    [Fact]
    public void Golden_format_2_token_verifies_and_carries_its_claims_without_the_category()
    {
        Assert.Equal(BadgeTokenCheck.Valid, Ring(GoldenPublicKey, 1).Check(GoldenToken, DuringFair, out var token));

        Assert.Equal((2, 1), (token.Format, token.KeyId));
        Assert.Equal(new BadgeClaims(2026, ShortId, 1, null, DateTimeOffset.Parse("2026-11-24T00:00:00Z"), DateTimeOffset.Parse("2026-11-27T00:00:00Z")), token.Claims);
        Assert.Equal(BadgeTokenCheck.Valid, Ring(GoldenPublicKey, 7).Check(GoldenTokenKey7, DuringFair, out var rotated));
        Assert.Equal((7, 2), (rotated.KeyId, rotated.Claims.BadgeVersion));
    }

    [Fact]
    public void Old_format_1_tokens_still_verify_beside_format_2_ones()
    {
        Assert.Equal(BadgeTokenCheck.Valid, Ring(Format1PublicKey, 1).Check(Format1Token, DuringFair, out var old));
        Assert.Equal((1, AttendeeCategory.Speaker), (old.Format, old.Claims.Category));
    }

    [Fact]
    public void A_new_badge_gets_a_short_id_and_a_130_character_token_a_long_id_keeps_format_1()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var ring = new BadgeKeyRing();
        ring.Add(2026, 1, key.ExportSubjectPublicKeyInfo());
        var claims = new BadgeClaims(2026, BadgeToken.NewBadgeId(), 1, AttendeeCategory.Visitor, DuringFair.AddDays(-1), DuringFair.AddDays(1));

        var text = BadgeToken.Sign(claims, 1, key);
        var old = BadgeToken.Sign(claims with { BadgeId = Guid.NewGuid() }, 1, key);

        Assert.Equal((130, BadgeToken.Format2TextLength, 159), (text.Length, text.Length, old.Length));
        Assert.StartsWith("KC", text);
        Assert.All(text, c => Assert.True(char.IsAsciiDigit(c) || c is >= 'A' and <= 'V'));
        Assert.Equal(BadgeTokenCheck.Valid, ring.Check(text.ToLowerInvariant() + "\r\n", DuringFair, out var token));
        Assert.Equal((claims.BadgeId, 2), (token.Claims.BadgeId, token.Format));
        Assert.Equal(BadgeTokenCheck.Valid, ring.Check(old, DuringFair, out var long1));
        Assert.Equal(1, long1.Format);
    }

    [Fact]
    public void Format_2_validity_is_widened_to_whole_utc_days()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var claims = new BadgeClaims(9, ShortId, 3, AttendeeCategory.Press,
            DateTimeOffset.Parse("2026-11-24T08:00:00+01:00"), DateTimeOffset.Parse("2026-11-27T18:00:00+01:00"));

        Assert.True(BadgeToken.TryParse(BadgeToken.Sign(claims, 1, key), out var token));

        Assert.Equal((DateTimeOffset.Parse("2026-11-24T00:00:00Z"), DateTimeOffset.Parse("2026-11-28T00:00:00Z")), (token.Claims.ValidFrom, token.Claims.ValidUntil));
    }

    [Theory]
    [InlineData(2)]    // event
    [InlineData(10)]   // badge id
    [InlineData(24)]   // validity
    [InlineData(60)]   // signature
    [InlineData(129)]  // last character
    public void Any_altered_character_of_a_format_2_token_makes_it_invalid(int position)
    {
        var chars = GoldenToken.ToCharArray();
        chars[position] = chars[position] == 'A' ? 'B' : 'A';
        Assert.NotEqual(BadgeTokenCheck.Valid, Ring(GoldenPublicKey, 1).Check(new string(chars), DuringFair, out _));
    }

    [Fact]
    public void Flipping_any_bit_of_a_format_2_token_makes_it_fail()
    {
        var ring = Ring(GoldenPublicKey, 1);
        Assert.True(Base32Hex.TryDecode(GoldenToken.AsSpan(2), out var genuine));
        for (var bit = 0; bit < genuine.Length * 8; bit++)
        {
            var bytes = (byte[])genuine.Clone();
            bytes[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.NotEqual(BadgeTokenCheck.Valid, ring.Check(BadgeToken.Format2Prefix + Base32Hex.Encode(bytes), DuringFair, out _));
        }
    }

    [Fact]
    public void A_cut_format_1_token_or_a_format_2_token_under_the_other_prefix_is_not_a_badge()
    {
        var ring = Ring(GoldenPublicKey, 1);
        Assert.Equal(BadgeTokenCheck.NotABadge, ring.Check(Format1Token[..BadgeToken.Format2TextLength], DuringFair, out _));
        Assert.Equal(BadgeTokenCheck.NotABadge, ring.Check("KB" + GoldenToken[2..], DuringFair, out _));
        Assert.Equal(BadgeTokenCheck.NotABadge, ring.Check(GoldenToken[..^1], DuringFair, out _));
        Assert.Equal(BadgeTokenCheck.NotABadge, ring.Check(GoldenToken + "0", DuringFair, out _));
    }

    [Fact]
    public void A_format_2_token_signed_by_another_key_with_the_same_key_id_is_forged()
    {
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.True(BadgeToken.TryParse(GoldenToken, out var genuine));
        var forged = BadgeToken.Sign(genuine.Claims, 1, forger);

        Assert.Equal(BadgeToken.Format2TextLength, forged.Length);
        Assert.Equal(BadgeTokenCheck.BadSignature, Ring(GoldenPublicKey, 1).Check(forged, DuringFair, out _));
    }

    [Fact]
    public void A_signature_over_the_bare_payload_does_not_pass_as_format_2_the_format_byte_is_signed()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var ring = new BadgeKeyRing();
        ring.Add(2026, 1, key.ExportSubjectPublicKeyInfo());
        Assert.True(Base32Hex.TryDecode(BadgeToken.Sign(new BadgeClaims(2026, ShortId, 1, null, DuringFair.AddDays(-1), DuringFair.AddDays(1)), 1, key).AsSpan(2), out var bytes));

        // The same 16 payload bytes, signed as they are sent (no format byte in front): refused.
        key.SignData(bytes.AsSpan(0, 16), bytes.AsSpan(16), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        Assert.Equal(BadgeTokenCheck.BadSignature, ring.Check(BadgeToken.Format2Prefix + Base32Hex.Encode(bytes), DuringFair, out _));
    }

    [Theory]
    [InlineData(0x100_0000, 1, 1)]   // event id beyond 3 bytes
    [InlineData(7, 256, 1)]          // key id beyond 1 byte
    [InlineData(7, 1, 256)]          // badge version beyond 1 byte
    public void Claims_that_do_not_fit_format_2_are_signed_as_format_1(int eventId, int keyId, int version)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var ring = new BadgeKeyRing();
        ring.Add(eventId, (ushort)keyId, key.ExportSubjectPublicKeyInfo());
        var text = BadgeToken.Sign(new BadgeClaims(eventId, ShortId, version, AttendeeCategory.Team, DuringFair.AddDays(-1), DuringFair.AddDays(1)), (ushort)keyId, key);

        Assert.Equal(BadgeToken.TextLength, text.Length);
        Assert.Equal(BadgeTokenCheck.Valid, ring.Check(text, DuringFair, out var token));
        Assert.Equal((eventId, version), (token.Claims.EventId, token.Claims.BadgeVersion));
    }

    [Fact]
    public void Format_2_makes_the_qr_code_one_version_smaller_at_every_error_correction_level()
    {
        static (int Version, int Modules) Qr(string token, QRCodeGenerator.ECCLevel level)
        {
            using var data = QRCodeGenerator.GenerateQrCode(token, level);
            return (data.Version, 17 + 4 * data.Version);
        }

        // The badge's level (printer and mails): M.
        Assert.Equal((7, 45), Qr(Format1Token, QRCodeGenerator.ECCLevel.M));
        Assert.Equal((6, 41), Qr(GoldenToken, QRCodeGenerator.ECCLevel.M));
        Assert.Equal((6, 5), (Qr(Format1Token, QRCodeGenerator.ECCLevel.L).Version, Qr(GoldenToken, QRCodeGenerator.ECCLevel.L).Version));
        Assert.Equal((9, 8), (Qr(Format1Token, QRCodeGenerator.ECCLevel.Q).Version, Qr(GoldenToken, QRCodeGenerator.ECCLevel.Q).Version));
    }
}
