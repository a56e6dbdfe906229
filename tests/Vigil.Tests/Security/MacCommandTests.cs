using System.CommandLine;
using Vigil.Host.Cli;

namespace Vigil.Tests.Security;

public sealed class MacCommandTests
{
    private const string AesKey = "2B7E151628AED2A6ABF7158809CF4F3C";
    private const string DesKey = "0123456789ABCDEFFEDCBA9876543210";

    // Expected MACs are the OpenSSL-computed vectors recorded with their commands in
    // tests/Vigil.Core.Tests/Security/MessageAuthenticationCodeTests.cs.
    [Theory]
    [InlineData("aes", AesKey, "", "F6C71EED")]
    [InlineData("aes", AesKey, "000102030405060708090A0B0C0D0E", "E9089F2B")]
    [InlineData("aes", AesKey, "000102030405060708090A0B0C0D0E0F", "FA8F1868")]
    [InlineData("3des", DesKey, "01020304050607", "4463C634")]
    [InlineData("3des", DesKey, "0102030405060708", "59997D5B")]
    [InlineData("3DES", "f1cb1f1fb5adf208806b89dc579dc1f8", "887022120c06c2270ca4020c800000008709016375432908c044f6", "BF8B92D6")]
    public void Prints_the_MAC_as_eight_upper_case_hex_digits(string algorithm, string key, string data, string expected)
    {
        var (exit, output, error) = Invoke("mac", "--algorithm", algorithm, "--key", key, data);
        Assert.Equal(0, exit);
        Assert.Equal(expected + Environment.NewLine, output);
        Assert.Empty(error);
    }

    [Theory]
    [InlineData("zh-CN", "--algorithm：未知算法“sm4”，可用：aes, 3des。")]
    [InlineData("en-US", "--algorithm: unknown algorithm \"sm4\"; use one of: aes, 3des.")]
    [InlineData("fr-FR", "--algorithm：未知算法“sm4”，可用：aes, 3des。")]
    public void Unknown_algorithm_exits_2_in_Chinese_unless_the_UI_is_English(string culture, string expected)
    {
        using var scope = new UiCultureScope(culture);
        var (exit, output, error) = Invoke("mac", "--algorithm", "sm4", "--key", AesKey, "00");
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Equal(expected + Environment.NewLine, error);
    }

    [Theory]
    [InlineData("aes", "2B7E151628AED2A6ABF7158809CF4F3", "00", "--key: not valid hexadecimal (an even number of digits 0-9, A-F).")]
    [InlineData("aes", "2B7E151628AED2A6ABF7158809CF4FZZ", "00", "--key: not valid hexadecimal (an even number of digits 0-9, A-F).")]
    [InlineData("aes", AesKey, "0x00", "<data-hex>: not valid hexadecimal (an even number of digits 0-9, A-F).")]
    [InlineData("aes", "0123456789ABCDEF", "00", "--key: the aes key is 16 bytes (32 hex digits), not 8 bytes.")]
    [InlineData("3des", "0123456789ABCDEF", "00", "--key: the 3des key is 16 bytes (32 hex digits), not 8 bytes.")]
    [InlineData("3des", "0101010101010101FEDCBA9876543210", "00", "--key: DES key half 1 is a weak or semi-weak key.")]
    public void Bad_input_exits_2_with_one_line_naming_the_argument(string algorithm, string key, string data, string expected)
    {
        using var scope = new UiCultureScope("en-GB");
        var (exit, output, error) = Invoke("mac", "--algorithm", algorithm, "--key", key, data);
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Equal(expected + Environment.NewLine, error);
    }

    [Fact]
    public void Missing_key_exits_2_naming_it()
    {
        using var scope = new UiCultureScope("zh-CN");
        var (exit, _, error) = Invoke("mac", "--algorithm", "aes", "00");
        Assert.Equal(2, exit);
        Assert.Equal("--key：缺少此参数。" + Environment.NewLine, error);
    }

    [Fact]
    public void The_UI_culture_is_restored_after_the_command()
    {
        using var scope = new UiCultureScope("fr-FR");
        Invoke("mac", "--algorithm", "sm4", "--key", AesKey, "00");
        Assert.Equal("fr-FR", System.Globalization.CultureInfo.CurrentUICulture.Name);
    }

    private static (int Exit, string Output, string Error) Invoke(params string[] args)
    {
        var root = new RootCommand { MacCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
