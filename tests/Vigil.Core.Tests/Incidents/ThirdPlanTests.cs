using Vigil.Core.Tests.Plans;
using Vigil.Incidents;
using static Vigil.Core.Tests.Incidents.IncidentScenario;

namespace Vigil.Core.Tests.Incidents;

/// <summary>
/// DESIGN principle 1: another city's plan, made up for this test, runs through the same code with no change:
/// its own inputs, grading, deadlines, approval chain and aftermath.
/// </summary>
public sealed class ThirdPlanTests
{
    private const string GasPlan = """
        {
          "id": "testcity-gas-2030", "version": "0.1", "timeZone": "Asia/Urumqi",
          "title": { "zh": "测试市燃气泄漏应急预案", "en": "Test City gas leak plan" },
          "roles": [
            { "id": "clerk", "name": { "zh": "值班员", "en": "Clerk" } },
            { "id": "chief", "name": { "zh": "局长", "en": "Chief" } },
            { "id": "mayor", "name": { "zh": "市长", "en": "Mayor" } }
          ],
          "inputs": [
            { "name": "households", "type": "integer", "min": 0 },
            { "name": "ignited", "type": "boolean" }
          ],
          "gradings": [ {
            "id": "leak",
            "levels": [ { "id": "red" }, { "id": "amber" } ],
            "criteria": [
              { "level": "red", "article": "§9", "when": { "any": [ { "input": "households", "min": 200 }, { "input": "ignited", "isTrue": true } ] } },
              { "level": "amber", "article": "§8", "when": { "input": "households", "min": 20, "max": 200 } }
            ]
          } ],
          "eventGrading": "leak",
          "reportContents": [ { "id": "street", "required": true } ],
          "reporting": [ { "id": "to-mayor", "article": "§12", "levels": ["red"], "anchor": "levelReached", "within": "PT25M" } ],
          "responses": [
            { "level": "R1", "triggers": ["red"], "proposedBy": ["clerk"], "chain": [ { "role": "chief", "act": "review" }, { "role": "mayor" } ], "endBy": ["mayor"] },
            { "level": "R2", "triggers": ["amber"], "proposedBy": ["clerk"], "chain": [ { "role": "chief" } ], "endBy": ["chief"] }
          ],
          "closeBy": ["chief"],
          "aftermath": [ { "id": "review", "owners": { "red": { "zh": "市政府" }, "*": { "zh": "燃气局" } } } ]
        }
        """;

    [Fact]
    public void Made_up_plan_grades_deadlines_and_chains_without_code_change()
    {
        var s = new IncidentScenario(TestPlans.LoadText(GasPlan))
            .Open("""{ "occurredAt": "正在核实中", "contents": { "street": "测试路" }, "facts": { "households": 20 } }""", role: "clerk");
        Assert.Equal("amber", s.State.EventLevel);
        Assert.Empty(s.Duties);

        s.FollowUp("""{ "facts": { "ignited": true } }""", role: "clerk");
        Assert.Equal("red", s.State.EventLevel);
        var duty = s.Duty("to-mayor");
        Assert.Equal(Start.AddMinutes(25), duty.DueAt);
        Assert.Equal(TimeSpan.FromHours(6), duty.DueLocal.Offset);

        var id = s.Propose("R1", role: "clerk");
        Assert.Equal(Vigil.Common.ProblemKind.Forbidden, s.Try(st => IncidentDecider.Approve(st, s.Plan, id, null, As("mayor"), s.Now)).Kind);
        s.Do(st => IncidentDecider.Approve(st, s.Plan, id, null, As("chief"), s.Now));
        s.Do(st => IncidentDecider.Approve(st, s.Plan, id, null, As("mayor"), s.Now));
        Assert.Equal("R1", s.State.ActiveResponse);

        s.Do(st => IncidentDecider.End(st, s.Plan, "泄漏已控制", As("mayor"), s.Now));
        Assert.Equal("市政府", Aftermath.For(s.State, s.Plan).Single().Owner!.Zh);
    }
}
