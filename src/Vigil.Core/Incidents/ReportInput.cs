using System.Globalization;
using System.Text.Json;
using Vigil.Common;
using Vigil.Plans;

namespace Vigil.Incidents;

/// <summary>A report as a user submits it, checked against the plan (SE-RPT 4.1.2–4.1.4, GEO-RPT 3.3.2).</summary>
public sealed record ReportInput(
    DateTimeOffset? ReceivedAt,
    DateTimeOffset? OccurredAt,
    IReadOnlyDictionary<string, string> Contents,
    FactSet Facts)
{
    /// <summary>Longest text accepted for one report section.</summary>
    public const int MaxSectionLength = 4000;

    internal static readonly TextCatalog Text = new("Vigil.Incidents.IncidentMessages", typeof(ReportInput).Assembly);

    /// <summary>
    /// Reads <c>{"receivedAt", "occurredAt", "contents": {...}, "facts": {...}}</c>. Times are ISO 8601; a time without
    /// an offset is local time in the plan's zone. <c>occurredAt</c> may be "正在核实中". Every problem names its field.
    /// </summary>
    public static Outcome<ReportInput> Parse(PlanDefinition plan, JsonElement json, ReportKind kind, string prefix = "")
    {
        var problems = new List<Problem>();
        if (json.ValueKind != JsonValueKind.Object)
        {
            return Outcome<ReportInput>.Failure(ProblemKind.Invalid, Problem(prefix.TrimEnd('.') is { Length: > 0 } p ? p : "$", "report.object"));
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(plan.TimeZone);
        DateTimeOffset? received = null, occurred = null;
        var contents = new Dictionary<string, string>(StringComparer.Ordinal);
        var facts = FactSet.Empty;
        foreach (var property in json.EnumerateObject())
        {
            var field = prefix + property.Name;
            switch (property.Name)
            {
                case "receivedAt":
                    received = ParseTime(property.Value, field, zone, allowVerifying: false, problems);
                    break;
                case "occurredAt":
                    occurred = ParseTime(property.Value, field, zone, allowVerifying: true, problems);
                    break;
                case "contents":
                    ParseContents(plan, property.Value, field, contents, problems);
                    break;
                case "facts":
                    var parsed = FactSet.Parse(plan, property.Value, field + ".");
                    if (parsed.IsSuccess)
                    {
                        facts = parsed.Value;
                        foreach (var judged in plan.Inputs.Where(i => i.Judgement && facts.Values.ContainsKey(i.Name)))
                        {
                            problems.Add(Problem($"{field}.{judged.Name}", "report.judgementInput", judged.Name));
                        }
                    }
                    else
                    {
                        problems.AddRange(parsed.Problems);
                    }

                    break;
                default:
                    problems.Add(Problem(field, "report.unknownField", property.Name));
                    break;
            }
        }

        if (kind == ReportKind.Initial)
        {
            if (!json.TryGetProperty("occurredAt", out _))
            {
                problems.Add(Problem(prefix + "occurredAt", "report.required", "occurredAt"));
            }

            foreach (var section in plan.ReportContents.Where(s => s.Required && !contents.ContainsKey(s.Id)))
            {
                problems.Add(Problem($"{prefix}contents.{section.Id}", "report.sectionRequired", section.Label.ToString(), section.Article));
            }
        }

        if (received is { } r && occurred is { } o && o > r)
        {
            problems.Add(Problem(prefix + "occurredAt", "report.occurredAfterReceived"));
        }

        return problems.Count == 0
            ? new ReportInput(received, occurred, contents, facts)
            : Outcome<ReportInput>.Failure(ProblemKind.Invalid, problems);
    }

    internal static Problem Problem(string field, string code, params object[] args) =>
        new(field, code, Text.Format(code, [field, .. args]));

    private static void ParseContents(PlanDefinition plan, JsonElement json, string field, Dictionary<string, string> contents, List<Problem> problems)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            problems.Add(Problem(field, "report.object"));
            return;
        }

        foreach (var section in json.EnumerateObject())
        {
            var path = $"{field}.{section.Name}";
            if (plan.ReportContents.TrueForAll(s => s.Id != section.Name))
            {
                problems.Add(Problem(path, "report.unknownSection", string.Join(", ", plan.ReportContents.Select(s => s.Id))));
            }
            else if (section.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(section.Value.GetString()))
            {
                problems.Add(Problem(path, "report.sectionText"));
            }
            else if (section.Value.GetString()!.Length > MaxSectionLength)
            {
                problems.Add(Problem(path, "report.sectionLength", MaxSectionLength));
            }
            else
            {
                contents[section.Name] = section.Value.GetString()!.Trim();
            }
        }
    }

    private static DateTimeOffset? ParseTime(JsonElement value, string field, TimeZoneInfo zone, bool allowVerifying, List<Problem> problems)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
        if (allowVerifying && (text == FactValue.VerifyingText || value.ValueKind == JsonValueKind.Null))
        {
            return null;
        }

        if (text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset)
            && HasOffset(text))
        {
            return withOffset;
        }

        if (text is not null && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
        }

        problems.Add(Problem(field, allowVerifying ? "report.timeOrVerifying" : "report.time", text ?? value.ToString()));
        return null;
    }

    private static bool HasOffset(string text)
    {
        var t = text.IndexOf('T', StringComparison.Ordinal);
        var time = t >= 0 ? text[t..] : text;
        return time.EndsWith('Z') || time.Contains('+', StringComparison.Ordinal) || time.LastIndexOf('-') > 0;
    }
}
