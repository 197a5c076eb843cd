using System.Security.Cryptography;
using Kiosk.Shared.Badges;

namespace Kiosk.Shared.Tests;

public class BadgeTokenTests
{
    // Golden vectors: signed once with a throwaway key whose private half was discarded.
    // If the format or the verification changes, these tokens stop verifying and this test fails.
    private const string GoldenPublicKey =
        "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAES8A2GU86lfkpc7s/OAEu6vinNEp3taZGSVD5DLKRYCYkgjKXDH+CTbM0vD7ttOZzbIZmk5VPMFGoiQByTdLe4Q==";
    private const string GoldenToken1 =
        "KB040001VA000GU7HD7H5LKQBOGUBABD63QBGV000109LG9KS0DC4CG0256EAQJ504U7FI91AP7BPOI0UUAGAP1NAK6IAQLHUTUQQ98NMGG17U9NAHB129RUUQ75H76UO1KJU24TH0AQB3FLB1D14R0FI616CMM";
    private const string GoldenToken2 =
        "KB040001VA003GU7HD7H5LKQBOGUBABD63QBGV00020DLG9KS0DC4CG05Q93823LSVTI3DF5A3VB9LNISVEFG7GDUAGET3TQGQ2QNF8ATPJI87HFA7EN3JK7FOJV63NLOS90JL8TEA6U0D6JI0PV5QD70RTVKAK";

    private static readonly DateTimeOffset DuringFair = DateTimeOffset.Parse("2026-11-25T09:00:00+01:00");

    private static BadgeKeyRing GoldenRing(ushort keyId = 1)
    {
        var ring = new BadgeKeyRing();
        ring.Add(2026, keyId, Convert.FromBase64String(GoldenPublicKey));
        return ring;
    }

    [Fact]
    public void Golden_token_verifies_and_carries_the_signed_claims()
    {
        var check = GoldenRing().Check(GoldenToken1, DuringFair, out var token);

        Assert.Equal(BadgeTokenCheck.Valid, check);
        Assert.Equal(1, token.KeyId);
        Assert.Equal(new BadgeClaims(2026, Guid.Parse("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"), 1, AttendeeCategory.Speaker,
            DateTimeOffset.Parse("2026-11-24T00:00:00Z"), DateTimeOffset.Parse("2026-11-27T00:00:00Z")), token.Claims);
    }

    [Fact]
    public void Golden_token_signed_with_a_rotated_key_verifies_while_that_key_is_in_the_ring()
    {
        var ring = GoldenRing();
        Assert.Equal(BadgeTokenCheck.UnknownKey, ring.Check(GoldenToken2, DuringFair, out _));

        ring.Add(2026, 7, Convert.FromBase64String(GoldenPublicKey));
        Assert.Equal(BadgeTokenCheck.Valid, ring.Check(GoldenToken2, DuringFair, out var token));
        Assert.Equal((2, AttendeeCategory.Press), (token.Claims.BadgeVersion, token.Claims.Category));
    }

    [Fact]
    public void Token_is_upper_case_alphanumeric_of_fixed_length_so_it_fits_a_qr_alphanumeric_segment()
    {
        Assert.Equal(BadgeToken.TextLength, GoldenToken1.Length);
        Assert.All(GoldenToken1, c => Assert.True(char.IsAsciiDigit(c) || c is >= 'A' and <= 'V'));
    }

    [Fact]
    public void Scanner_with_caps_lock_or_trailing_newline_still_reads_the_token()
    {
        var check = GoldenRing().Check(GoldenToken1.ToLowerInvariant() + "\r\n", DuringFair, out _);
        Assert.Equal(BadgeTokenCheck.Valid, check);
    }

