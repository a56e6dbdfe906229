using System.Text.RegularExpressions;

namespace Vigil.Security.Access;

/// <summary>
/// 辖区 — the part of the GB/T 2260 division tree a role assignment covers (SEC access lists; issue 3 part 2).
/// A code covers its own subtree: 310000 (a province-level city) covers every 31xxxx code, 310100 covers 3101xx,
/// 310104 covers itself and its 9-digit townships and 12-digit villages; 000000 (全国) covers every code.
/// Pure prefix logic, so the same rule filters a list in the database and checks a single record in memory.
/// </summary>
public static partial class Jurisdiction
{
    /// <summary>The whole country: the scope of the national centre and of the first administrator.</summary>
    public const string Nation = "000000";

    /// <summary>Whether <paramref name="code"/> is a GB/T 2260 county (6 digits), township (9) or village (12) code.</summary>
    public static bool IsDivisionCode(string? code) => code is not null && CodePattern().IsMatch(code);

    /// <summary>
    /// The prefix every code inside <paramref name="scope"/>'s subtree starts with: trailing zero levels are dropped
    /// (a village code ending 000 is its township, a township ending 000 its county, a county ending 00 its city,
    /// a city ending 00 its province, a province ending 00 the nation).
    /// </summary>
    public static string Prefix(string scope)
    {
        if (!IsDivisionCode(scope))
        {
            throw new ArgumentException("Not a GB/T 2260 division code.", nameof(scope));
        }

        var code = scope;
        if (code.Length == 12 && code.EndsWith("000", StringComparison.Ordinal))
        {
            code = code[..9];
        }

        if (code.Length == 9 && code.EndsWith("000", StringComparison.Ordinal))
        {
            code = code[..6];
        }

        if (code.Length == 6)
        {
            foreach (var level in new[] { 4, 2, 0 })
            {
                if (code[level..].All(c => c == '0'))
                {
                    code = code[..level];
                }
            }
        }

        return code;
    }

    /// <summary>Whether a user acting at <paramref name="scope"/> may see and act on a record of <paramref name="code"/>.</summary>
    public static bool Covers(string scope, string code) =>
        IsDivisionCode(scope) && code.StartsWith(Prefix(scope), StringComparison.Ordinal);

    [GeneratedRegex(@"^\d{6}(\d{3}(\d{3})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
