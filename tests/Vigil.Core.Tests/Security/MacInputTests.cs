using Vigil.Core.Tests.Common;
using Vigil.Security;
using Vigil.Security.Mac;

namespace Vigil.Core.Tests.Security;

public sealed class MacInputTests
{
    [Theory]
    [InlineData("aes", MacAlgorithm.Aes128)]
    [InlineData("AES", MacAlgorithm.Aes128)]
    [InlineData("3des", MacAlgorithm.RetailDes)]
    [InlineData("3DES", MacAlgorithm.RetailDes)]
    public void Algorithm_names_are_read_in_any_case(string text, MacAlgorithm expected)
    {
        Assert.True(MacAlgorithms.TryParse(text, "--algorithm", out var algorithm, out var problem));
        Assert.Null(problem);
        Assert.Equal(expected, algorithm);
    }

    [Theory]
    [InlineData("sm4")]
    [InlineData("des")]
    [InlineData("")]
    public void Unknown_algorithm_is_refused_naming_the_argument(string text)
    {
        using var culture = new CultureScope("en-US");
        Assert.False(MacAlgorithms.TryParse(text, "--algorithm", out _, out var problem));
        Assert.Equal("--algorithm", problem.Field);
        Assert.Equal("algorithm.unknown", problem.Code);
        Assert.Equal($"--algorithm: unknown algorithm \"{text}\"; use one of: aes, 3des.", problem.Message);
    }

    [Fact]
    public void Missing_algorithm_is_refused()
    {
        Assert.False(MacAlgorithms.TryParse(null, "--algorithm", out _, out var problem));
        Assert.Equal("argument.missing", problem.Code);
    }

    [Fact]
    public void Unknown_algorithm_message_is_Chinese_under_zh_CN()
    {
        using var culture = new CultureScope("zh-CN");
        Assert.False(MacAlgorithms.TryParse("sm4", "--algorithm", out _, out var problem));
        Assert.Equal("--algorithm：未知算法“sm4”，可用：aes, 3des。", problem.Message);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("00ff", "00FF")]
    [InlineData("A0b1C2", "A0B1C2")]
    public void Hex_is_read_in_any_case(string text, string expected)
    {
        Assert.True(HexInput.TryParse(text, "<data-hex>", out var bytes, out _));
        Assert.Equal(expected, Convert.ToHexString(bytes));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0g")]
    [InlineData("00 11")]
    [InlineData("0x00")]
    public void Bad_hex_is_refused_without_repeating_the_text(string text)
    {
        using var culture = new CultureScope("en-US");
        Assert.False(HexInput.TryParse(text, "--key", out _, out var problem));
        Assert.Equal("hex.invalid", problem.Code);
        Assert.Equal("--key: not valid hexadecimal (an even number of digits 0-9, A-F).", problem.Message);
    }

    [Theory]
    [InlineData(MacAlgorithm.Aes128, 15)]
    [InlineData(MacAlgorithm.Aes128, 17)]
    [InlineData(MacAlgorithm.Aes128, 0)]
    [InlineData(MacAlgorithm.RetailDes, 8)]
    [InlineData(MacAlgorithm.RetailDes, 24)]
    public void Key_of_the_wrong_length_is_refused(MacAlgorithm algorithm, int length)
    {
        using var culture = new CultureScope("en-US");
        var key = Enumerable.Range(1, length).Select(i => (byte)i).ToArray();
        var problem = MacAlgorithms.CheckKey(algorithm, key, "--key");
        Assert.NotNull(problem);
        Assert.Equal("key.length", problem.Code);
        Assert.Equal($"--key: the {algorithm.Name()} key is 16 bytes (32 hex digits), not {length} bytes.", problem.Message);
    }

    [Theory]
    [InlineData("0101010101010101FEDCBA9876543210", 1)]
    [InlineData("0123456789ABCDEF01FE01FE01FE01FE", 2)]
    public void Weak_DES_key_halves_are_refused(string keyHex, int half)
    {
        using var culture = new CultureScope("zh-CN");
        var problem = MacAlgorithms.CheckKey(MacAlgorithm.RetailDes, Convert.FromHexString(keyHex), "--key");
        Assert.NotNull(problem);
        Assert.Equal("key.weak", problem.Code);
        Assert.Equal($"--key：DES 密钥第 {half} 部分是弱密钥或半弱密钥。", problem.Message);
    }

    [Theory]
    [InlineData(MacAlgorithm.Aes128)]
    [InlineData(MacAlgorithm.RetailDes)]
    public void Keys_of_the_right_length_pass(MacAlgorithm algorithm) =>
        Assert.Null(MacAlgorithms.CheckKey(algorithm, Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210"), "--key"));

    [Fact]
    public void Creating_a_cipher_with_an_unchecked_bad_key_is_a_programming_error() =>
        Assert.Throws<ArgumentException>(() => MacAlgorithms.CreateCipher(MacAlgorithm.Aes128, new byte[8]));
}
