using System.Globalization;
using System.Text;
using Vigil.Common;

namespace Vigil.Prevention;

/// <summary>What the bureau decided about an operator the public reported by name and address (001 四(四)).</summary>
public enum PublicReportOutcome
{
    /// <summary>The operator is an enterprise of the register: the report becomes a hazard file of that enterprise.</summary>
    Matched,

    /// <summary>The operator is not in the register: recorded as an unregistered (possibly illegal) operator.</summary>
    Unregistered,
}

/// <summary>An operator as a member of the public described it: the name it goes by and where it is.</summary>
public sealed record ReportedOperator(string Name, string Address)
{
    /// <summary>Longest name kept (as the register's).</summary>
    public const int MaxName = 200;

    /// <summary>Longest address kept (as the register's).</summary>
    public const int MaxAddress = 400;

    /// <summary>Both are required: without a name and an address nobody can find the operator.</summary>
    public static Outcome<ReportedOperator> Create(string? name, string? address)
    {
        var problems = new List<Problem>();
        Enterprise.Require(problems, "enterpriseName", name);
        Enterprise.Require(problems, "address", address);
        if (name?.Trim().Length > MaxName)
        {
            problems.Add(PreventionText.Problem("enterpriseName", "field.too_long", "Field_TooLong", "enterpriseName", MaxName));
        }

        if (address?.Trim().Length > MaxAddress)
        {
            problems.Add(PreventionText.Problem("address", "field.too_long", "Field_TooLong", "address", MaxAddress));
        }

        return problems.Count > 0 ? Outcome.Refused<ReportedOperator>(problems) : Outcome.Ok(new ReportedOperator(name!.Trim(), address!.Trim()));
    }
}

/// <summary>The bureau's decision on a report: attributable (who, when, acting as what) and with its reason.</summary>
/// <param name="Outcome">Matched or unregistered.</param>
/// <param name="EnterpriseId">The register entry the operator was matched to; null when unregistered.</param>
/// <param name="Reason">Why (required for unregistered: what was searched).</param>
/// <param name="By">The regulator who decided.</param>
/// <param name="At">When.</param>
public sealed record PublicReportDecision(PublicReportOutcome Outcome, string? EnterpriseId, string Reason, Actor By, DateTimeOffset At);

/// <summary>A register entry that may be the reported operator, with how alike the names and addresses are (0–1).</summary>
public sealed record MatchCandidate(string EnterpriseId, decimal NameSimilarity, decimal AddressSimilarity);

/// <summary>
/// Reports of operators the public cannot identify by credit code (001 四(四) encourages reports of illegal operators;
/// a member of the public rarely knows a unified social credit code). Pure. Decisions:
/// <list type="bullet">
/// <item>Only a regulator decides, once: a decision stands (a second one is refused), so the record of who matched or
/// who declared an operator unregistered cannot be rewritten.</item>
/// <item>Matched needs the register entry; unregistered needs a reason (what was searched), since it starts
/// enforcement against an operator outside the register.</item>
/// <item>Candidates are suggested by the likeness of the names (legal-form suffixes such as 有限公司 ignored) or of
/// the addresses, measured by shared character pairs (Dice coefficient): a name at least 0.5 alike, or an address
/// at least 0.6 alike. The suggestion only helps the bureau; the bureau decides.</item>
/// </list>
/// </summary>
public static class PublicReports
{
    /// <summary>A name at least this alike (shared character pairs) is suggested.</summary>
    public const decimal NameThreshold = 0.5m;

    /// <summary>An address at least this alike is suggested.</summary>
    public const decimal AddressThreshold = 0.6m;

    private static readonly string[] LegalForms = ["股份有限公司", "有限责任公司", "有限公司", "公司"];

    /// <summary>The decision, or why it cannot be taken.</summary>
    /// <param name="standing">The decision already taken on the report, if any.</param>
    /// <param name="outcome">Matched or unregistered.</param>
    /// <param name="enterpriseId">The register entry (matched only).</param>
    /// <param name="reason">Why; required for unregistered.</param>
    /// <param name="by">Who decides, in the role they act in.</param>
    /// <param name="at">When.</param>
    public static Outcome<PublicReportDecision> Decide(
        PublicReportDecision? standing, PublicReportOutcome outcome, string? enterpriseId, string? reason, Actor by, DateTimeOffset at)
    {
        if (by.Role != ActorRole.Regulator)
        {
            return Outcome.Forbidden<PublicReportDecision>(PreventionText.Problem("role", "publicReport.regulator_only", "PublicReport_RegulatorOnly"));
        }

        if (standing is not null)
        {
            return Outcome.Conflict<PublicReportDecision>(PreventionText.Problem(
                "report", "publicReport.decided", "PublicReport_Decided", PreventionText.Format("PublicReport_" + standing.Outcome), standing.At));
        }

        var problems = new List<Problem>();
        if (outcome == PublicReportOutcome.Matched && string.IsNullOrWhiteSpace(enterpriseId))
        {
            problems.Add(PreventionText.Problem("enterpriseId", "field.required", "Field_Required", "enterpriseId"));
        }

        if (outcome == PublicReportOutcome.Unregistered)
        {
            Enterprise.Require(problems, "reason", reason);
        }

        return problems.Count > 0
            ? Outcome.Refused<PublicReportDecision>(problems)
            : Outcome.Ok(new PublicReportDecision(outcome, outcome == PublicReportOutcome.Matched ? enterpriseId!.Trim() : null, reason?.Trim() ?? "", by, at));
    }

    /// <summary>The register entries alike enough to be the reported operator, the most alike name first.</summary>
    public static IReadOnlyList<MatchCandidate> Candidates(ReportedOperator reported, IEnumerable<(string Id, string Name, string Address)> register) =>
        [.. register
            .Select(e => new MatchCandidate(e.Id, Similarity(NameKey(reported.Name), NameKey(e.Name)), Similarity(Key(reported.Address), Key(e.Address))))
            .Where(c => c.NameSimilarity >= NameThreshold || c.AddressSimilarity >= AddressThreshold)
            .OrderByDescending(c => c.NameSimilarity)
            .ThenByDescending(c => c.AddressSimilarity)
            .ThenBy(c => c.EnterpriseId, StringComparer.Ordinal)];

    /// <summary>Dice coefficient of the two texts' character pairs (a one-character text is its own pair), to 2 decimals.</summary>
    public static decimal Similarity(string a, string b)
    {
        var (pa, pb) = (Pairs(a), Pairs(b));
        if (pa.Count + pb.Count == 0)
        {
            return 0m;
        }

        var left = pa.GroupBy(p => p, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var common = 0;
        foreach (var pair in pb)
        {
            if (left.TryGetValue(pair, out var count) && count > 0)
            {
                left[pair] = count - 1;
                common++;
            }
        }

        return decimal.Round(2m * common / (pa.Count + pb.Count), 2, MidpointRounding.ToZero);
    }

    private static List<string> Pairs(string text)
    {
        var elements = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            elements.Add(enumerator.GetTextElement());
        }

        return elements.Count == 1 ? elements : [.. Enumerable.Range(0, Math.Max(0, elements.Count - 1)).Select(i => elements[i] + elements[i + 1])];
    }

    /// <summary>Letters and digits only, width and case folded (全角 → 半角).</summary>
    private static string Key(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static string NameKey(string name)
    {
        var key = Key(name);
        foreach (var form in LegalForms)
        {
            if (key.EndsWith(form, StringComparison.Ordinal))
            {
                return key[..^form.Length];
            }
        }

        return key;
    }
}
