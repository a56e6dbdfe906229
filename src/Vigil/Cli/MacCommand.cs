using System.CommandLine;
using System.Globalization;
using Vigil.Common;
using Vigil.Security;
using Vigil.Security.Mac;

namespace Vigil.Host.Cli;

/// <summary>
/// <c>vigil mac --algorithm aes|3des --key &lt;hex&gt; &lt;data-hex&gt;</c>: the station MAC of seed 004 §8.2.4 (SEC),
/// for checking a station's firmware or a captured packet by hand. Pads the data itself; prints 8 hex digits.
/// </summary>
internal static class MacCommand
{
    /// <summary>Bad input: one line on stderr naming the argument (DESIGN principle 6).</summary>
    public const int BadInput = 2;

    public static Command Create()
    {
        var algorithm = new Option<string?>("--algorithm") { Description = "aes = AES-128, 16-byte blocks; 3des = DES retail MAC, 8-byte blocks, 16-byte key" };
        var key = new Option<string?>("--key") { Description = "MAC key as hex: 32 digits for both algorithms" };
        var data = new Argument<string?>("data-hex") { Description = "The message as hex, unpadded", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("mac", "Compute a station message MAC (ISO/IEC 9797-1, padding method 2, leftmost 4 bytes)") { algorithm, key, data };
        command.SetAction(parse => Run(
            parse.GetValue(algorithm),
            parse.GetValue(key),
            parse.GetValue(data),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string? algorithmText, string? keyHex, string? dataHex, TextWriter output, TextWriter error)
    {
        var previous = CultureInfo.CurrentUICulture;

        // The users work in Chinese: zh-CN unless the UI culture asks for English.
        if (previous.TwoLetterISOLanguageName != "en")
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        }

        try
        {
            if (!MacAlgorithms.TryParse(algorithmText, "--algorithm", out var algorithm, out var problem))
            {
                return Refuse(error, problem);
            }

            if (!HexInput.TryParse(keyHex, "--key", out var key, out problem))
            {
                return Refuse(error, problem);
            }

            if (MacAlgorithms.CheckKey(algorithm, key, "--key") is { } keyProblem)
            {
                return Refuse(error, keyProblem);
            }

            if (!HexInput.TryParse(dataHex, "<data-hex>", out var data, out problem))
            {
                return Refuse(error, problem);
            }

            using var cipher = MacAlgorithms.CreateCipher(algorithm, key);
            output.WriteLine(Convert.ToHexString(MessageAuthenticationCode.Compute(cipher, data)));
            return 0;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static int Refuse(TextWriter error, Problem problem)
    {
        error.WriteLine(problem.Message);
        return BadInput;
    }
}
