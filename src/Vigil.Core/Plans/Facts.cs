using System.Globalization;
using System.Text.Json;
using Vigil.Common;

namespace Vigil.Plans;

/// <summary>What is known of one fact.</summary>
public enum FactKind
{
    /// <summary>Reported as "正在核实中" (SE-RPT 4.1.3): asked about, not yet known.</summary>
    Verifying,

    Number,

    Boolean,

    Text,
}

/// <summary>One reported fact; a fact absent from a <see cref="FactSet"/> is simply unknown.</summary>
public readonly record struct FactValue(FactKind Kind, decimal Number = 0, bool Flag = false, string Text = "")
{
    /// <summary>The words a reporter uses for a value still being verified (SE-RPT 4.1.3).</summary>
    public const string VerifyingText = "正在核实中";

    public static FactValue Verifying => new(FactKind.Verifying);

    public bool IsKnown => Kind != FactKind.Verifying;

    public object? ToJsonValue() => Kind switch
    {
        FactKind.Number => Number,
        FactKind.Boolean => Flag,
        FactKind.Text => Text,
        _ => VerifyingText,
    };
}

/// <summary>The facts of a case, by input name. Missing and "正在核实中" both count as unknown for grading.</summary>
public sealed class FactSet
{
    private readonly Dictionary<string, FactValue> _values;

    public FactSet(IEnumerable<KeyValuePair<string, FactValue>> values) =>
        _values = new Dictionary<string, FactValue>(values, StringComparer.Ordinal);

    public static FactSet Empty { get; } = new([]);

    public IReadOnlyDictionary<string, FactValue> Values => _values;

    public FactValue? Known(string name) => _values.TryGetValue(name, out var v) && v.IsKnown ? v : null;

    /// <summary>
    /// A follow-up (续报, SE-RPT 4.1.4) changes what it states: a stated value replaces the earlier one, and a fact
    /// the follow-up does not mention keeps its earlier value. "正在核实中" (4.1.3) says a fact is still being
    /// verified; it does not withdraw a figure already reported, which changes only when a new figure is reported.
    /// </summary>
    public FactSet With(FactSet followUp)
    {
        var merged = new Dictionary<string, FactValue>(_values, StringComparer.Ordinal);
        foreach (var (name, value) in followUp._values)
        {
            if (value.IsKnown || !merged.ContainsKey(name))
            {
                merged[name] = value;
            }
        }

        return new FactSet(merged);
    }

    /// <summary>
    /// Sets one fact whatever it was, even back to unknown: a recorded decision (a judgement withdrawn), or one value of
    /// a table selector the grader tries.
    /// </summary>
    public FactSet Set(string name, FactValue value) => new(_values.Where(v => v.Key != name).Append(KeyValuePair.Create(name, value)));

    /// <summary>
    /// Reads facts from a JSON object against the plan's declared inputs. Every field is optional; null or
    /// "正在核实中" means unknown. Unknown field names, wrong types, negative counts, fractional counts and values
    /// outside an enum are refused with the field named (prefixed by <paramref name="pathPrefix"/>).
    /// </summary>
    public static Outcome<FactSet> Parse(PlanDefinition plan, JsonElement json, string pathPrefix = "")
    {
        var text = PlanLoader.Text;
        if (json.ValueKind != JsonValueKind.Object)
        {
            var field = pathPrefix.Length > 0 ? pathPrefix.TrimEnd('.') : "$";
            return Outcome<FactSet>.Failure(ProblemKind.Invalid, new Problem(field, "fact.object", text.Format("fact.object", field)));
        }

        var values = new Dictionary<string, FactValue>(StringComparer.Ordinal);
        var problems = new List<Problem>();
        foreach (var property in json.EnumerateObject())
        {
            var field = pathPrefix + property.Name;
            var input = plan.FindInput(property.Name);
            if (input is null)
            {
                problems.Add(new Problem(field, "fact.unknownField",
                    text.Format("fact.unknownField", field, string.Join(", ", plan.Inputs.Select(i => i.Name)))));
                continue;
            }

            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Null
                || value.ValueKind == JsonValueKind.String && value.GetString() == FactValue.VerifyingText)
            {
                values[input.Name] = FactValue.Verifying;
                continue;
            }

            var parsed = ParseValue(input, value, field);
            if (parsed.IsSuccess)
            {
                values[input.Name] = parsed.Value;
            }
            else
            {
                problems.AddRange(parsed.Problems);
            }
        }

        return problems.Count == 0 ? new FactSet(values) : Outcome<FactSet>.Failure(ProblemKind.Invalid, problems);
    }

    private static Outcome<FactValue> ParseValue(PlanInput input, JsonElement value, string field)
    {
        var text = PlanLoader.Text;
        Outcome<FactValue> Fail(string code, params object[] args) =>
            Outcome<FactValue>.Failure(ProblemKind.Invalid, new Problem(field, code, text.Format(code, [field, .. args])));

        switch (input.Type)
        {
            case InputType.Boolean:
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? new FactValue(FactKind.Boolean, Flag: value.GetBoolean())
                    : Fail("fact.boolean");
            case InputType.Enum:
                var id = value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
                return id is not null && input.Values.Exists(v => v.Id == id)
                    ? new FactValue(FactKind.Text, Text: id)
                    : Fail("fact.enum", value.ToString(), string.Join(", ", input.Values.Select(v => v.Id)));
            default:
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
                {
                    return Fail("fact.number");
                }

                if (input.Type == InputType.Integer && decimal.Truncate(number) != number)
                {
                    return Fail("fact.integer", number.ToString(CultureInfo.InvariantCulture));
                }

                if (input.Min is { } min && number < min)
                {
                    return Fail("fact.min", min, number.ToString(CultureInfo.InvariantCulture));
                }

                return new FactValue(FactKind.Number, Number: number);
        }
    }
}
