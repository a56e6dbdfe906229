using System.Globalization;
using System.Resources;
using System.Text.Json;
using System.Text.Json.Serialization;
using Vigil.Common;

namespace Vigil.Prevention;

/// <summary>
/// The risk methods and their colour bands, loaded from configuration and validated at load (DESIGN principle 1,
/// DP-RISK). The built-in RiskMethods.json is embedded in Vigil.Core; a locality may load its own document.
/// </summary>
public sealed class RiskMethodCatalog
{
    /// <summary>Name under which a problem's field is reported for the built-in document.</summary>
    public const string EmbeddedSource = "RiskMethods.json";

    private static readonly Lazy<RiskMethodCatalog> BuiltIn = new(LoadEmbedded);

    private static readonly JsonSerializerOptions ReadOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,

        // A misspelt key ("atleast") must be an error, not a band silently losing its bound.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private readonly Dictionary<string, IRiskMethod> _methods;

    private RiskMethodCatalog(IReadOnlyList<IRiskMethod> methods)
    {
        Methods = methods;
        _methods = methods.ToDictionary(m => m.Id, StringComparer.Ordinal);
    }

    /// <summary>The built-in methods: LEC and the L×S matrix with its two variants (variant "1" is the default).</summary>
    public static RiskMethodCatalog Default => BuiltIn.Value;

    public IReadOnlyList<IRiskMethod> Methods { get; }

    /// <summary>Finds a method by id; <paramref name="field"/> names the input in the problem if there is none.</summary>
    public Outcome<IRiskMethod> Find(string? id, string field = "method")
    {
        if (id is not null && _methods.TryGetValue(id, out var method))
        {
            return Outcome.Ok(method);
        }

        return Outcome.Refused<IRiskMethod>(PreventionText.Problem(field, "method.unknown", "Risk_UnknownMethod", field, id ?? "", string.Join(", ", _methods.Keys)));
    }

    /// <summary>Parses and validates a methods document; every problem names <paramref name="source"/> and the JSON path.</summary>
    public static Outcome<RiskMethodCatalog> Load(string json, string source)
    {
        MethodsDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<MethodsDocument>(json, ReadOptions);
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            return Outcome.Refused<RiskMethodCatalog>(PreventionText.Problem($"{source}:{line}", "config.syntax", "RiskConfig_Syntax", source, line, e.Path ?? "$"));
        }

