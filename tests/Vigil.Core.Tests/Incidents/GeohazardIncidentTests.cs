using Vigil.Common;
using Vigil.Core.Tests.Plans;
using Vigil.Incidents;
using Vigil.Plans;
using static Vigil.Core.Tests.Incidents.IncidentScenario;

namespace Vigil.Core.Tests.Incidents;

/// <summary>GEO-RPT and GEO-RESP on the Wuda plan.</summary>
public sealed class GeohazardIncidentTests
{
    /// <summary>GEO-RESP 5: the end is refused until the expert group's confirmation and the zone's revocation are recorded.</summary>
    private static void EndsOnlyAfterTheConditions(IncidentScenario s, string endBy)
    {
        Assert.Equal(ProblemKind.Conflict, s.Try(st => IncidentDecider.End(st, s.Plan, "x", As(endBy), s.Now)).Kind);
        s.Do(st => IncidentDecider.CompleteAction(st, s.Plan, "expert-confirmation", "专家组鉴定险情已消除", As("natural-resources-branch"), s.Now));
        s.Do(st => IncidentDecider.CompleteAction(st, s.Plan, "revoke-zone", "已撤销危险区", As("district-government"), s.Now));
        s.Do(st => IncidentDecider.End(st, s.Plan, "险情已消除", As(endBy), s.Now));
        Assert.True(s.State.Ended);
    }

    [Fact]
    public void Landslide_threat_to_600_people_is_large_and_due_in_40_minutes()
    {
        var s = Wuda("""{ "kind": "threat", "hazardType": "landslide", "relocatedPeople": 600, "potentialLossYuan": 0 }""");
        Assert.Equal("large", s.State.EventLevel);
        var fast = s.Duty("fast-report-large");
        Assert.Equal(Start.AddMinutes(40), fast.DueAt);
        Assert.Equal(["区政府", "市自然资源主管部门"], fast.Rule.To.Select(t => t.Zh));
        Assert.DoesNotContain(s.Duties, d => d.Rule.Id == "fast-report-medium-small");
        s.Now = Start.AddMinutes(40);
        Assert.Equal(DutyStatus.Pending, s.Duty("fast-report-large").Status);
        s.Now = Start.AddMinutes(40).AddSeconds(1);
        Assert.Equal(DutyStatus.Overdue, s.Duty("fast-report-large").Status);
    }

    [Fact]
    public void Disaster_with_two_deaths_and_800_thousand_loss_is_small_and_due_in_2_hours()
    {
        var s = Wuda("""{ "kind": "disaster", "deaths": 2, "missing": 0, "directLossYuan": 800000 }""");
        Assert.Equal("small", s.State.EventLevel);
        Assert.Equal(Start.AddHours(2), s.Duty("fast-report-medium-small").DueAt);
        s.Now = Start.AddHours(2);
        Assert.Equal(DutyStatus.Pending, s.Duty("fast-report-medium-small").Status);
        s.Now = Start.AddHours(2).AddSeconds(1);
        Assert.Equal(DutyStatus.Overdue, s.Duty("fast-report-medium-small").Status);
    }

    [Fact]
    public void Unit_principal_reports_within_one_hour_of_the_event()
    {
        var s = Wuda("""{ "kind": "disaster", "deaths": 0, "missing": 0, "directLossYuan": 0 }""");
        var unit = s.Duty("unit-to-hq");
        Assert.Equal(new DateTimeOffset(2026, 7, 10, 3, 30, 0, TimeSpan.FromHours(8)), unit.DueLocal);
    }

    [Fact]
    public void Unknown_level_that_could_still_be_large_owes_the_40_minute_report_not_the_two_hour_one()
    {
        var s = Wuda("""{ "hazardType": "collapse" }""");
        Assert.Equal("none", s.State.EventLevel);
        Assert.Equal(Start.AddMinutes(40), s.Duty("fast-report-large").DueAt);
        Assert.DoesNotContain(s.Duties, d => d.Rule.Id == "fast-report-medium-small");
    }

    [Fact]
    public void Report_of_5000_to_relocate_without_the_kind_grades_starts_the_response_and_ends_only_with_the_conditions()
    {
        var s = Wuda("""{ "relocatedPeople": 5000 }""");
        Assert.Equal("extra-large", s.State.EventLevel);
        Assert.Equal("kind", s.State.Grade!.Gradings[0].TableUndetermined);
        Assert.Equal("extra-large", s.State.ActiveResponse);
        EndsOnlyAfterTheConditions(s, "district-government");
    }

    [Fact]
    public void Incident_without_a_response_whose_level_is_still_open_ends_only_with_the_conditions()
    {
        var open = Wuda("""{ "hazardType": "collapse" }""");
        Assert.Null(open.State.ActiveResponse);
        EndsOnlyAfterTheConditions(open, "hq-commander");
    }

