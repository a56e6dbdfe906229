using System.Text;
using Vigil.Core.Tests.Common;
using Vigil.Plans;

namespace Vigil.Core.Tests.Plans;

public sealed class PlanLoaderTests
{
    private static string Error(string json)
    {
        using var _ = new CultureScope("en-US");
        var outcome = PlanLoader.Load("broken.json", Encoding.UTF8.GetBytes(json));
        Assert.False(outcome.IsSuccess);
        return outcome.Problems[0].Message;
    }

    [Fact]
    public void Both_repository_plans_load()
    {
        Assert.Equal("2025.1", TestPlans.Get(TestPlans.Shanghai).Version);
        Assert.Equal("hazard", TestPlans.Get(TestPlans.Wuda).EventGrading);
    }

    [Fact]
    public void Syntax_error_names_file_line_and_column()
    {
        var message = Error("{\n  \"id\": \"x\",\n  \"version\": 1.0.0\n}");
        Assert.StartsWith("broken.json:3:", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_property_is_refused_with_its_path()
    {
        var message = Error("""{ "id": "x", "verison": "1" }""");
        Assert.Contains("verison", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Criterion_citing_an_undeclared_input_names_the_line_and_the_input()
    {
        var json = MinimalPlan.Replace("\"input\": \"deaths\"", "\"input\": \"death\"", StringComparison.Ordinal);
        var message = Error(json);
        Assert.Contains("death", message, StringComparison.Ordinal);
        Assert.Contains("$.gradings[0].criteria[0].when.input", message, StringComparison.Ordinal);
        var line = json.Split('\n').ToList().FindIndex(l => l.Contains("\"death\"", StringComparison.Ordinal)) + 1;
        Assert.StartsWith($"broken.json:{line}:", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Criterion_of_an_undeclared_level_is_refused()
    {
        var message = Error(MinimalPlan.Replace("\"level\": \"A\"", "\"level\": \"Z\"", StringComparison.Ordinal));
        Assert.Contains("$.gradings[0].criteria[0].level", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reversed_range_is_refused() =>
        Assert.Contains("min 5", Error(MinimalPlan.Replace("\"min\": 1", "\"min\": 5, \"max\": 2", StringComparison.Ordinal)), StringComparison.Ordinal);

    [Fact]
    public void Malformed_duration_is_refused() =>
        Assert.Contains("$.reporting[0].within", Error(MinimalPlan.Replace("PT1H", "one hour", StringComparison.Ordinal)), StringComparison.Ordinal);

    [Fact]
    public void Chain_naming_an_undeclared_role_is_refused() =>
        Assert.Contains("chief", Error(MinimalPlan.Replace("\"role\": \"boss\"", "\"role\": \"chief\"", StringComparison.Ordinal)), StringComparison.Ordinal);

    [Fact]
    public void Unknown_time_zone_is_refused() =>
        Assert.Contains("Mars/Olympus", Error(MinimalPlan.Replace("Asia/Shanghai", "Mars/Olympus", StringComparison.Ordinal)), StringComparison.Ordinal);

    [Fact]
    public void Minimal_plan_is_valid() => Assert.Equal("mini", TestPlans.LoadText(MinimalPlan).Id);

    internal const string MinimalPlan = """
        {
          "id": "mini",
          "version": "1",
          "timeZone": "Asia/Shanghai",
          "roles": [ { "id": "boss", "name": { "zh": "负责人", "en": "Boss" } } ],
          "inputs": [ { "name": "deaths", "type": "integer", "min": 0 } ],
          "gradings": [
            {
              "id": "g",
              "levels": [ { "id": "A" }, { "id": "B" } ],
              "criteria": [
                { "level": "A", "article": "1", "when": { "input": "deaths", "min": 1 } }
              ]
            }
          ],
          "eventGrading": "g",
          "reporting": [ { "id": "r", "article": "2", "anchor": "received", "within": "PT1H" } ],
          "responses": [ { "level": "A", "triggers": ["A"], "chain": [ { "role": "boss" } ], "endBy": ["boss"] } ]
        }
        """;
}