        var validator = new Validator(source);
        var methods = validator.Methods(document);
        return validator.Problems.Count > 0
            ? Outcome.Refused<RiskMethodCatalog>(validator.Problems)
            : Outcome.Ok(new RiskMethodCatalog(methods));
    }

    private static RiskMethodCatalog LoadEmbedded()
    {
        var resources = new ResourceManager("Vigil.Prevention.PreventionConfig", typeof(RiskMethodCatalog).Assembly);
        var json = resources.GetString("RiskMethods", CultureInfo.InvariantCulture)
            ?? throw new InvalidOperationException("The embedded RiskMethods.json is missing.");
        var loaded = Load(json, EmbeddedSource);

        // The built-in document ships with the code and is covered by tests: a failure here is a build defect.
        return loaded.IsSuccess ? loaded.Value : throw new InvalidOperationException(loaded.Problems[0].Message);
    }

    private sealed class Validator(string source)
    {
        public List<Problem> Problems { get; } = [];

        public List<IRiskMethod> Methods(MethodsDocument? document)
        {
            var result = new List<IRiskMethod>();
            if (document?.Methods is not { Count: > 0 } methods)
            {
                Required("methods");
                return result;
            }

            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < methods.Count; i++)
            {
                var path = $"methods[{i}]";
                var method = methods[i];
                if (string.IsNullOrWhiteSpace(method.Id))
                {
                    Required($"{path}.id");
                    continue;
                }

                if (!ids.Add(method.Id))
                {
                    Add($"{path}.id", "config.duplicate", "RiskConfig_Duplicate", method.Id);
                }

                if (method.Formula != "product")
                {
                    Add($"{path}.formula", "config.formula", "RiskConfig_UnknownFormula", method.Formula ?? "", "product");
                }

                var factors = Factors(method.Factors, path);
                var bandSets = BandSets(method.Variants, path);
                if (factors.Count > 0 && bandSets.Count > 0)
                {
                    result.Add(new ProductRiskMethod(method.Id, factors, bandSets));
                }
            }

            return result;
        }

        private List<RiskFactor> Factors(List<FactorDocument>? factors, string path)
        {
            var result = new List<RiskFactor>();
            if (factors is not { Count: > 0 })
            {
                Required($"{path}.factors");
                return result;
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < factors.Count; i++)
            {
                var factorPath = $"{path}.factors[{i}]";
                var factor = factors[i];
                var ok = true;
                if (string.IsNullOrWhiteSpace(factor.Name))
                {
                    ok = Required($"{factorPath}.name");
                }
                else if (!names.Add(factor.Name))
                {
                    ok = Add($"{factorPath}.name", "config.duplicate", "RiskConfig_Duplicate", factor.Name);
                }

                if (factor.Values is not { Count: > 0 } values)
                {
                    ok = Required($"{factorPath}.values");
                    continue;
                }

                var seen = new HashSet<decimal>();
                for (var j = 0; j < values.Count; j++)
                {
                    if (values[j] <= 0)
                    {
                        ok = Add($"{factorPath}.values[{j}]", "config.not_positive", "RiskConfig_NotPositive", values[j]);
                    }
                    else if (!seen.Add(values[j]))
                    {
                        ok = Add($"{factorPath}.values[{j}]", "config.duplicate", "RiskConfig_Duplicate", values[j]);
                    }
                }

                if (ok)
                {
                    result.Add(new RiskFactor(factor.Name!, [.. values.Order()]));
                }
            }

            return result;
        }

        private List<(string, IReadOnlyList<RiskBand>)> BandSets(List<BandSetDocument>? sets, string path)
        {
            var result = new List<(string, IReadOnlyList<RiskBand>)>();
            if (sets is not { Count: > 0 })
            {
                Required($"{path}.variants");
                return result;
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < sets.Count; i++)
            {
                var setPath = $"{path}.variants[{i}]";
                var set = sets[i];
                if (string.IsNullOrWhiteSpace(set.Variant))
                {
                    Required($"{setPath}.variant");
                    continue;
                }

                if (!names.Add(set.Variant))
                {
                    Add($"{setPath}.variant", "config.duplicate", "RiskConfig_Duplicate", set.Variant);
                }

                if (Bands(set.Bands, setPath) is { } bands)
                {
                    result.Add((set.Variant, bands));
                }
            }

            return result;
        }

        // DP-RISK: bands run from the highest colour down, each bound below the previous one, and the last band is
        // open below, so that every score the factors can produce maps to exactly one colour and a higher score never
        // gets a lower colour.
        private List<RiskBand>? Bands(List<BandDocument>? bands, string path)
        {
            if (bands is not { Count: > 0 })
            {
                Required($"{path}.bands");
                return null;
            }

            var result = new List<RiskBand>();
            var ok = true;
            for (var i = 0; i < bands.Count; i++)
            {
                var bandPath = $"{path}.bands[{i}]";
                var band = bands[i];
                if (!RiskColourNames.TryParse(band.Colour, out var colour))
                {
                    ok = Add($"{bandPath}.colour", "config.colour", "RiskConfig_UnknownColour", band.Colour ?? "");
                    continue;
                }

                var isLast = i == bands.Count - 1;
                if (isLast && (band.Above is not null || band.AtLeast is not null))
                {
                    ok = Add(bandPath, "config.last_band_bounded", "RiskConfig_LastBandOpen");
                    continue;
                }

                if (!isLast && (band.Above is null) == (band.AtLeast is null))
                {
                    ok = Add(bandPath, "config.bound", "RiskConfig_BoundChoice");
                    continue;
                }

                var current = new RiskBand(colour, band.Above ?? band.AtLeast, band.Above is not null);
                if (result.Count > 0 && !IsBelow(current, result[^1]))
                {
                    ok = Add(bandPath, "config.order", "RiskConfig_NotDescending");
                }

                result.Add(current);
            }

            return ok ? result : null;
        }

        private static bool IsBelow(RiskBand lower, RiskBand upper)
        {
            if (lower.Colour >= upper.Colour)
            {
                return false;
            }

            if (lower.Bound is not { } low)
            {
                return true;
            }

            // Equal bounds are fine only as "above x" followed by "at least x", which leaves the single score x below.
            return low < upper.Bound || (low == upper.Bound && upper.BoundIsExclusive && !lower.BoundIsExclusive);
        }

        private bool Required(string field) => Add(field, "config.required", "RiskConfig_Required");

        private bool Add(string field, string code, string key, params object?[] args)
        {
            var located = $"{source}: {field}";
            Problems.Add(PreventionText.Problem(located, code, key, [located, .. args]));
            return false;
        }
    }

    private sealed class MethodsDocument
    {
        public List<MethodDocument>? Methods { get; set; }
    }

    private sealed class MethodDocument
    {
        public string? Id { get; set; }

        public string? Formula { get; set; }

        public List<FactorDocument>? Factors { get; set; }

        public List<BandSetDocument>? Variants { get; set; }
    }

    private sealed class FactorDocument
    {
        public string? Name { get; set; }

        public List<decimal>? Values { get; set; }
    }

    private sealed class BandSetDocument
    {
        public string? Variant { get; set; }

        public List<BandDocument>? Bands { get; set; }
    }

    private sealed class BandDocument
    {
        public string? Colour { get; set; }

        public decimal? Above { get; set; }

        public decimal? AtLeast { get; set; }
    }
}
