using System.Security.Cryptography;
using CsCheck;
using Kiosk.Shared.Badges;

namespace Kiosk.Shared.Tests.Fuzz;

/// <summary>Whatever a scanner or an attacker types, the token check answers without throwing, and no altered token verifies.</summary>
public sealed class BadgeTokenFuzzTests
{
    private static readonly DateTimeOffset DuringFair = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly ECDsa Key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly BadgeKeyRing Ring = NewRing();
    private static readonly string Valid = BadgeToken.Sign(
        new BadgeClaims(7, Guid.NewGuid(), 1, AttendeeCategory.Visitor, DuringFair.AddDays(-1), DuringFair.AddDays(2)), 1, Key);

    private static BadgeKeyRing NewRing()
    {
        var ring = new BadgeKeyRing();
        ring.Add(7, 1, Key.ExportSubjectPublicKeyInfo());
        return ring;
    }

    /// <summary>Anything: control characters, surrogates, RTL marks, 10,000 characters.</summary>
    private static readonly Gen<string> AnyText = Gen.OneOf(
        Gen.String,
        Gen.Char.Array[0, 10_000].Select(c => new string(c)),
        Gen.Char["KB0123456789ABCDEFGHIJKLMNOPQRSTUVkb \t\r\n\0"].Array[BadgeToken.TextLength - 3, BadgeToken.TextLength + 3].Select(c => new string(c)),
        Gen.Char["0123456789ABCDEFGHIJKLMNOPQRSTUVkc \t\r\n\0"].Array[BadgeToken.Format2TextLength - 5, BadgeToken.Format2TextLength + 1].Select(c => "KC" + new string(c)));

    [Fact]
    public void Any_text_is_answered_without_an_exception_and_is_never_valid() =>
        AnyText.Sample(text => Ring.Check(text, DuringFair, out _) != BadgeTokenCheck.Valid, iter: 20_000);

    [Fact]
    public void Changing_any_one_character_of_a_genuine_token_makes_it_fail() =>
        Gen.Select(Gen.Int[2, BadgeToken.TextLength - 1], Gen.Char).Sample((position, replacement) =>
        {
            if (char.ToUpperInvariant(replacement) == char.ToUpperInvariant(Valid[position])) return true;
            var forged = string.Concat(Valid.AsSpan(0, position), replacement.ToString(), Valid.AsSpan(position + 1));
            return Ring.Check(forged, DuringFair, out _) != BadgeTokenCheck.Valid;
        }, iter: 20_000);

    [Fact]
    public void Flipping_any_bit_of_the_signed_bytes_makes_it_fail() =>
        Gen.Int[0, (BadgeToken.PayloadLength + BadgeToken.SignatureLength) * 8 - 1].Sample(bit =>
        {
            Assert.True(Base32Hex.TryDecode(Valid.AsSpan(2), out var bytes));
            bytes[bit / 8] ^= (byte)(1 << (bit % 8));
            return Ring.Check(BadgeToken.Prefix + Base32Hex.Encode(bytes), DuringFair, out _) != BadgeTokenCheck.Valid;
        }, iter: 5_000);

    [Fact]
    public void A_cut_or_extended_genuine_token_is_not_a_badge() =>
        Gen.Int[0, BadgeToken.TextLength - 1].Sample(length =>
            Ring.Check(Valid[..length], DuringFair, out _) == BadgeTokenCheck.NotABadge
            && Ring.Check(Valid + Valid[..(length % 8 + 1)], DuringFair, out _) == BadgeTokenCheck.NotABadge);
}
