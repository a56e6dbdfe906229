using Vigil.Common;
using Vigil.Core.Tests.Common;
using Vigil.Core.Tests.Plans;
using Vigil.Incidents;
using Vigil.Plans;
using static Vigil.Core.Tests.Incidents.IncidentScenario;

namespace Vigil.Core.Tests.Incidents;

/// <summary>SE-RPT, SE-RESP, SE-WARN, SE-POST on the Shanghai plan, driven through the decider.</summary>
public sealed class SpecialEquipmentIncidentTests
{
    [Fact]
    public void Elevator_report_is_level_IV_with_no_warning_and_an_office_director_decision()
    {
        var s = Elevator();
        Assert.Equal("IV", s.State.EventLevel);
        Assert.Equal("IV", s.State.LevelOf("accident"));
        Assert.Equal(GradingResult.None, s.State.WarningLevel);
        Assert.False(s.State.WarningAssessed);
        Assert.Null(s.State.ActiveResponse);
        var response = s.Plan.Responses.Single(r => r.Triggers.Contains("IV"));
        Assert.Equal("office-director", Assert.Single(response.Chain).Role);
        Assert.Equal(["deputy-leader"], response.Inform);
    }

    [Fact]
    public void Follow_up_with_three_deaths_keeps_both_reports_and_regrades_to_III()
    {
        var s = Elevator();
        s.Now = Start.AddHours(1);
        s.FollowUp("""{ "facts": { "deaths": 3 }, "contents": { "casualties": "3人死亡" } }""");
        Assert.Equal(2, s.State.Reports.Count);
        Assert.Equal("困4人，暂无伤亡", s.State.Reports[0].Contents["casualties"]);
        Assert.Equal("III", s.State.EventLevel);
        var graded = s.State.Events.OfType<IncidentGraded>().Last();
        Assert.Equal("IV", graded.PreviousEventLevel);
        Assert.Equal("2025.1", graded.PlanVersion);
        Assert.Contains(graded.Gradings[0].Matched, m => m.Article == "附件 III级(1)");
        Assert.Equal(["II", "III"], s.Plan.Responses.Where(r => r.Triggers.Contains("III")).Select(r => r.Level));
    }

    [Fact]
    public void Follow_up_that_does_not_mention_a_fact_keeps_it_and_verifying_does_not_withdraw_a_figure()
    {
        var s = Elevator();
        s.FollowUp("""{ "facts": { "seriousInjuries": 0 } }""");
        Assert.Equal(4m, s.State.Facts.Known("strandedPeople")!.Value.Number);
        s.FollowUp("""{ "facts": { "strandedHours": "正在核实中" } }""");
        Assert.Equal(2m, s.State.Facts.Known("strandedHours")!.Value.Number);
        Assert.Equal("IV", s.State.LevelOf("accident"));
        Assert.Equal(FactKind.Verifying, s.State.Reports[^1].Facts["strandedHours"].Kind);
    }

    [Fact]
    public void Verifying_keeps_the_reported_level_and_only_a_new_figure_lowers_it_as_a_recorded_lowering()
    {
        var s = Elevator();
        s.FollowUp("""{ "facts": { "deaths": 3 } }""");
        s.FollowUp("""{ "facts": { "deaths": "正在核实中" } }""");
        Assert.Equal("III", s.State.EventLevel);
        s.FollowUp("""{ "facts": { "deaths": 2 } }""");
        Assert.Equal("IV", s.State.EventLevel);
        var lowered = s.State.Events.OfType<IncidentGraded>().Last();
        Assert.Equal("III", lowered.PreviousEventLevel);
        Assert.Contains(s.Duties, d => d.Rule.Id == "city-to-samr");
    }

