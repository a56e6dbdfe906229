using Vigil.Core.Tests.Plans;
using Vigil.Incidents;

namespace Vigil.Core.Tests.Incidents;

/// <summary>SE-RPT and GEO-RPT: every reporting duty of both plans, on both sides of its deadline.</summary>
public sealed class EveryDeadlineTests
{
    private static readonly TimeSpan OccurredBefore = TimeSpan.FromMinutes(30);

    [Theory]
    [InlineData(TestPlans.Shanghai, "unit-to-regulator", """{ "deaths": 3 }""", 60, "occurred")]
    [InlineData(TestPlans.Shanghai, "district-to-city", """{ "deaths": 3 }""", 120, "received")]
    [InlineData(TestPlans.Shanghai, "city-to-samr", """{ "deaths": 3 }""", 120, "received")]
    [InlineData(TestPlans.Wuda, "unit-to-hq", """{ "kind": "disaster", "deaths": 1, "missing": 0, "directLossYuan": 0 }""", 60, "occurred")]
    [InlineData(TestPlans.Wuda, "fast-report-large", """{ "kind": "threat", "relocatedPeople": 500, "potentialLossYuan": 0 }""", 40, "received")]
    [InlineData(TestPlans.Wuda, "fast-report-large", """{ "kind": "disaster", "deaths": 30, "missing": 0, "directLossYuan": "正在核实中" }""", 40, "received")]
    [InlineData(TestPlans.Wuda, "fast-report-medium-small", """{ "kind": "threat", "relocatedPeople": 499, "potentialLossYuan": 0 }""", 120, "received")]
    [InlineData(TestPlans.Wuda, "fast-report-medium-small", """{ "kind": "disaster", "deaths": 0, "missing": 0, "directLossYuan": 0 }""", 120, "received")]
    [InlineData(TestPlans.Wuda, "fast-report-large", """{ "kind": "threat", "relocatedPeople": 120 }""", 40, "received")]
    [InlineData(TestPlans.Wuda, "fast-report-large", """{ "relocatedPeople": 50 }""", 40, "received")]
    [InlineData(TestPlans.Wuda, "fast-report-large", """{ "kind": "disaster", "deaths": 5, "missing": 5, "directLossYuan": 0 }""", 40, "received")]
    public void Duty_is_pending_at_its_deadline_and_overdue_a_second_later(string planId, string dutyId, string facts, int minutes, string from)
    {
        var occurred = IncidentScenario.Start - OccurredBefore;
        var s = new IncidentScenario(TestPlans.Get(planId));
        var contents = string.Join(", ", s.Plan.ReportContents.Where(c => c.Required).Select(c => $"\"{c.Id}\": \"正在核实中\""));
        s.Open($$"""{ "occurredAt": "{{occurred:yyyy-MM-ddTHH:mm:sszzz}}", "receivedAt": "{{IncidentScenario.Start:yyyy-MM-ddTHH:mm:sszzz}}", "contents": { {{contents}} }, "facts": {{facts}} }""");
        var due = (from == "occurred" ? occurred : IncidentScenario.Start).AddMinutes(minutes);
        Assert.Equal(due, s.Duty(dutyId).DueAt);

        s.Now = due;
        Assert.Equal(DutyStatus.Pending, s.Duty(dutyId).Status);
        s.Now = due.AddSeconds(1);
        Assert.Equal(DutyStatus.Overdue, s.Duty(dutyId).Status);
    }

    [Theory]
    [InlineData(TestPlans.Shanghai, "city-to-samr", """{ "deaths": 2 }""")]
    [InlineData(TestPlans.Wuda, "fast-report-large", """{ "kind": "threat", "relocatedPeople": 499, "potentialLossYuan": 0 }""")]
    [InlineData(TestPlans.Wuda, "fast-report-large", """{ "kind": "disaster", "deaths": 5, "missing": 4, "directLossYuan": 0 }""")]
    [InlineData(TestPlans.Wuda, "fast-report-medium-small", """{ "kind": "threat", "relocatedPeople": 500 }""")]
    [InlineData(TestPlans.Wuda, "fast-report-medium-small", """{ "kind": "threat", "relocatedPeople": 120 }""")]
    public void Duty_of_other_levels_is_not_triggered(string planId, string dutyId, string facts)
    {
        var s = new IncidentScenario(TestPlans.Get(planId));
        var contents = string.Join(", ", s.Plan.ReportContents.Where(c => c.Required).Select(c => $"\"{c.Id}\": \"正在核实中\""));
        s.Open($$"""{ "occurredAt": "正在核实中", "contents": { {{contents}} }, "facts": {{facts}} }""");
        Assert.DoesNotContain(s.Duties, d => d.Rule.Id == dutyId);
    }
}
