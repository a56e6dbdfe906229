using System.Globalization;
using System.Text.Json.Nodes;
using Vigil.Plans;

namespace Vigil.Host.Ui.Components;

/// <summary>One field of a report as typed: its text, or "正在核实中" (being verified).</summary>
public sealed class DraftField
{
    public string Text { get; set; } = "";

    public bool Verifying { get; set; }

    /// <summary>The JSON the API would receive: "正在核实中", nothing when left empty, else the converted text.</summary>
    public JsonNode? Json(Func<string, JsonNode?> convert) =>
        Verifying ? JsonValue.Create(FactValue.VerifyingText) : Text.Trim() is { Length: > 0 } text ? convert(text) : null;
}

/// <summary>
/// A report being written, following the plan's report contents and inputs (SE-RPT 4.1.2–4.1.4, GEO-RPT 3.3.2). It
/// becomes exactly the JSON of <c>POST /api/incidents</c>'s <c>report</c>, so the same parser checks both.
/// </summary>
public sealed class ReportDraft(PlanDefinition plan, bool initial)
{
    public PlanDefinition Plan => plan;

    public bool Initial => initial;

    public DraftField OccurredAt { get; } = new();

    public Dictionary<string, DraftField> Contents { get; } = plan.ReportContents.ToDictionary(c => c.Id, _ => new DraftField(), StringComparer.Ordinal);

    /// <summary>The facts a report may state; judgements (SE-EMG social impact) are recorded by a decision instead.</summary>
    public IReadOnlyList<PlanInput> FactInputs { get; } = [.. plan.Inputs.Where(i => !i.Judgement)];

    public Dictionary<string, DraftField> Facts { get; } = plan.Inputs.Where(i => !i.Judgement).ToDictionary(i => i.Name, _ => new DraftField(), StringComparer.Ordinal);

    /// <summary><c>{"occurredAt", "contents", "facts"}</c>; empty fields are left out (a follow-up states only what changed).</summary>
    public JsonObject ToJson()
    {
        var report = new JsonObject();
        if (OccurredAt.Json(text => JsonValue.Create(text)) is { } occurred)
        {
            report["occurredAt"] = occurred;
        }

        var contents = new JsonObject();
        foreach (var (id, field) in Contents)
        {
            if (field.Json(text => JsonValue.Create(text)) is { } value)
            {
                contents[id] = value;
            }
        }

        report["contents"] = contents;
        report["facts"] = FactsJson();
        return report;
    }

    /// <summary>The stated facts; a number the user's culture cannot read is passed on as text, for the parser to refuse by name.</summary>
    public JsonObject FactsJson()
    {
        var facts = new JsonObject();
        foreach (var input in FactInputs)
        {
            if (Facts[input.Name].Json(text => Convert(input, text)) is { } value)
            {
                facts[input.Name] = value;
            }
        }

        return facts;
    }

    private static JsonValue Convert(PlanInput input, string text) => input.Type switch
    {
        InputType.Integer when long.TryParse(text, NumberStyles.Integer, CultureInfo.CurrentCulture, out var n) => JsonValue.Create(n),
        InputType.Number when decimal.TryParse(text, NumberStyles.Number, CultureInfo.CurrentCulture, out var d) => JsonValue.Create(d),
        InputType.Boolean when bool.TryParse(text, out var b) => JsonValue.Create(b),
        _ => JsonValue.Create(text),
    };
}
