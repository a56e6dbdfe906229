using Vigil.Common;

namespace Vigil.Prevention;

/// <summary>
/// 统一社会信用代码 — an enterprise's unified social credit code (GB 32100-2015): 18 characters from a 31-character
/// alphabet (digits and capitals without I, O, S, V, Z), the last a check character over the first 17.
/// </summary>
public readonly record struct UnifiedSocialCreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private UnifiedSocialCreditCode(string value) => Value = value;

    public string Value { get; }

    /// <summary>Reads a code as typed (surrounding spaces ignored, letters upper-cased); the check character must match.</summary>
    public static Outcome<UnifiedSocialCreditCode> Parse(string field, string? text)
    {
        var code = (text ?? "").Trim().ToUpperInvariant();
        if (code.Length != 18 || code.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            return Outcome.Refused<UnifiedSocialCreditCode>(PreventionText.Problem(field, "uscc.format", "Uscc_Format", field, text ?? ""));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(code[i], StringComparison.Ordinal) * Weights[i];
        }

        var expected = Alphabet[(31 - (sum % 31)) % 31];
        return code[17] == expected
            ? Outcome.Ok(new UnifiedSocialCreditCode(code))
            : Outcome.Refused<UnifiedSocialCreditCode>(PreventionText.Problem(field, "uscc.check", "Uscc_Check", field, expected, code[17]));
    }

    public override string ToString() => Value;
}

/// <summary>An enterprise in a district bureau's register (issue 5 part 1).</summary>
/// <param name="Id">Register id.</param>
/// <param name="Name">企业名称.</param>
/// <param name="CreditCode">统一社会信用代码.</param>
/// <param name="District">The district whose bureau supervises it; overdue lists are aggregated by it (DP-TIER).</param>
/// <param name="Address">Postal address as registered.</param>
/// <param name="Industry">Industry code; decides the yellow tier through <see cref="KeyIndustries"/> (DP-TIER).</param>
/// <param name="Location">Where it is, with its datum; optional because addresses are geocoded later.</param>
public sealed record Enterprise(string Id, string Name, UnifiedSocialCreditCode CreditCode, string District, string Industry, string Address, GeoPoint? Location)
{
    /// <summary>Validates a register entry; every problem names its field.</summary>
    public static Outcome<Enterprise> Create(string id, string? name, string? creditCode, string? district, string? industry, string? address, GeoPoint? location)
    {
        var problems = new List<Problem>();
        var code = UnifiedSocialCreditCode.Parse("creditCode", creditCode);
        problems.AddRange(code.Problems);
        Require(problems, "name", name);
        Require(problems, "district", district);
        Require(problems, "industry", industry);
        Require(problems, "address", address);
        return problems.Count > 0
            ? Outcome.Refused<Enterprise>(problems)
            : Outcome.Ok(new Enterprise(id, name!.Trim(), code.Value, district!.Trim(), industry!.Trim(), address!.Trim(), location));
    }

    internal static void Require(List<Problem> problems, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(PreventionText.Problem(field, "field.required", "Field_Required", field));
        }
    }
}

/// <summary>风险点 — a place or activity of an enterprise whose risk is assessed and coloured (DP-RISK).</summary>
public sealed record RiskPoint(string Id, string EnterpriseId, string Name, GeoPoint? Location)
{
    public static Outcome<RiskPoint> Create(string id, string enterpriseId, string? name, GeoPoint? location)
    {
        var problems = new List<Problem>();
        Enterprise.Require(problems, "name", name);
        return problems.Count > 0 ? Outcome.Refused<RiskPoint>(problems) : Outcome.Ok(new RiskPoint(id, enterpriseId, name!.Trim(), location));
    }
}
