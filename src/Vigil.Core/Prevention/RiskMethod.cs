using System.Globalization;
using Vigil.Common;

namespace Vigil.Prevention;

/// <summary>One input of a risk method (L, E, C, S) and the values a source allows for it.</summary>
public sealed record RiskFactor(string Name, IReadOnlyList<decimal> AllowedValues);

/// <summary>
/// One colour band: scores at or above (or strictly above) <see cref="Bound"/> get <see cref="Colour"/>,
/// unless a higher band took them first. A band without a bound catches everything below the others.
/// </summary>
public sealed record RiskBand(RiskColour Colour, decimal? Bound, bool BoundIsExclusive)
{
    public bool Admits(decimal score) => Bound is not { } bound || (BoundIsExclusive ? score > bound : score >= bound);
}

/// <summary>
/// The result of assessing one risk point: which method and band set, the factors, the score, and the band that
/// coloured it, so the decision explains itself (DESIGN principle 1).
/// </summary>
public sealed record RiskScore(string Method, string Variant, IReadOnlyDictionary<string, decimal> Factors, decimal Score, RiskBand Band)
{
    public RiskColour Colour => Band.Colour;
}

/// <summary>
/// A pluggable risk assessment method (DP-RISK: "make them pluggable and their bands configuration, since sources
/// differ at the boundaries"). Implementations never throw on user input; they answer with problems naming the field.
/// </summary>
public interface IRiskMethod
{
    string Id { get; }

    IReadOnlyList<RiskFactor> Factors { get; }

    /// <summary>Band-set names; the first is the default.</summary>
    IReadOnlyList<string> Variants { get; }

    /// <summary>
    /// Scores <paramref name="factors"/> (keyed by factor name) with the bands of <paramref name="variant"/>
    /// (null = default). <paramref name="fieldPrefix"/> is put before factor names in problems, e.g. "--" for the CLI.
    /// </summary>
    Outcome<RiskScore> Assess(IReadOnlyDictionary<string, decimal> factors, string? variant = null, string fieldPrefix = "");
}

/// <summary>Reads factor values typed by a person (invariant culture, so "0.5" means the same everywhere).</summary>
public static class RiskFactorText
{
    public static Outcome<decimal> Parse(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Outcome.Refused<decimal>(PreventionText.Problem(field, "factor.missing", "Risk_FactorMissingValue", field));
        }

        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? Outcome.Ok(value)
            : Outcome.Refused<decimal>(PreventionText.Problem(field, "factor.not_a_number", "Risk_FactorNotANumber", field, text));
    }
}

/// <summary>
/// Score = product of the factors (LEC: D = L × E × C; matrix: R = L × S), coloured by the first band, from the
/// highest, that admits it. Because the last band is open below, every possible product gets exactly one colour,
/// including products that fall into a source's gaps (DP-RISK L×S variant 2: 17–19 cannot occur, and would be orange).
/// </summary>
internal sealed class ProductRiskMethod : IRiskMethod
{
    private readonly Dictionary<string, IReadOnlyList<RiskBand>> _bandSets;

    public ProductRiskMethod(string id, IReadOnlyList<RiskFactor> factors, IReadOnlyList<(string Variant, IReadOnlyList<RiskBand> Bands)> bandSets)
    {
        Id = id;
        Factors = factors;
        Variants = [.. bandSets.Select(set => set.Variant)];
        _bandSets = bandSets.ToDictionary(set => set.Variant, set => set.Bands, StringComparer.Ordinal);
    }

    public string Id { get; }

    public IReadOnlyList<RiskFactor> Factors { get; }

    public IReadOnlyList<string> Variants { get; }

    public IReadOnlyList<RiskBand> BandsOf(string variant) => _bandSets[variant];

    public Outcome<RiskScore> Assess(IReadOnlyDictionary<string, decimal> factors, string? variant = null, string fieldPrefix = "")
    {
        var problems = new List<Problem>();
        var chosen = variant ?? Variants[0];
        if (!_bandSets.ContainsKey(chosen))
        {
            var field = fieldPrefix + "variant";
            problems.Add(PreventionText.Problem(field, "variant.unknown", "Risk_UnknownVariant", field, Id, chosen, string.Join(", ", Variants)));
        }

        foreach (var name in factors.Keys.Where(name => Factors.All(f => f.Name != name)))
        {
            problems.Add(PreventionText.Problem(fieldPrefix + name, "factor.not_applicable", "Risk_FactorNotApplicable", fieldPrefix + name, Id));
        }

        var score = 1m;
        var used = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var factor in Factors)
        {
            var field = fieldPrefix + factor.Name;
            if (!factors.TryGetValue(factor.Name, out var value))
            {
                problems.Add(PreventionText.Problem(field, "factor.missing", "Risk_FactorMissing", field, Id));
            }
            else if (!factor.AllowedValues.Contains(value))
            {
                var allowed = string.Join(", ", factor.AllowedValues.Select(v => v.ToString(CultureInfo.InvariantCulture)));
                problems.Add(PreventionText.Problem(field, "factor.not_allowed", "Risk_FactorNotAllowed", field, allowed, value.ToString(CultureInfo.InvariantCulture)));
            }
            else
            {
                score *= value;
                used[factor.Name] = value;
            }
        }

        if (problems.Count > 0)
        {
            return Outcome.Refused<RiskScore>(problems);
        }

        // Strip trailing zeros (0.5 × 6 × 1 = 3.0 → 3) so the score prints as people write it.
        var normalized = score / 1.000000000000000000000000000000000m;
        var band = _bandSets[chosen].First(band => band.Admits(normalized));
        return Outcome.Ok(new RiskScore(Id, chosen, used, normalized, band));
    }
}
