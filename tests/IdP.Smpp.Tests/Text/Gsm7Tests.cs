using IdP.Smpp.Tests.TestSupport;
using IdP.Smpp.Text;

namespace IdP.Smpp.Tests.Text;

public sealed class Gsm7Tests
{
    [Theory]
    [InlineData("@", "00")]
    [InlineData("$", "02")]
    [InlineData("€", "1b65")]
    [InlineData("¤", "24")]
    [InlineData("_", "11")]
    [InlineData("¡", "40")]
    [InlineData("¿", "60")]
    [InlineData("à", "7f")]
    [InlineData("Δ", "10")]
    [InlineData("\n", "0a")]
    [InlineData("^", "1b14")]
    [InlineData("{}", "1b281b29")]
    [InlineData("\\", "1b2f")]
    [InlineData("[~]", "1b3c1b3d1b3e")]
    [InlineData("|", "1b40")]
    [InlineData("\f", "1b0a")]
    [InlineData("Code 123 € @", "436f646520313233201b652000")]
    public void EncodeUnpacked_KnownCharacters_GivesSpecSeptets(string text, string expectedHex)
    {
        Assert.Equal(expectedHex, Hex.Of(Gsm7.EncodeUnpacked(text)));
        Assert.Equal(text, Gsm7.DecodeUnpacked(Hex.Bytes(expectedHex)));
    }

    [Fact]
    public void BasicTable_EverySeptetExceptEscape_RoundTrips()
    {
        for (int septet = 0; septet < 128; septet++)
        {
            if (septet == Gsm7.Escape) continue;
            string decoded = Gsm7.DecodeUnpacked([(byte)septet]);
            Assert.Equal(1, decoded.Length);
            Assert.Equal([(byte)septet], Gsm7.EncodeUnpacked(decoded));
        }
    }

    [Theory]
    [InlineData('€', 2)]
    [InlineData('[', 2)]
    [InlineData('a', 1)]
    [InlineData('@', 1)]
    public void SeptetCount_ExtensionCharacters_CountTwo(char c, int expected)
    {
        Assert.Equal(expected, Gsm7.SeptetCount(c));
    }

    [Theory]
    [InlineData("ç")] // only Ç is in the table
    [InlineData("😀")]
    [InlineData("ж")]
    [InlineData("`")]
    public void CanEncode_NonGsmCharacter_IsFalse(string text)
    {
        Assert.False(Gsm7.CanEncode(text));
        Assert.Equal("3f", Hex.Of(Gsm7.EncodeUnpacked(text[..1])));
    }

    [Fact]
    public void Pack_ClassicHelloHello_MatchesSpecExample()
    {
        byte[] packed = Gsm7.Pack(Gsm7.EncodeUnpacked("hellohello"));

        Assert.Equal("e8329bfd4697d9ec37", Hex.Of(packed));
        Assert.Equal("hellohello", Gsm7.DecodeUnpacked(Gsm7.Unpack(packed)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(6)]
    public void PackUnpack_WithFillBits_RoundTrips(int fillBits)
    {
        byte[] septets = Gsm7.EncodeUnpacked("Your code is 123456 €@ {ok}");

        byte[] packed = Gsm7.Pack(septets, fillBits);

        Assert.Equal(0, packed[0] & ((1 << fillBits) - 1)); // the fill bits stay zero
        Assert.Equal(septets, Gsm7.Unpack(packed, fillBits));
    }

    [Fact]
    public void Pack_SevenSpareBits_PadsWithCarriageReturnNotAt()
    {
        byte[] septets = Gsm7.EncodeUnpacked("1234567"); // 49 bits -> 7 octets, 7 spare bits

        byte[] packed = Gsm7.Pack(septets);

        Assert.Equal(7, packed.Length);
        Assert.Equal(0x0D, packed[6] >> 1);
        Assert.Equal(septets, Gsm7.Unpack(packed));
    }

    [Theory]
    [InlineData(6, 1)] // 05 00 03 ref total seq: 48 bits -> 1 fill bit
    [InlineData(7, 0)] // 06 08 04 ...: 56 bits, septet-aligned
    [InlineData(0, 0)]
    public void FillBits_AfterUdh_AlignToSeptetBoundary(int udhOctets, int expected)
    {
        Assert.Equal(expected, Gsm7.FillBits(udhOctets));
    }
}
