using System.Text;
using Kiosk.Shared.Badges;

namespace Kiosk.Shared.Tests;

public class Base32HexTests
{
    [Theory] // RFC 4648 section 10 test vectors for base32hex, without padding
    [InlineData("", "")]
    [InlineData("f", "CO")]
    [InlineData("fo", "CPNG")]
    [InlineData("foo", "CPNMU")]
    [InlineData("foob", "CPNMUOG")]
    [InlineData("fooba", "CPNMUOJ1")]
    [InlineData("foobar", "CPNMUOJ1E8")]
    public void Encodes_and_decodes_the_rfc_vectors(string plain, string encoded)
    {
        Assert.Equal(encoded, Base32Hex.Encode(Encoding.ASCII.GetBytes(plain)));
        Assert.True(Base32Hex.TryDecode(encoded, out var bytes));
        Assert.Equal(plain, Encoding.ASCII.GetString(bytes));
    }

    [Theory]
    [InlineData("CPNMUOJ1E8=")] // padding is not part of the token alphabet
    [InlineData("CPNMUOJ1EW")]  // W is outside base32hex
    [InlineData("C")]           // impossible length
    [InlineData("CP")]          // non-zero trailing bits
    public void Rejects_text_that_is_not_canonical_base32hex(string text)
    {
        Assert.False(Base32Hex.TryDecode(text, out _));
    }
}
