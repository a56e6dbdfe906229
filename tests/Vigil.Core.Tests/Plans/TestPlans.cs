using System.Text;
using System.Text.Json;
using Vigil.Plans;

namespace Vigil.Core.Tests.Plans;

/// <summary>The repository's plan files, loaded once, and helpers to grade JSON cases against them.</summary>
internal static class TestPlans
{
    public const string Shanghai = "shanghai-special-equipment-2025";
    public const string Wuda = "wuda-geohazard";

    private static readonly Dictionary<string, PlanDefinition> Cache = [];

    public static PlanDefinition Get(string id)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(id, out var plan))
            {
                var file = Path.Combine(AppContext.BaseDirectory, "plans", id + ".json");
                plan = PlanLoader.Load(file, File.ReadAllBytes(file)).Value;
                Cache[id] = plan;
            }

            return plan;
        }
    }

    public static PlanDefinition LoadText(string json) => PlanLoader.Load("test.json", Encoding.UTF8.GetBytes(json)).Value;

    public static FactSet Facts(PlanDefinition plan, string json)
    {
        using var document = JsonDocument.Parse(json);
        return FactSet.Parse(plan, document.RootElement).Value;
    }

    public static PlanGrade Grade(string planId, string json)
    {
        var plan = Get(planId);
        return Grader.Grade(plan, Facts(plan, json));
    }
}
