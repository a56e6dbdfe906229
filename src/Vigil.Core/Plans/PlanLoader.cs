using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;
using Vigil.Common;

namespace Vigil.Plans;

/// <summary>A reason a plan file was refused, with the place to fix it.</summary>
public sealed record PlanError(string File, int Line, int Column, string Path, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Path}: {Message}";
}

/// <summary>
/// Reads a plan file and checks every reference in it (DESIGN principle 1): levels, inputs, roles, gradings,
/// durations. Pure: the caller supplies the bytes. A plan with any error is refused whole.
/// </summary>
public static class PlanLoader
{
    internal static readonly TextCatalog Text = new("Vigil.Plans.PlanMessages", typeof(PlanLoader).Assembly);

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public static Outcome<PlanDefinition> Load(string fileName, ReadOnlySpan<byte> utf8)
    {
        PlanDefinition? plan;
        try
        {
            plan = JsonSerializer.Deserialize<PlanDefinition>(utf8, Options);
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1;
            var column = (int)(e.BytePositionInLine ?? 0) + 1;
            return Fail(new PlanError(fileName, line, column, e.Path ?? "$", Text.Format("plan.json", FirstSentence(e.Message))));
        }

        if (plan is null)
        {
            return Fail(new PlanError(fileName, 1, 1, "$", Text.Format("plan.empty")));
        }

        var index = JsonLineIndex.TryBuild(utf8);
        var errors = new PlanValidator(plan).Validate()
            .Select(e =>
            {
                var (line, column) = index?.Locate(e.Path) ?? (1, 1);
                return new PlanError(fileName, line, column, e.Path, e.Message);
            })
            .ToList();
        return errors.Count == 0 ? plan : Fail([.. errors]);
    }

    private static Outcome<PlanDefinition> Fail(params PlanError[] errors) =>
        Outcome<PlanDefinition>.Failure(ProblemKind.Invalid, [.. errors.Select(e => new Problem(e.Path, "plan.invalid", e.ToString()))]);

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    /// <summary>Walks the deserialised plan and reports every broken reference with its JSON path.</summary>
    private sealed class PlanValidator(PlanDefinition plan)
    {
        private readonly List<(string Path, string Message)> _errors = [];

        public List<(string Path, string Message)> Validate()
        {
            Require(plan.Id, "$.id");
            Require(plan.Version, "$.version");
            if (!TryTimeZone(plan.TimeZone))
            {
                Add("$.timeZone", "plan.timeZone", plan.TimeZone);
            }

            ValidateInputs();
            ValidateGradings();
            ValidateReporting();
            ValidateResponses();
            ValidateRoles(plan.CloseBy, "$.closeBy");
            ValidateRoles(plan.JudgedBy, "$.judgedBy");
            if (plan.LateFollowUpWithin is { } late && (!TryDuration(late, out var lateSpan) || lateSpan <= TimeSpan.Zero))
            {
                Add("$.lateFollowUpWithin", "plan.duration", late);
            }

            for (var i = 0; i < plan.RequiredFacts.Count; i++)
            {
                ValidateCondition(plan.RequiredFacts[i].When, $"$.requiredFacts[{i}].when", 0);
                ValidateInputNames(plan.RequiredFacts[i].Inputs, $"$.requiredFacts[{i}].inputs");
            }
            for (var i = 0; i < plan.Aftermath.Count; i++)
            {
                var task = plan.Aftermath[i];
                var gradingId = task.Grading ?? plan.EventGrading;
                if (plan.Gradings.TrueForAll(g => g.Id != gradingId))
                {
                    Add($"$.aftermath[{i}].grading", "plan.unknownGrading", gradingId);
                    continue;
                }

                foreach (var level in task.Owners.Keys.Where(k => k != "*"))
                {
                    CheckLevel(plan.GetGrading(gradingId), level, $"$.aftermath[{i}].owners.{level}");
                }

                for (var w = 0; w < task.OwnersWhen.Count; w++)
                {
                    ValidateCondition(task.OwnersWhen[w].When, $"$.aftermath[{i}].ownersWhen[{w}].when", 0);
                }
            }

            return _errors;
        }

