using System.Globalization;
using System.Text.Json.Nodes;
using Vigil.Plans;

namespace Vigil.Host.Plans;

/// <summary>
/// The answer of <c>vigil grade</c> and <c>POST /api/plans/{id}/grade</c>: the contract fields (plan, planVersion,
/// level, matched, undetermined, and each further grading's result field such as emergencyLevel) plus what helps a
/// user act: level names, the criteria still open, the reporting duties and responses the plan attaches to the level.
/// </summary>
internal static class GradeReport
{
    public static JsonObject Build(PlanDefinition plan, PlanGrade grade, CultureInfo culture)
    {
        var primary = grade.Primary;
        var result = new JsonObject
        {
            ["plan"] = plan.Id,
            ["planVersion"] = plan.Version,
            ["level"] = primary.Level,
            ["matched"] = Matched(primary, culture),
            ["undetermined"] = new JsonArray([.. primary.UndeterminedInputs.Select(i => JsonValue.Create(i))]),
            ["tableUndetermined"] = primary.TableUndetermined,
        };
        foreach (var other in grade.Gradings.Skip(1))
        {
            result[other.ResultField] = other.Level;
        }

        var eventLevel = grade.Event.Level;
        result["levelName"] = plan.PrimaryGrading.FindLevel(primary.Level)?.Name.For(culture);
        result["couldRaise"] = CouldRaise(primary, culture);
        result["gradings"] = new JsonArray([.. grade.Gradings.Select(g => (JsonNode)new JsonObject
        {
            ["grading"] = g.GradingId,
            ["name"] = plan.GetGrading(g.GradingId).Name.For(culture),
            ["level"] = g.Level,
            ["levelName"] = plan.GetGrading(g.GradingId).FindLevel(g.Level)?.Name.For(culture),
            ["maxPossibleLevel"] = g.MaxPossibleLevel,
            ["matched"] = Matched(g, culture),
            ["couldRaise"] = CouldRaise(g, culture),
            ["undetermined"] = new JsonArray([.. g.UndeterminedInputs.Select(i => JsonValue.Create(i))]),
            ["tableUndetermined"] = g.TableUndetermined,
        })]);
        var applying = plan.Reporting.Where(r => r.AppliesTo(eventLevel, grade.Event.MaxPossibleLevel)).ToList();
        result["reporting"] = new JsonArray([.. applying
            .Where(r => r.SupersededBy is not { } other || applying.TrueForAll(a => a.Id != other))
            .Select(r => (JsonNode)new JsonObject
            {
                ["id"] = r.Id,
                ["article"] = r.Article,
                ["name"] = r.Name.For(culture),
                ["to"] = new JsonArray([.. r.To.Select(t => JsonValue.Create(t.For(culture)))]),
                ["within"] = r.Within,
                ["from"] = r.Anchor.ToString().ToLowerInvariant(),
                ["optional"] = r.Optional,
            })]);
        result["responses"] = new JsonArray([.. plan.Responses
            .Where(r => r.Triggers.Contains(eventLevel, StringComparer.Ordinal))
            .Select(r => (JsonNode)new JsonObject
            {
                ["level"] = r.Level,
                ["article"] = r.Article,
                ["automatic"] = r.Automatic,
                ["approvalChain"] = new JsonArray([.. r.Chain.Select(s => JsonValue.Create(plan.FindRole(s.Role)?.Name.For(culture) ?? s.Role))]),
                ["commandBy"] = r.CommandBy.For(culture),
            })]);
        return result;
    }

    private static JsonArray Matched(GradingResult grading, CultureInfo culture) =>
        new([.. grading.Matched.Select(m => (JsonNode)new JsonObject
        {
            ["level"] = m.Level,
            ["criterion"] = m.Criterion.For(culture),
            ["article"] = m.Article,
        })]);

    private static JsonArray CouldRaise(GradingResult grading, CultureInfo culture) =>
        new([.. grading.CouldRaise.Select(c => (JsonNode)new JsonObject
        {
            ["level"] = c.Level,
            ["criterion"] = c.Criterion.For(culture),
            ["article"] = c.Article,
            ["inputs"] = new JsonArray([.. c.Inputs.Select(i => JsonValue.Create(i))]),
        })]);
}
