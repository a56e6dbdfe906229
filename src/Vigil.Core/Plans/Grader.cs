using Vigil.Common;

namespace Vigil.Plans;

/// <summary>A criterion that holds, with its article: the explanation of a level.</summary>
public sealed record MatchedCriterion(string Level, LocalizedText Criterion, string Article);

/// <summary>A criterion of a higher level that unknown inputs could still make hold.</summary>
public sealed record OpenCriterion(string Level, LocalizedText Criterion, string Article, IReadOnlyList<string> Inputs);

/// <summary>The level on one grading, why, and what is still open.</summary>
public sealed record GradingResult(
    string GradingId,
    string ResultField,
    string Level,
    string MaxPossibleLevel,
    IReadOnlyList<MatchedCriterion> Matched,
    IReadOnlyList<OpenCriterion> CouldRaise)
{
    /// <summary>The level id used when no criterion holds.</summary>
    public const string None = "none";

    /// <summary>Inputs whose value could still raise the level, without repeats.</summary>
    public IReadOnlyList<string> UndeterminedInputs => [.. CouldRaise.SelectMany(c => c.Inputs).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The input that picks the table (GEO-LVL 险情/灾情) when it is not known: the level is then the highest under
    /// every table, and the matched criteria are those of the table that gave it. Null when known or not used.
    /// </summary>
    public string? TableUndetermined { get; init; }
}

/// <summary>Every grading of a plan for one set of facts, stamped with the plan's id and version.</summary>
public sealed record PlanGrade(string PlanId, string PlanVersion, string EventGradingId, IReadOnlyList<GradingResult> Gradings)
{
    public GradingResult Primary => Gradings[0];

    /// <summary>The level that drives reporting and response (SE-EMG for the special-equipment plan).</summary>
    public GradingResult Event => Gradings.First(g => g.GradingId == EventGradingId);
}

/// <summary>
/// The grading engine (pure). Thresholds are exact: min inclusive, max exclusive ("以上含本数，以下不含本数",
/// seeds 000 附件 and 002 10.1). The highest matched level wins and every matched criterion is listed.
/// Unknown inputs are allowed: conditions are evaluated in three-valued (Kleene) logic, and a criterion of a
/// higher level that is neither true nor false is reported with the inputs that could still make it hold.
/// </summary>
public static class Grader
{
    private enum Truth
    {
        False,
        True,
        Unknown,
    }

    public static PlanGrade Grade(PlanDefinition plan, FactSet facts)
    {
        var results = new List<GradingResult>(plan.Gradings.Count);
        foreach (var grading in plan.Gradings)
        {
            results.Add(GradeOne(plan, grading, facts, results));
        }

        return new PlanGrade(plan.Id, plan.Version, plan.EventGrading, results);
    }

    /// <summary>
    /// Grades one grading. When an input that selects the table (GEO-LVL 险情/灾情) is unknown, the grading is made
    /// under each of its values and the highest level taken: a report without the kind still grades, precautionarily.
    /// </summary>
    private static GradingResult GradeOne(PlanDefinition plan, Grading grading, FactSet facts, List<GradingResult> earlier)
    {
        var selector = plan.Inputs.Find(i => i.SelectsTable && facts.Known(i.Name) is null && grading.Criteria.Exists(c => Mentions(c.When, i.Name)));
        if (selector is null)
        {
            return GradeTable(plan, grading, facts, earlier);
        }

        var branches = selector.Values
            .Select(v => GradeTable(plan, grading, facts.Set(selector.Name, new FactValue(FactKind.Text, Text: v.Id)), earlier))
            .ToList();
        var best = branches.MinBy(b => grading.Rank(b.Level))!;
        var rank = grading.Rank(best.Level);
        var couldRaise = branches
            .SelectMany(b => b.CouldRaise)
            .Where(c => grading.Rank(c.Level) < rank)
            .OrderBy(c => grading.Rank(c.Level))
            .Select(c => c with { Inputs = [selector.Name, .. c.Inputs] })
            .ToList();
        return best with
        {
            MaxPossibleLevel = couldRaise.Count > 0 ? couldRaise[0].Level : best.Level,
            CouldRaise = couldRaise,
            TableUndetermined = selector.Name,
        };
    }

    /// <summary>Whether a condition on facts alone (no grading bounds) certainly holds.</summary>
    public static bool Holds(PlanDefinition plan, Condition when, FactSet facts) => Evaluate(plan, when, facts, [], []) == Truth.True;

    private static bool Mentions(Condition when, string input) =>
        when.Input == input || (when.All ?? when.Any ?? []).Exists(c => Mentions(c, input));

    private static GradingResult GradeTable(PlanDefinition plan, Grading grading, FactSet facts, List<GradingResult> earlier)
    {
        var matched = new List<MatchedCriterion>();
        var open = new List<(Criterion Criterion, List<string> Inputs)>();
        foreach (var criterion in grading.Criteria)
        {
            var unknown = new List<string>();
            switch (Evaluate(plan, criterion.When, facts, earlier, unknown))
            {
                case Truth.True:
                    matched.Add(new MatchedCriterion(criterion.Level, criterion.Text, criterion.Article));
                    break;
                case Truth.Unknown:
                    open.Add((criterion, unknown));
                    break;
            }
        }

        var level = matched.Count == 0 ? GradingResult.None : matched.MinBy(m => grading.Rank(m.Level))!.Level;
        var rank = grading.Rank(level);
        var couldRaise = open
            .Where(o => grading.Rank(o.Criterion.Level) < rank)
            .OrderBy(o => grading.Rank(o.Criterion.Level))
            .Select(o => new OpenCriterion(o.Criterion.Level, o.Criterion.Text, o.Criterion.Article,
                [.. o.Inputs.Distinct(StringComparer.Ordinal).OrderBy(name => plan.Inputs.FindIndex(i => i.Name == name))]))
            .ToList();
        var maxPossible = couldRaise.Count > 0 ? couldRaise[0].Level : level;
        return new GradingResult(grading.Id, grading.ResultField, level, maxPossible,
            [.. matched.OrderBy(m => grading.Rank(m.Level))], couldRaise);
    }

    private static Truth Evaluate(PlanDefinition plan, Condition when, FactSet facts, List<GradingResult> earlier, List<string> unknown)
    {
        if (when.Always == true)
        {
            return Truth.True;
        }

        if (when.All is { } all)
        {
            return Combine(plan, all, facts, earlier, unknown, shortCircuit: Truth.False);
        }

        if (when.Any is { } any)
        {
            return Combine(plan, any, facts, earlier, unknown, shortCircuit: Truth.True);
        }

        if (when.Grading is { } gradingId)
        {
            var result = earlier.First(g => g.GradingId == gradingId);
            return EvaluateGradingBound(plan.GetGrading(gradingId), when.AtLeast!, result, unknown);
        }

        var name = when.Input!;
        if (facts.Known(name) is not { } fact)
        {
            unknown.Add(name);
            return Truth.Unknown;
        }

        bool holds;
        if (when.In is { } values)
        {
            holds = values.Contains(fact.Text, StringComparer.Ordinal);
        }
        else if (when.IsTrue is { } expected)
        {
            holds = fact.Flag == expected;
        }
        else
        {
            holds = (when.Min is not { } min || fact.Number >= min) && (when.Max is not { } max || fact.Number < max);
            if (!holds && when.Min is { } least && fact.Number < least && MayStillReach(plan, name, least - fact.Number, facts) is { } becoming)
            {
                unknown.Add(becoming);
                return Truth.Unknown;
            }
        }

        return holds ? Truth.True : Truth.False;
    }

    /// <summary>
    /// A stated count that may still turn into this input (missing persons found dead, GEO-LVL) and could make up
    /// the shortfall: "正在核实中", or a number at least the shortfall. Its name, or null.
    /// </summary>
    private static string? MayStillReach(PlanDefinition plan, string input, decimal shortfall, FactSet facts) =>
        plan.Inputs
            .Where(i => i.MayBecome == input && facts.Values.TryGetValue(i.Name, out var v) && (!v.IsKnown || v.Number >= shortfall))
            .Select(i => i.Name)
            .FirstOrDefault();

    /// <summary>
    /// Kleene conjunction (short-circuit on False) or disjunction (short-circuit on True). Unknown inputs are
    /// collected only when the result stays unknown, so a criterion already decided names no inputs.
    /// </summary>
    private static Truth Combine(PlanDefinition plan, List<Condition> children, FactSet facts, List<GradingResult> earlier, List<string> unknown, Truth shortCircuit)
    {
        var pending = new List<string>();
        var anyUnknown = false;
        foreach (var child in children)
        {
            var result = Evaluate(plan, child, facts, earlier, pending);
            if (result == shortCircuit)
            {
                return shortCircuit;
            }

            anyUnknown |= result == Truth.Unknown;
        }

        if (!anyUnknown)
        {
            return shortCircuit == Truth.False ? Truth.True : Truth.False;
        }

        unknown.AddRange(pending);
        return Truth.Unknown;
    }

    /// <summary>
    /// "This earlier grading is at least level X": true when its level is X or higher, false when even its
    /// highest possible level is below X, otherwise unknown on the inputs that grading still lacks.
    /// </summary>
    private static Truth EvaluateGradingBound(Grading grading, string atLeast, GradingResult result, List<string> unknown)
    {
        var bound = grading.Rank(atLeast);
        if (grading.Rank(result.Level) <= bound)
        {
            return Truth.True;
        }

        if (grading.Rank(result.MaxPossibleLevel) > bound)
        {
            return Truth.False;
        }

        unknown.AddRange(result.CouldRaise.Where(c => grading.Rank(c.Level) <= bound).SelectMany(c => c.Inputs));
        return Truth.Unknown;
    }
}