    [Theory]
    [InlineData(10)]   // inside the badge id
    [InlineData(40)]   // inside the validity
    [InlineData(100)]  // inside the signature
    [InlineData(158)]  // last character
    public void Any_altered_character_makes_the_token_invalid(int position)
    {
        var chars = GoldenToken1.ToCharArray();
        chars[position] = chars[position] == 'A' ? 'B' : 'A';
        var check = GoldenRing().Check(new string(chars), DuringFair, out _);
        Assert.NotEqual(BadgeTokenCheck.Valid, check);
    }

    [Theory]
    [InlineData("")]
    [InlineData("KB")]
    [InlineData("https://example.org/ticket/123")]
    [InlineData("XB040001VA000GU7HD7H5LKQBOGUBABD63QBGV000109LG9KS0DC4CG0256EAQJ504U7FI91AP7BPOI0UUAGAP1NAK6IAQLHUTUQQ98NMGG17U9NAHB129RUUQ75H76UO1KJU24TH0AQB3FLB1D14R0FI616CMM")]
    [InlineData("KB040001VA000GU7HD7H5LKQBOGUBABD63QBGV000109LG9KS0DC4CG0256EAQJ504U7FI91AP7BPOI0UUAGAP1NAK6IAQLHUTUQQ98NMGG17U9NAHB129RUUQ75H76UO1KJU24TH0AQB3FLB1D14R0FI616CM")]
    [InlineData("KB040001VA000GU7HD7H5LKQBOGUBABD63QBGV000109LG9KS0DC4CG0256EAQJ504U7FI91AP7BPOI0UUAGAP1NAK6IAQLHUTUQQ98NMGG17U9NAHB129RUUQ75H76UO1KJU24TH0AQB3FLB1D14R0FI616CMMW")]
    [InlineData("KB040001VA000GU7HD7H5LKQBOGUBABD63QBGV000109LG9KS0DC4CG0256EAQJ504U7FI91AP7BPOI0UUAGAP1NAK6IAQLHUTUQQ98NMGG17U9NAHB129RUUQ75H76UO1KJU24TH0AQB3FLB1D14R0FI616CMZ")]
    public void Truncated_padded_foreign_or_malformed_text_is_not_a_badge(string text)
    {
        Assert.Equal(BadgeTokenCheck.NotABadge, GoldenRing().Check(text, DuringFair, out _));
    }

    [Fact]
    public void Token_signed_by_another_key_with_the_same_key_id_is_rejected_as_forged()
    {
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        GoldenRing().Check(GoldenToken1, DuringFair, out var genuine);
        var forged = BadgeToken.Sign(genuine.Claims with { Category = AttendeeCategory.Team }, 1, forger);

        Assert.Equal(BadgeTokenCheck.BadSignature, GoldenRing().Check(forged, DuringFair, out _));
    }

    [Fact]
    public void Token_outside_its_validity_window_is_reported_as_such()
    {
        var ring = GoldenRing();
        Assert.Equal(BadgeTokenCheck.NotYetValid, ring.Check(GoldenToken1, DateTimeOffset.Parse("2026-11-23T23:59:59Z"), out _));
        Assert.Equal(BadgeTokenCheck.Expired, ring.Check(GoldenToken1, DateTimeOffset.Parse("2026-11-27T00:00:01Z"), out _));
    }

    [Fact]
    public void Signing_and_reading_round_trips_every_category_and_large_values()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var ring = new BadgeKeyRing();
        ring.Add(int.MaxValue, ushort.MaxValue, key.ExportSubjectPublicKeyInfo());
        foreach (var category in Enum.GetValues<AttendeeCategory>())
        {
            var claims = new BadgeClaims(int.MaxValue, Guid.NewGuid(), ushort.MaxValue, category,
                DateTimeOffset.FromUnixTimeSeconds(0), DateTimeOffset.FromUnixTimeSeconds(uint.MaxValue));
            var text = BadgeToken.Sign(claims, ushort.MaxValue, key);

            Assert.Equal(BadgeTokenCheck.Valid, ring.Check(text, DuringFair, out var token));
            Assert.Equal(claims, token.Claims);
        }
    }
}
