using System.Globalization;
using System.Text.Json;
using Vigil.Common;

namespace Vigil.Monitoring;

/// <summary>
/// Reads and validates a standard file (AQ-STD). Every problem names the file and the JSON path, so a broken
/// standard is refused with the reason instead of producing wrong AQI values.
/// </summary>
public static class AqiStandardLoader
{
    private static readonly string[] RequiredTables =
        ["SO2_24h", "SO2_1h", "NO2_24h", "NO2_1h", "PM10_24h", "PM2.5_24h", "CO_24h", "CO_1h", "O3_1h", "O3_8h"];

    public static IReadOnlyList<Problem> TryLoad(string file, string json, out AqiStandard? standard)
    {
        standard = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            return [Problem(file, "$", "standard.json", ex.Message)];
        }

        using (document)
        {
            var reader = new Reader(file);
            standard = reader.Read(document.RootElement);
            return reader.Problems;
        }
    }

    /// <summary>Versions must follow each other without gap or overlap, so that every date has one standard.</summary>
    public static IReadOnlyList<Problem> CheckSequence(IReadOnlyList<AqiStandard> standards)
    {
        var problems = new List<Problem>();
        var ordered = standards.OrderBy(s => s.EffectiveFrom).ToList();
        for (var i = 0; i + 1 < ordered.Count; i++)
        {
            if (ordered[i].EffectiveUntil is not { } until || until.AddDays(1) != ordered[i + 1].EffectiveFrom)
            {
                problems.Add(Problem(ordered[i].Id, "effectiveUntil", "standard.dates.sequence", ordered[i + 1].Id));
            }
        }

        if (ordered.Count > 0 && ordered[^1].EffectiveUntil is not null)
        {
            problems.Add(Problem(ordered[^1].Id, "effectiveUntil", "standard.dates.sequence", "-"));
        }

        return problems;
    }

    private static Problem Problem(string file, string path, string code, string detail) =>
        new($"{file}: {path}", code, MonitoringText.Catalog.Format(code, file, path, detail));

    private sealed class Reader(string file)
    {
        public List<Problem> Problems { get; } = [];

        public AqiStandard? Read(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                Fail("$", "standard.field.invalid", "object");
                return null;
            }

            var id = String(root, "id");
            var title = String(root, "title");
            var gb = String(root, "airQualityStandard");
            var from = Date(root, "effectiveFrom", required: true);
            var until = Date(root, "effectiveUntil", required: false);
            if (from is { } f && until is { } u && u < f)
            {
                Fail("effectiveUntil", "standard.field.invalid", "< effectiveFrom");
            }

            var levels = IntArray(root, "iaqi");
            if (levels is not null && (levels.Length < 2 || levels[0] != 0 || !StrictlyIncreasing(levels.Select(l => (decimal?)l).ToArray())))
            {
                Fail("iaqi", "standard.breakpoints.order", "0 < … increasing");
            }

            if (String(root, "iaqiRounding") is { } rounding && rounding != "ceiling")
            {
                Fail("iaqiRounding", "standard.field.invalid", rounding);
            }

            var breakpoints = Breakpoints(root, levels);
            var rules = Rules(root, breakpoints);
            var cap = Int(root, "iaqiAboveHighestBreakpoint");
            var primaryAbove = Int(root, "primaryPollutantAboveAqi");
            var exceedingAbove = Int(root, "exceedingAboveIaqi");
            var (method, decimals) = Rounding(root);
            var publishAbove = PublishOnlyAbove(root);
            var categories = Categories(root);
            var validity = Validity(root);

            if (Problems.Count > 0)
            {
                return null;
            }

            return new AqiStandard(
                id!, title!, gb!, from!.Value, until, levels!, breakpoints, rules, cap!.Value, primaryAbove!.Value,
                exceedingAbove!.Value, method, decimals, publishAbove, categories, validity!);
        }

        private Dictionary<AqiTable, decimal?[]> Breakpoints(JsonElement root, int[]? levels)
        {
            var tables = new Dictionary<AqiTable, decimal?[]>();
            if (!Object(root, "breakpoints", out var element))
            {
                return tables;
            }

            foreach (var property in element.EnumerateObject())
            {
                var path = $"breakpoints.{property.Name}";
                if (!AqiTable.TryParse(property.Name, out var table))
                {
                    Fail(path, "standard.field.invalid", property.Name);
                    continue;
                }

                if (property.Value.ValueKind != JsonValueKind.Array)
                {
                    Fail(path, "standard.field.invalid", "array");
                    continue;
                }

                var values = property.Value.EnumerateArray()
                    .Select(v => v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : (decimal?)null).ToArray();
                if (property.Value.EnumerateArray().Any(v => v.ValueKind is not (JsonValueKind.Number or JsonValueKind.Null)))
                {
                    Fail(path, "standard.field.invalid", "number|null");
                    continue;
                }

                if (levels is not null && values.Length != levels.Length)
                {
                    Fail(path, "standard.breakpoints.length", levels.Length.ToString(CultureInfo.InvariantCulture));
                    continue;
                }

                // Nulls may only end a column (the table stops, e.g. SO₂ 1-hour above IAQI 200).
                var present = values.TakeWhile(v => v is not null).ToArray();
                if (present.Length < 2 || present[0] != 0m || values.Skip(present.Length).Any(v => v is not null) || !StrictlyIncreasing(present))
                {
                    Fail(path, "standard.breakpoints.order", "0 < … increasing, nulls last");
                    continue;
                }

                tables[table] = values;
            }

            foreach (var required in RequiredTables)
            {
                if (AqiTable.TryParse(required, out var table) && !tables.ContainsKey(table)
                    && !Problems.Any(p => p.Field.EndsWith("breakpoints." + required, StringComparison.Ordinal)))
                {
                    Fail($"breakpoints.{required}", "standard.field.missing", required);
                }
            }

            return tables;
        }

        private List<AboveBreakpointRule> Rules(JsonElement root, Dictionary<AqiTable, decimal?[]> tables)
        {
            var rules = new List<AboveBreakpointRule>();
            if (!root.TryGetProperty("aboveBreakpointRules", out var element) || element.ValueKind != JsonValueKind.Array)
            {
                Fail("aboveBreakpointRules", "standard.field.missing", "array");
                return rules;
            }

            var i = 0;
            foreach (var rule in element.EnumerateArray())
            {
                var path = $"aboveBreakpointRules[{i++}]";
                var tableKey = rule.ValueKind == JsonValueKind.Object ? String(rule, "table", path) : null;
                if (tableKey is null || !AqiTable.TryParse(tableKey, out var table) || !tables.ContainsKey(table))
                {
                    Fail(path + ".table", "standard.rule.table", tableKey ?? "-");
                    continue;
                }

                var above = rule.TryGetProperty("above", out var a) && a.ValueKind == JsonValueKind.Number ? a.GetDecimal() : (decimal?)null;
                var hasUse = rule.TryGetProperty("useTable", out var use) && use.ValueKind == JsonValueKind.String;
                var hasIaqi = rule.TryGetProperty("iaqi", out var fixedIaqi) && fixedIaqi.ValueKind == JsonValueKind.Number;
                if (above is null || hasUse == hasIaqi)
                {
                    Fail(path, "standard.field.invalid", "above + (useTable | iaqi)");
                    continue;
                }

                AqiTable? useTable = null;
                if (hasUse)
                {
                    if (!AqiTable.TryParse(use.GetString()!, out var u) || !tables.ContainsKey(u) || u.Pollutant != table.Pollutant)
                    {
                        Fail(path + ".useTable", "standard.rule.table", use.GetString()!);
                        continue;
                    }

                    useTable = u;
                }

                rules.Add(new AboveBreakpointRule(table, above.Value, useTable, hasIaqi ? fixedIaqi.GetInt32() : null));
            }

            return rules;
        }

        private (ConcentrationRoundingMethod, Dictionary<Pollutant, int>) Rounding(JsonElement root)
        {
            var decimals = new Dictionary<Pollutant, int>();
            if (!Object(root, "concentrationRounding", out var element))
            {
                return (ConcentrationRoundingMethod.None, decimals);
            }

            switch (String(element, "method", "concentrationRounding"))
            {
                case "none":
                    return (ConcentrationRoundingMethod.None, decimals);
                case "GB/T 8170":
                    if (Object(element, "decimals", out var d, "concentrationRounding"))
                    {
                        foreach (var property in d.EnumerateObject())
                        {
                            if (!Pollutants.TryParseCode(property.Name, out var pollutant) || property.Value.ValueKind != JsonValueKind.Number
                                || property.Value.GetInt32() is < 0 or > 6)
                            {
                                Fail($"concentrationRounding.decimals.{property.Name}", "standard.field.invalid", property.Value.ToString());
                                continue;
                            }

                            decimals[pollutant] = property.Value.GetInt32();
                        }
                    }

                    return (ConcentrationRoundingMethod.GbT8170, decimals);
                case { } other:
                    Fail("concentrationRounding.method", "standard.field.invalid", other);
                    return (ConcentrationRoundingMethod.None, decimals);
                default:
                    return (ConcentrationRoundingMethod.None, decimals);
            }
        }

        private int? PublishOnlyAbove(JsonElement root)
        {
            if (!Object(root, "missingPollutant", out var element) || !element.TryGetProperty("publishOnlyAboveAqi", out var value))
            {
                Fail("missingPollutant.publishOnlyAboveAqi", "standard.field.missing", "number|null");
                return null;
            }

            return value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.Number => value.GetInt32(),
                _ => Invalid("missingPollutant.publishOnlyAboveAqi"),
            };
        }

        private List<AqiCategory> Categories(JsonElement root)
        {
            var categories = new List<AqiCategory>();
            if (!root.TryGetProperty("categories", out var element) || element.ValueKind != JsonValueKind.Array)
            {
                Fail("categories", "standard.field.missing", "array");
                return categories;
            }

            var i = 0;
            foreach (var c in element.EnumerateArray())
            {
                var path = $"categories[{i}]";
                i++;
                var level = Int(c, "level", path);
                var max = c.TryGetProperty("maxAqi", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt32() : (int?)null;
                var zh = String(c, "zh", path);
                var en = String(c, "en", path);
                var colour = String(c, "colour", path);
                if (level != i || (categories.Count > 0 && (categories[^1].MaxAqi is not { } previous || max <= previous)))
                {
                    Fail(path, "standard.breakpoints.order", "level 1…n, maxAqi increasing");
                    continue;
                }

                if (level is { } l && zh is not null && en is not null && colour is not null)
                {
                    categories.Add(new AqiCategory(l, max, zh, en, colour));
                }
            }

            if (categories.Count == 0 || categories[^1].MaxAqi is not null)
            {
                Fail("categories", "standard.field.invalid", "last maxAqi null");
            }

            return categories;
        }

        private ValidityMinimums? Validity(JsonElement root)
        {
            if (!Object(root, "validity", out var v))
            {
                return null;
            }

            int Positive(string name)
            {
                var value = Int(v, name, "validity");
                if (value is not > 0)
                {
                    Fail($"validity.{name}", "standard.field.invalid", "> 0");
                }

                return value ?? 0;
            }

            return new ValidityMinimums(
                Positive("hourMinutes"), Positive("dailyHours"), Positive("o3EightHourHours"), Positive("o3DailyMaxWindows"),
                Positive("annualDays"), Positive("monthDays"), Positive("februaryDays"));
        }

        private int? Invalid(string path)
        {
            Fail(path, "standard.field.invalid", "number|null");
            return null;
        }

        private bool Object(JsonElement parent, string name, out JsonElement element, string? parentPath = null)
        {
            if (parent.TryGetProperty(name, out element) && element.ValueKind == JsonValueKind.Object)
            {
                return true;
            }

            Fail(Join(parentPath, name), "standard.field.missing", "object");
            return false;
        }

        private string? String(JsonElement parent, string name, string? parentPath = null)
        {
            if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value)
                && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
            {
                return text;
            }

            Fail(Join(parentPath, name), "standard.field.missing", "string");
            return null;
        }

        private int? Int(JsonElement parent, string name, string? parentPath = null)
        {
            if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value)
                && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
            {
                return number;
            }

            Fail(Join(parentPath, name), "standard.field.missing", "integer");
            return null;
        }

        private int[]? IntArray(JsonElement parent, string name)
        {
            if (parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
                && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out _)))
            {
                return value.EnumerateArray().Select(v => v.GetInt32()).ToArray();
            }

            Fail(name, "standard.field.missing", "integer array");
            return null;
        }

        private DateOnly? Date(JsonElement parent, string name, bool required)
        {
            if (parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            if (required || (parent.TryGetProperty(name, out var present) && present.ValueKind != JsonValueKind.Null))
            {
                Fail(name, "standard.field.invalid", "yyyy-MM-dd");
            }

            return null;
        }

        private static bool StrictlyIncreasing(decimal?[] values)
        {
            for (var i = 1; i < values.Length; i++)
            {
                if (!(values[i] > values[i - 1]))
                {
                    return false;
                }
            }

            return true;
        }

        private static string Join(string? parent, string name) => parent is null ? name : $"{parent}.{name}";

        private void Fail(string path, string code, string detail) => Problems.Add(Problem(file, path, code, detail));
    }
}
