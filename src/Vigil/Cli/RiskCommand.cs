using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.Common;
using Vigil.Prevention;

namespace Vigil.Host.Cli;

/// <summary>`vigil risk assess`: scores one risk point with a configured method (DP-RISK) and prints JSON.</summary>
internal static class RiskCommand
{
    private const int BadInput = 2;

    public static Command Create()
    {
        var method = new Option<string?>("--method") { Description = "Assessment method: lec | ls" };
        var l = new Option<string?>("--l") { Description = "L: likelihood (LEC: 0.1 0.2 0.5 1 3 6 10; ls: 1–5)" };
        var e = new Option<string?>("--e") { Description = "E: exposure (LEC: 0.5 1 2 3 6 10)" };
        var c = new Option<string?>("--c") { Description = "C: consequence (LEC: 1 3 7 15 40 100)" };
        var s = new Option<string?>("--s") { Description = "S: severity (ls: 1–5)" };
        var variant = new Option<string?>("--variant") { Description = "Band set of the method (ls: 1 = 20/15/9, 2 = 20/10/4; default 1)" };
        var factorOptions = new[] { l, e, c, s };

        // A value-less option reaches the core as empty text, so "--l" alone gets the same localized refusal and exit 2.
        foreach (var option in new[] { method, l, e, c, s, variant })
        {
            option.Arity = ArgumentArity.ZeroOrOne;
        }

        var assess = new Command("assess", "Score a risk point and print {\"method\", \"score\", \"colour\"}") { method, l, e, c, s, variant };
        assess.SetAction(parse =>
        {
            // The product speaks zh-CN first (DESIGN): English only when the user's UI culture is English.
            var previous = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = previous.TwoLetterISOLanguageName == "en" ? previous : CultureInfo.GetCultureInfo("zh-CN");
            try
            {
                var raw = factorOptions
                    .Where(option => parse.GetResult(option) is not null)
                    .ToDictionary(option => option.Name, option => parse.GetValue(option));
                var chosen = parse.GetValue(variant);
                if (parse.GetResult(variant) is not null && string.IsNullOrWhiteSpace(chosen))
                {
                    return Fail(RiskFactorText.Parse("--variant", chosen).Problems);
                }

                return Assess(parse.GetValue(method), raw, chosen);
            }
            finally
            {
                CultureInfo.CurrentUICulture = previous;
            }
        });

        return new Command("risk", "Risk grading (DP-RISK)") { assess };
    }

    private static int Assess(string? methodId, Dictionary<string, string?> raw, string? variant)
    {
        if (string.IsNullOrWhiteSpace(methodId))
        {
            return Fail(RiskFactorText.Parse("--method", methodId).Problems);
        }

        var found = RiskMethodCatalog.Default.Find(methodId, "--method");
        if (!found.IsSuccess)
        {
            return Fail(found.Problems);
        }

        var factors = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (option, text) in raw)
        {
            var parsed = RiskFactorText.Parse(option, text);
            if (!parsed.IsSuccess)
            {
                return Fail(parsed.Problems);
            }

            factors[option[2..]] = parsed.Value;
        }

        var scored = found.Value.Assess(factors, variant, "--");
        if (!scored.IsSuccess)
        {
            return Fail(scored.Problems);
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("method", scored.Value.Method);
            json.WriteNumber("score", scored.Value.Score);
            json.WriteString("colour", scored.Value.Colour.ToName());
            json.WriteEndObject();
        }

        Console.Out.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
        return 0;
    }

    // DESIGN principle 6: one line on stderr naming the option, non-zero exit.
    private static int Fail(IReadOnlyList<Problem> problems)
    {
        Console.Error.WriteLine(string.Join("; ", problems.Select(p => p.Message)));
        return BadInput;
    }
}