        private void ValidateInputs()
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < plan.Inputs.Count; i++)
            {
                var input = plan.Inputs[i];
                var path = $"$.inputs[{i}]";
                Require(input.Name, path + ".name");
                if (!seen.Add(input.Name))
                {
                    Add(path + ".name", "plan.duplicate", input.Name);
                }

                if (input.Type == InputType.Enum && input.Values.Count == 0)
                {
                    Add(path + ".values", "plan.enumValues", input.Name);
                }

                if (input.SelectsTable && input.Type != InputType.Enum)
                {
                    Add(path + ".selectsTable", "plan.selectorType", input.Name);
                }

                if (input.MayBecome is { } other)
                {
                    ValidateInputNames([other], path + ".mayBecome");
                }
            }
        }

        private void ValidateGradings()
        {
            if (plan.Gradings.Count == 0)
            {
                Add("$.gradings", "plan.required", "gradings");
                return;
            }

            for (var g = 0; g < plan.Gradings.Count; g++)
            {
                var grading = plan.Gradings[g];
                var path = $"$.gradings[{g}]";
                Require(grading.Id, path + ".id");
                if (grading.Levels.Count == 0)
                {
                    Add(path + ".levels", "plan.required", "levels");
                }

                for (var c = 0; c < grading.Criteria.Count; c++)
                {
                    var criterion = grading.Criteria[c];
                    var criterionPath = $"{path}.criteria[{c}]";
                    if (grading.FindLevel(criterion.Level) is null)
                    {
                        Add(criterionPath + ".level", "plan.unknownLevel", criterion.Level, grading.Id);
                    }

                    Require(criterion.Article, criterionPath + ".article");
                    ValidateCondition(criterion.When, criterionPath + ".when", g);
                }
            }

            if (plan.Gradings.TrueForAll(x => x.Id != plan.EventGrading))
            {
                Add("$.eventGrading", "plan.unknownGrading", plan.EventGrading);
            }
        }

        private void ValidateCondition(Condition when, string path, int gradingIndex)
        {
            var forms = new object?[] { when.Input, when.All, when.Any, when.Grading, when.Always }.Count(x => x is not null);
            if (forms != 1)
            {
                Add(path, "plan.conditionForm");
                return;
            }

            if (when.All is not null || when.Any is not null)
            {
                var children = when.All ?? when.Any!;
                var name = when.All is not null ? "all" : "any";
                for (var i = 0; i < children.Count; i++)
                {
                    ValidateCondition(children[i], $"{path}.{name}[{i}]", gradingIndex);
                }

                return;
            }

            if (when.Grading is not null)
            {
                var earlier = plan.Gradings.Take(gradingIndex).FirstOrDefault(x => x.Id == when.Grading);
                if (earlier is null)
                {
                    Add(path + ".grading", "plan.gradingOrder", when.Grading);
                }
                else if (earlier.FindLevel(when.AtLeast) is null)
                {
                    Add(path + ".atLeast", "plan.unknownLevel", when.AtLeast ?? "", earlier.Id);
                }

                return;
            }

            if (when.Input is null)
            {
                return;
            }

            var input = plan.FindInput(when.Input);
            if (input is null)
            {
                Add(path + ".input", "plan.unknownInput", when.Input);
                return;
            }

            var tests = new object?[] { when.Min ?? when.Max, when.In, when.IsTrue }.Count(x => x is not null);
            if (tests != 1)
            {
                Add(path, "plan.inputTest", when.Input);
            }
            else if ((when.Min ?? when.Max) is not null && input.Type is not (InputType.Integer or InputType.Number))
            {
                Add(path, "plan.thresholdType", when.Input);
            }
            else if (when.Min is { } min && when.Max is { } max && min >= max)
            {
                Add(path + ".max", "plan.range", min, max);
            }
            else if (when.In is not null)
            {
                if (input.Type != InputType.Enum)
                {
                    Add(path + ".in", "plan.inType", when.Input);
                }
                else
                {
                    foreach (var value in when.In.Where(v => input.Values.TrueForAll(x => x.Id != v)))
                    {
                        Add(path + ".in", "plan.unknownValue", value, when.Input);
                    }
                }
            }
            else if (when.IsTrue is not null && input.Type != InputType.Boolean)
            {
                Add(path + ".isTrue", "plan.boolType", when.Input);
            }
        }

        private void ValidateReporting()
        {
            for (var i = 0; i < plan.Reporting.Count; i++)
            {
                var rule = plan.Reporting[i];
                var path = $"$.reporting[{i}]";
                Require(rule.Id, path + ".id");
                if (!TryDuration(rule.Within, out var within) || within <= TimeSpan.Zero)
                {
                    Add(path + ".within", "plan.duration", rule.Within);
                }

                for (var l = 0; l < rule.Levels.Count; l++)
                {
                    if (rule.Levels[l] != GradingResult.None)
                    {
                        CheckEventLevel(rule.Levels[l], $"{path}.levels[{l}]");
                    }
                }

                if (rule.ApprovedBy is not null)
                {
                    CheckRole(rule.ApprovedBy, path + ".approvedBy");
                }

                ValidateRoles(rule.SentBy, path + ".sentBy");
                if (rule.SupersededBy is { } other && plan.Reporting.TrueForAll(r => r.Id != other))
                {
                    Add(path + ".supersededBy", "plan.unknownDuty", other);
                }
            }
        }

        private void ValidateResponses()
        {
            for (var i = 0; i < plan.Responses.Count; i++)
            {
                var response = plan.Responses[i];
                var path = $"$.responses[{i}]";
                Require(response.Level, path + ".level");
                for (var t = 0; t < response.Triggers.Count; t++)
                {
                    CheckEventLevel(response.Triggers[t], $"{path}.triggers[{t}]");
                }

                if (!response.Automatic && response.Chain.Count == 0)
                {
                    Add(path + ".chain", "plan.chainRequired", response.Level);
                }

                for (var s = 0; s < response.Chain.Count; s++)
                {
                    CheckRole(response.Chain[s].Role, $"{path}.chain[{s}].role");
                }

                ValidateRoles(response.ProposedBy, path + ".proposedBy");
                if (response.Adjustment is { } adjustment)
                {
                    ValidateRoles(adjustment.ProposedBy, path + ".adjustment.proposedBy");
                    ValidateRoles([.. adjustment.Chain.Select(c => c.Role)], path + ".adjustment.chain");
                }
                ValidateRoles(response.Inform, path + ".inform");
                ValidateRoles(response.EndBy, path + ".endBy");
                for (var a = 0; a < response.EndRequires.Count; a++)
                {
                    if (response.Actions.TrueForAll(x => x.Id != response.EndRequires[a]))
                    {
                        Add($"{path}.endRequires[{a}]", "plan.unknownAction", response.EndRequires[a]);
                    }
                }

                if (response.EndBy.Count == 0)
                {
                    Add(path + ".endBy", "plan.required", "endBy");
                }
            }
        }

        private void ValidateInputNames(List<string> names, string path)
        {
            for (var i = 0; i < names.Count; i++)
            {
                if (plan.FindInput(names[i]) is null)
                {
                    Add($"{path}[{i}]", "plan.unknownInput", names[i]);
                }
            }
        }

        private void ValidateRoles(List<string> roles, string path)
        {
            for (var i = 0; i < roles.Count; i++)
            {
                CheckRole(roles[i], $"{path}[{i}]");
            }
        }

        private void CheckRole(string role, string path)
        {
            if (plan.FindRole(role) is null)
            {
                Add(path, "plan.unknownRole", role);
            }
        }

        private void CheckEventLevel(string level, string path)
        {
            if (plan.Gradings.Find(g => g.Id == plan.EventGrading) is { } grading)
            {
                CheckLevel(grading, level, path);
            }
        }

        private void CheckLevel(Grading grading, string level, string path)
        {
            if (grading.FindLevel(level) is null)
            {
                Add(path, "plan.unknownLevel", level, grading.Id);
            }
        }

        private void Require(string value, string path)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Add(path, "plan.required", path[(path.LastIndexOf('.') + 1)..]);
            }
        }

        private void Add(string path, string key, params object[] args) => _errors.Add((path, Text.Format(key, args)));

        private static bool TryDuration(string text, out TimeSpan duration)
        {
            try
            {
                duration = XmlConvert.ToTimeSpan(text);
                return true;
            }
            catch (FormatException)
            {
                duration = default;
                return false;
            }
        }

        private static bool TryTimeZone(string id)
        {
            try
            {
                _ = TimeZoneInfo.FindSystemTimeZoneById(id);
                return true;
            }
            catch (TimeZoneNotFoundException)
            {
                return false;
            }
            catch (InvalidTimeZoneException)
            {
                return false;
            }
        }
    }
}