    [Fact]
    public void Level_IV_duties_run_from_occurrence_and_receipt()
    {
        var s = Elevator();
        var unit = s.Duty("unit-to-regulator");
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 2, 0, 0, TimeSpan.FromHours(8)), unit.DueLocal);
        Assert.Equal(TimeSpan.FromHours(8), unit.DueLocal.Offset);
        Assert.Equal(DutyStatus.Overdue, unit.Status);
        var upward = s.Duty("district-to-city");
        Assert.Equal(Start.AddHours(2), upward.DueAt);
        Assert.DoesNotContain(s.Duties, d => d.Rule.Id == "city-to-samr");
    }

    [Fact]
    public void Two_hour_duty_is_pending_at_the_deadline_and_overdue_one_tick_after()
    {
        var s = Elevator();
        s.Now = Start.AddHours(2);
        Assert.Equal(DutyStatus.Pending, s.Duty("district-to-city").Status);
        s.Now = Start.AddHours(2).AddTicks(1);
        Assert.Equal(DutyStatus.Overdue, s.Duty("district-to-city").Status);
        Assert.True(s.Duty("district-to-city").IsLate);
    }

    [Fact]
    public void Report_sent_at_the_deadline_is_met_and_a_second_later_is_late()
    {
        var onTime = Elevator();
        onTime.Now = Start.AddHours(3);
        onTime.Do(st => IncidentDecider.Submit(st, onTime.Plan, "district-to-city", Start.AddHours(2), null, As("district-bureau"), onTime.Now));
        Assert.Equal(DutyStatus.Met, onTime.Duty("district-to-city").Status);

        var late = Elevator();
        late.Now = Start.AddHours(3);
        late.Do(st => IncidentDecider.Submit(st, late.Plan, "district-to-city", Start.AddHours(2).AddSeconds(1), null, As("district-bureau"), late.Now));
        Assert.Equal(DutyStatus.MetLate, late.Duty("district-to-city").Status);
    }

    [Fact]
    public void Regrading_to_III_starts_the_SAMR_chain_from_the_follow_up()
    {
        var s = Elevator();
        s.Now = Start.AddHours(1);
        s.FollowUp("""{ "facts": { "deaths": 3 } }""");
        var samr = s.Duty("city-to-samr");
        Assert.Equal(Start.AddHours(1), samr.AnchorAt);
        Assert.Equal(Start.AddHours(3), samr.DueAt);
        Assert.Equal("leader", samr.Rule.ApprovedBy);
        Assert.Equal(["市场监管总局", "市政府总值班室"], samr.Rule.To.Select(t => t.Zh));
    }

    [Fact]
    public void Duty_once_triggered_stays_when_the_level_drops()
    {
        var s = Elevator();
        s.FollowUp("""{ "facts": { "deaths": 3 } }""");
        s.FollowUp("""{ "facts": { "deaths": 2 } }""");
        Assert.Equal("IV", s.State.EventLevel);
        Assert.Contains(s.Duties, d => d.Rule.Id == "city-to-samr");
    }

    [Fact]
    public void IV_response_is_decided_by_the_office_director()
    {
        var s = Elevator();
        var id = s.Propose("IV");
        s.Do(st => IncidentDecider.Approve(st, s.Plan, id, "同意", As("office-director"), s.Now));
        Assert.Equal("IV", s.State.ActiveResponse);
    }

    [Fact]
    public void III_response_needs_the_office_director_then_the_deputy_leader()
    {
        var s = Elevator();
        s.FollowUp("""{ "facts": { "deaths": 3 } }""");
        var id = s.Propose("III");
        using var _ = new CultureScope("en-US");
        var wrong = s.Try(st => IncidentDecider.Approve(st, s.Plan, id, null, As("deputy-leader"), s.Now));
        Assert.Equal(ProblemKind.Forbidden, wrong.Kind);
        Assert.Contains("Director of the leading-group office", wrong.Problems[0].Message, StringComparison.Ordinal);
        s.Do(st => IncidentDecider.Approve(st, s.Plan, id, null, As("office-director"), s.Now));
        Assert.Null(s.State.ActiveResponse);
        s.Do(st => IncidentDecider.Approve(st, s.Plan, id, null, As("deputy-leader"), s.Now));
        Assert.Equal("III", s.State.ActiveResponse);
    }

    [Fact]
    public void II_response_needs_the_deputy_leader_then_the_leader()
    {
        var s = Elevator();
        s.FollowUp("""{ "facts": { "deaths": 3 } }""");
        var id = s.Propose("II");
        Assert.Equal(ProblemKind.Forbidden, s.Try(st => IncidentDecider.Approve(st, s.Plan, id, null, As("leader"), s.Now)).Kind);
        s.Do(st => IncidentDecider.Approve(st, s.Plan, id, null, As("deputy-leader"), s.Now));
        Assert.Equal(ProblemKind.Forbidden, s.Try(st => IncidentDecider.Approve(st, s.Plan, id, null, As("deputy-leader"), s.Now)).Kind);
        s.Do(st => IncidentDecider.Approve(st, s.Plan, id, null, As("leader"), s.Now));
        Assert.Equal("II", s.State.ActiveResponse);
    }

    [Fact]
    public void Level_I_or_II_event_starts_the_I_response_automatically()
    {
        var s = Elevator();
        s.FollowUp("""{ "facts": { "deaths": 10 } }""");
        Assert.Equal("II", s.State.EventLevel);
        Assert.Equal("I", s.State.ActiveResponse);
        var started = s.State.Events.OfType<ResponseStarted>().Single();
        Assert.Equal(Actor.PlanRole, started.By.Role);
        Assert.Contains("4.2.3.1", started.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejected_proposal_ends_and_changes_no_response()
    {
        var s = Elevator();
        var id = s.Propose("IV");
        Assert.Equal(ProblemKind.Invalid, s.Try(st => IncidentDecider.Reject(st, s.Plan, id, null, As("office-director"), s.Now)).Kind);
        s.Do(st => IncidentDecider.Reject(st, s.Plan, id, "暂不需要", As("office-director"), s.Now));
        Assert.Equal(ProposalStatus.Rejected, s.State.FindProposal(id)!.Status);
        Assert.Null(s.State.ActiveResponse);
        Assert.Equal(ProblemKind.Conflict, s.Try(st => IncidentDecider.Approve(st, s.Plan, id, null, As("office-director"), s.Now)).Kind);
    }

    [Fact]
    public void Response_not_matching_the_level_is_refused_until_a_response_runs_then_it_is_an_adjustment()
    {
        var s = Elevator();
        Assert.Equal(ProblemKind.Conflict, s.Try(st => IncidentDecider.Propose(st, s.Plan, "III", "x", As("leading-group-office"), s.Now)).Kind);
        var id = s.Propose("IV");
        s.Do(st => IncidentDecider.Approve(st, s.Plan, id, null, As("office-director"), s.Now));
        Assert.Equal(ProblemKind.Invalid, s.Try(st => IncidentDecider.Propose(st, s.Plan, "III", null, As("leading-group-office"), s.Now)).Kind);
        var raise = s.Propose("III", reason: "事态扩大，难以控制");
        Assert.True(s.State.FindProposal(raise)!.IsAdjustment);
        s.Do(st => IncidentDecider.Approve(st, s.Plan, raise, null, As("office-director"), s.Now));
        s.Do(st => IncidentDecider.Approve(st, s.Plan, raise, null, As("deputy-leader"), s.Now));
        Assert.Equal("III", s.State.ActiveResponse);
        Assert.Equal("IV", s.State.Events.OfType<ResponseStarted>().Last().PreviousLevel);
    }

    [Fact]
    public void Proposer_outside_the_plan_is_forbidden() =>
        Assert.Equal(ProblemKind.Forbidden, Elevator().Try(st =>
            IncidentDecider.Propose(st, TestPlans.Get(TestPlans.Shanghai), "IV", null, As("auditor"), Start)).Kind);

    [Fact]
    public void Social_impact_is_a_recorded_judgement_that_raises_the_emergency_level()
    {
        var s = Elevator();
        Assert.Equal(ProblemKind.Forbidden, s.Try(st => IncidentDecider.Judge(st, s.Plan, "socialImpact", new FactValue(FactKind.Text, Text: "some"), "舆情", As("duty-officer"), s.Now)).Kind);
        Assert.Equal(ProblemKind.Invalid, s.Try(st => IncidentDecider.Judge(st, s.Plan, "socialImpact", new FactValue(FactKind.Text, Text: "some"), " ", As("office-director"), s.Now)).Kind);
        s.Do(st => IncidentDecider.Judge(st, s.Plan, "socialImpact", new FactValue(FactKind.Text, Text: "some"), "网络舆情发酵", As("office-director"), s.Now));
        Assert.Equal("III", s.State.EventLevel);
        Assert.Equal("IV", s.State.LevelOf("accident"));
        var judgement = s.State.Events.OfType<JudgementRecorded>().Single();
        Assert.Equal("网络舆情发酵", judgement.Reason);
        Assert.Equal("office-director", judgement.By.Role);
    }

    [Fact]
    public void Social_impact_in_a_report_is_refused()
    {
        using var document = System.Text.Json.JsonDocument.Parse("""{ "facts": { "socialImpact": "large" } }""");
        var outcome = ReportInput.Parse(TestPlans.Get(TestPlans.Shanghai), document.RootElement, ReportKind.FollowUp);
        Assert.Equal("facts.socialImpact", outcome.Problems.Single().Field);
    }

    [Fact]
    public void Warning_assessment_is_explicit_and_checked()
    {
        var s = Elevator();
        Assert.Equal(ProblemKind.Invalid, s.Try(st => IncidentDecider.AssessWarning(st, s.Plan, "V", "x", As("office-director"), s.Now)).Kind);
        s.Do(st => IncidentDecider.AssessWarning(st, s.Plan, "III", "可能引发次生事故", As("office-director"), s.Now));
        Assert.Equal("III", s.State.WarningLevel);
    }

    [Fact]
    public void End_needs_the_response_end_role_and_then_aftermath_names_owners_by_level()
    {
        var s = Elevator();
        s.FollowUp("""{ "facts": { "deaths": 3 } }""");
        var id = s.Propose("III");
        s.Do(st => IncidentDecider.Approve(st, s.Plan, id, null, As("office-director"), s.Now));
        s.Do(st => IncidentDecider.Approve(st, s.Plan, id, null, As("deputy-leader"), s.Now));
        Assert.Equal(ProblemKind.Forbidden, s.Try(st => IncidentDecider.End(st, s.Plan, "处置完毕", As("office-director"), s.Now)).Kind);
        Assert.Equal(ProblemKind.Conflict, s.Try(st => IncidentDecider.CompleteAftermath(st, s.Plan, "evaluation", "x", As("office-director"), s.Now)).Kind);
        s.Do(st => IncidentDecider.End(st, s.Plan, "危险因素消除", As("deputy-leader"), s.Now));
        var items = Aftermath.For(s.State, s.Plan);
        Assert.Equal("市局特种处", items.Single(i => i.Task.Id == "investigation").Owner!.Zh);
        Assert.Equal("市局会同有关部门", items.Single(i => i.Task.Id == "publication").Owner!.Zh);
        s.Do(st => IncidentDecider.CompleteAftermath(st, s.Plan, "evaluation", "已完成自我评估", As("office-director"), s.Now));
        Assert.True(Aftermath.For(s.State, s.Plan).Single(i => i.Task.Id == "evaluation").Done);
    }

    [Fact]
    public void Investigation_owner_follows_the_accident_level_and_publication_the_emergency_level()
    {
        var s = Elevator();
        s.Do(st => IncidentDecider.Judge(st, s.Plan, "socialImpact", new FactValue(FactKind.Text, Text: "large"), "舆论持续发酵", As("leader"), s.Now));
        Assert.Equal("II", s.State.EventLevel);
        s.Do(st => IncidentDecider.End(st, s.Plan, "结束", As("leading-group"), s.Now));
        var items = Aftermath.For(s.State, s.Plan);
        Assert.Equal("事发地区市场监管局", items.Single(i => i.Task.Id == "investigation").Owner!.Zh);
        Assert.StartsWith("市政府新闻办", items.Single(i => i.Task.Id == "publication").Owner!.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Ended_incident_refuses_follow_ups_30_days_after_the_accident_and_changes_nothing()
    {
        var s = Elevator();
        s.Do(st => IncidentDecider.End(st, s.Plan, "已解救", As("office-director"), s.Now));
        var count = s.State.Events.Count;
        s.Now = new DateTimeOffset(2026, 12, 22, 1, 0, 1, TimeSpan.FromHours(8));
        var outcome = s.Try(st => IncidentDecider.FollowUp(st, s.Plan, Report(s.Plan, """{ "facts": { "deaths": 1 } }""", ReportKind.FollowUp), As("duty-officer"), s.Now));
        Assert.Equal(ProblemKind.Conflict, outcome.Kind);
        Assert.Equal(count, s.State.Events.Count);
    }

    [Fact]
    public void Casualty_change_within_30_days_after_the_end_regrades_without_reopening()
    {
        var s = Elevator();
        s.Do(st => IncidentDecider.End(st, s.Plan, "已解救", As("office-director"), s.Now));
        s.Now = new DateTimeOffset(2026, 12, 22, 1, 0, 0, TimeSpan.FromHours(8));
        s.FollowUp("""{ "facts": { "deaths": 10 }, "contents": { "casualties": "伤者经抢救无效，累计死亡10人" } }""");
        Assert.Equal("II", s.State.EventLevel);
        Assert.True(s.State.Ended);
        Assert.Null(s.State.ActiveResponse);
        Assert.DoesNotContain(s.State.Events, e => e is ResponseStarted);
        Assert.Contains(s.Duties, d => d.Rule.Id == "city-to-samr");
        Assert.Equal("上级部门组织，市局配合", Aftermath.For(s.State, s.Plan).Single(i => i.Task.Id == "investigation").Owner!.Zh);
        Assert.Equal(ProblemKind.Conflict, s.Try(st => IncidentDecider.Propose(st, s.Plan, "I", "x", As("leading-group-office"), s.Now)).Kind);
    }

    [Fact]
    public void Closing_without_a_response_needs_a_close_role() =>
        Assert.Equal(ProblemKind.Forbidden, Elevator().Try(st =>
            IncidentDecider.End(st, TestPlans.Get(TestPlans.Shanghai), "x", As("duty-officer"), Start)).Kind);

    [Fact]
    public void Action_checklist_items_are_ticked_once()
    {
        var s = Elevator();
        var id = s.Propose("IV");
        s.Do(st => IncidentDecider.Approve(st, s.Plan, id, null, As("office-director"), s.Now));
        s.Do(st => IncidentDecider.CompleteAction(st, s.Plan, "to-site", "专家已到场", As("duty-officer"), s.Now));
        Assert.True(s.State.IsActionDone("IV", "to-site"));
        Assert.Equal(ProblemKind.Conflict, s.Try(st => IncidentDecider.CompleteAction(st, s.Plan, "to-site", null, As("duty-officer"), s.Now)).Kind);
        Assert.Equal(ProblemKind.NotFound, s.Try(st => IncidentDecider.CompleteAction(st, s.Plan, "fly", null, As("duty-officer"), s.Now)).Kind);
    }

    [Fact]
    public void Deciding_never_changes_the_state_it_was_given()
    {
        var s = Elevator();
        var before = s.State.Events.Count;
        var outcome = IncidentDecider.FollowUp(s.State, s.Plan, Report(s.Plan, """{ "facts": { "deaths": 3 } }""", ReportKind.FollowUp), As("duty-officer"), s.Now);
        Assert.True(outcome.IsSuccess);
        Assert.Equal(before, s.State.Events.Count);
        Assert.Equal("IV", s.State.EventLevel);
    }
}