    [Fact]
    public void Disaster_report_must_state_casualties_missing_and_direct_loss_though_each_may_be_under_verification()
    {
        var scenario = new IncidentScenario(TestPlans.Get(TestPlans.Wuda));
        var refused = IncidentDecider.Open(scenario.Plan, "150304", "测试", Report(scenario.Plan, """
            { "occurredAt": "正在核实中", "contents": { "place": "某沟谷", "hazardType": "崩塌", "scale": "小", "reporterName": "监测员", "reporterPhone": "正在核实中" },
              "facts": { "kind": "disaster", "deaths": 0 } }
            """, ReportKind.Initial), As("duty-officer"), Start);
        Assert.Equal(ProblemKind.Invalid, refused.Kind);
        Assert.Equal(["report.facts.missing", "report.facts.directLossYuan"], refused.Problems.Select(p => p.Field));
        var s = Wuda("""{ "kind": "disaster", "deaths": 0, "missing": "正在核实中", "directLossYuan": "正在核实中" }""");
        Assert.Equal("small", s.State.EventLevel);
        var threat = Wuda("""{ "kind": "threat", "relocatedPeople": 10 }""");
        Assert.Equal("small", threat.State.EventLevel);
        Assert.Equal(ProblemKind.Invalid, threat.Try(st => IncidentDecider.FollowUp(st, threat.Plan, Report(threat.Plan, """{ "facts": { "kind": "disaster" } }""", ReportKind.FollowUp), As("duty-officer"), threat.Now)).Kind);
    }

    [Fact]
    public void Direct_report_to_the_region_is_optional_with_its_recipient_and_never_overdue()
    {
        var s = Wuda("""{ "kind": "threat", "relocatedPeople": 200, "potentialLossYuan": 0 }""");
        var direct = s.Duty("direct-to-region");
        Assert.Equal(["自治区自然资源厅"], direct.Rule.To.Select(t => t.Zh));
        s.Now = Start.AddHours(3);
        Assert.Equal(DutyStatus.Optional, s.Duty("direct-to-region").Status);
        Assert.False(s.Duty("direct-to-region").IsLate);
        Assert.Equal(DutyStatus.Overdue, s.Duty("fast-report-medium-small").Status);
        s.Do(st => IncidentDecider.Submit(st, s.Plan, "direct-to-region", Start.AddHours(1), null, As("natural-resources-branch"), s.Now));
        Assert.Equal(DutyStatus.Met, s.Duty("direct-to-region").Status);
    }

    [Fact]
    public void Upgrade_from_medium_to_large_starts_a_40_minute_clock_at_the_follow_up()
    {
        var s = Wuda("""{ "kind": "threat", "relocatedPeople": 200, "potentialLossYuan": 0 }""");
        Assert.Equal("medium", s.State.ActiveResponse);
        s.Now = Start.AddMinutes(30);
        s.FollowUp("""{ "facts": { "relocatedPeople": 650 } }""");
        Assert.Equal("large", s.State.EventLevel);
        Assert.Equal("large", s.State.ActiveResponse);
        Assert.Equal(Start.AddMinutes(70), s.Duty("fast-report-large").DueAt);
        Assert.Equal(Start.AddHours(2), s.Duty("fast-report-medium-small").DueAt);
    }

    [Fact]
    public void Every_level_starts_its_response_automatically_with_the_plans_command_body()
    {
        var s = Wuda("""{ "kind": "disaster", "deaths": 30, "missing": 0, "directLossYuan": 0 }""");
        Assert.Equal("extra-large", s.State.ActiveResponse);
        Assert.Contains("指挥部", s.Plan.Responses.Single(r => r.Level == "extra-large").CommandBy.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Response_ends_only_after_expert_confirmation_and_zone_revocation_by_the_district_government()
    {
        var s = Wuda("""{ "kind": "threat", "relocatedPeople": 50 }""");
        Assert.Equal(ProblemKind.Forbidden, s.Try(st => IncidentDecider.End(st, s.Plan, "x", As("leading-group"), s.Now)).Kind);
        EndsOnlyAfterTheConditions(s, "district-government");
    }

    [Fact]
    public void Plan_without_judgements_or_warnings_refuses_them()
    {
        var s = Wuda("""{ "kind": "threat", "relocatedPeople": 50 }""");
        Assert.Equal(ProblemKind.Conflict, s.Try(st => IncidentDecider.AssessWarning(st, s.Plan, "none", "x", As("district-government"), s.Now)).Kind);
        Assert.Equal(ProblemKind.Forbidden, s.Try(st => IncidentDecider.Judge(st, s.Plan, "deaths", new FactValue(FactKind.Number, 1), "x", As("district-government"), s.Now)).Kind);
    }
}
