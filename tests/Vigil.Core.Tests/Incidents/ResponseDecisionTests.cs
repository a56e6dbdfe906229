using Vigil.Common;
using Vigil.Core.Tests.Plans;
using Vigil.Incidents;
using static Vigil.Core.Tests.Incidents.IncidentScenario;

namespace Vigil.Core.Tests.Incidents;

/// <summary>
/// SE-RESP 4.2.4 and GEO-RESP: response levels adjusted by recorded decisions; SE-RPT 4.1.1(2): the leader's consent
/// before the report to SAMR, sent only by the city office duty room; SE-RESP 4.2.3: who proposes (issue 15 items 1–4, 8).
/// </summary>
public sealed class ResponseDecisionTests
{
    /// <summary>A II event: the plan starts the I response; the leaders lower it to II through the II chain.</summary>
    private static IncidentScenario LoweredToII()
    {
        var s = Elevator();
        s.FollowUp("""{ "facts": { "deaths": 10 } }""");
        Assert.Equal("I", s.State.ActiveResponse);
        var id = s.Propose("II", reason: "危害已减缓，不会进一步扩散");
        s.Do(st => IncidentDecider.Approve(st, s.Plan, id, null, As("deputy-leader"), s.Now));
        s.Do(st => IncidentDecider.Approve(st, s.Plan, id, "同意降为Ⅱ级响应", As("leader"), s.Now));
        Assert.Equal("II", s.State.ActiveResponse);
        return s;
    }

    [Fact]
    public void Lowered_response_stands_when_a_follow_up_only_adds_text_or_the_same_level()
    {
        var s = LoweredToII();
        s.FollowUp("""{ "contents": { "other": "现场秩序良好" } }""");
        s.FollowUp("""{ "facts": { "deaths": 12 } }""");
        Assert.Equal("II", s.State.EventLevel);
        Assert.Equal("II", s.State.ActiveResponse);
    }

    [Fact]
    public void Lowered_response_is_raised_again_when_the_facts_make_the_event_worse_than_at_the_lowering()
    {
        var s = LoweredToII();
        s.FollowUp("""{ "facts": { "deaths": 30 } }""");
        Assert.Equal("I", s.State.EventLevel);
        Assert.Equal("I", s.State.ActiveResponse);
        Assert.Null(s.State.Events.OfType<ResponseStarted>().Last().ProposalId);
    }

    [Fact]
    public void Running_III_response_is_raised_to_I_by_a_decision_the_leader_approves()
    {
        var s = Elevator();
        s.FollowUp("""{ "facts": { "deaths": 3 } }""");
        var iii = s.Propose("III");
        s.Do(st => IncidentDecider.Approve(st, s.Plan, iii, null, As("office-director"), s.Now));
        s.Do(st => IncidentDecider.Approve(st, s.Plan, iii, null, As("deputy-leader"), s.Now));
        Assert.Equal(ProblemKind.Invalid, s.Try(st => IncidentDecider.Propose(st, s.Plan, "I", null, As("leading-group-office"), s.Now)).Kind);
        var raise = s.Propose("I", reason: "事态扩展，情况复杂难以控制");
        Assert.Equal(ProblemKind.Forbidden, s.Try(st => IncidentDecider.Approve(st, s.Plan, raise, null, As("deputy-leader"), s.Now)).Kind);
        Assert.Equal("III", s.State.ActiveResponse);
        s.Do(st => IncidentDecider.Approve(st, s.Plan, raise, "同意提升", As("leader"), s.Now));
        Assert.Equal("I", s.State.ActiveResponse);
        Assert.Equal("III", s.State.Events.OfType<ResponseStarted>().Last().PreviousLevel);
    }

    [Fact]
    public void Automatic_I_response_is_still_not_proposed_when_nothing_runs() =>
        Assert.Equal(ProblemKind.Conflict, Elevator().Try(st =>
            IncidentDecider.Propose(st, TestPlans.Get(TestPlans.Shanghai), "I", "x", As("leading-group-office"), Start)).Kind);

    [Fact]
    public void Wuda_response_is_lowered_by_the_district_commander_and_the_lowering_stands()
    {
        var s = Wuda("""{ "kind": "threat", "relocatedPeople": 600, "potentialLossYuan": 0 }""");
        Assert.Equal("large", s.State.ActiveResponse);
        var id = s.Propose("medium", role: "leading-group", reason: "险情已得到初步控制");
        Assert.Equal(ProblemKind.Forbidden, s.Try(st => IncidentDecider.Approve(st, s.Plan, id, null, As("district-government"), s.Now)).Kind);
        s.Do(st => IncidentDecider.Approve(st, s.Plan, id, "同意", As("hq-commander"), s.Now));
        Assert.Equal("medium", s.State.ActiveResponse);
        s.FollowUp("""{ "facts": { "relocatedPeople": 700 } }""");
        Assert.Equal("medium", s.State.ActiveResponse);
        s.FollowUp("""{ "facts": { "relocatedPeople": 1000 } }""");
        Assert.Equal("extra-large", s.State.ActiveResponse);
    }

    [Fact]
    public void SAMR_report_needs_the_leaders_consent_first_and_only_the_city_duty_room_marks_it_sent()
    {
        var s = Elevator();
        s.FollowUp("""{ "facts": { "deaths": 3 } }""");
        Assert.Equal(ProblemKind.Conflict, s.Try(st => IncidentDecider.Submit(st, s.Plan, "city-to-samr", null, null, As("city-duty-room"), s.Now)).Kind);
        Assert.Equal(ProblemKind.Forbidden, s.Try(st => IncidentDecider.Consent(st, s.Plan, "city-to-samr", "同意", As("deputy-leader"), s.Now)).Kind);
        s.Do(st => IncidentDecider.Consent(st, s.Plan, "city-to-samr", "同意上报", As("leader"), s.Now));
        Assert.Equal(ProblemKind.Conflict, s.Try(st => IncidentDecider.Consent(st, s.Plan, "city-to-samr", "同意", As("leader"), s.Now)).Kind);
        Assert.Equal(ProblemKind.Forbidden, s.Try(st => IncidentDecider.Submit(st, s.Plan, "city-to-samr", null, null, As("district-bureau"), s.Now)).Kind);
        Assert.Equal(ProblemKind.Forbidden, s.Try(st => IncidentDecider.Submit(st, s.Plan, "city-to-samr", null, null, As("leading-group-office"), s.Now)).Kind);
        s.Do(st => IncidentDecider.Submit(st, s.Plan, "city-to-samr", null, null, As("city-duty-room"), s.Now));
        Assert.Equal(DutyStatus.Met, s.Duty("city-to-samr").Status);
        Assert.Equal("leader", s.State.Consents["city-to-samr"].By.Role);
    }

    [Fact]
    public void Duty_without_a_consent_step_is_sent_by_any_actor_and_refuses_consent()
    {
        var s = Elevator();
        Assert.Equal(ProblemKind.Conflict, s.Try(st => IncidentDecider.Consent(st, s.Plan, "district-to-city", "x", As("leader"), s.Now)).Kind);
        s.Do(st => IncidentDecider.Submit(st, s.Plan, "district-to-city", null, null, As("district-bureau"), s.Now));
        Assert.Equal(DutyStatus.Met, s.Duty("district-to-city").Status);
    }

    [Theory]
    [InlineData("II", "duty-officer")]
    [InlineData("III", "duty-officer")]
    [InlineData("II", "district-bureau")]
    [InlineData("III", "district-bureau")]
    public void City_responses_are_proposed_by_the_leading_group_office_not_by_duty_officers_or_district_bureaus(string level, string role)
    {
        var s = Elevator();
        s.FollowUp("""{ "facts": { "deaths": 3 } }""");
        Assert.Equal(ProblemKind.Forbidden, s.Try(st => IncidentDecider.Propose(st, s.Plan, level, "x", As(role), s.Now)).Kind);
        Assert.True(s.Try(st => IncidentDecider.Propose(st, s.Plan, level, "x", As("leading-group-office"), s.Now)).IsSuccess);
    }

    [Theory]
    [InlineData("district-bureau")]
    [InlineData("duty-officer")]
    public void District_bureau_proposes_IV_and_the_office_director_decides(string proposer)
    {
        var s = Elevator();
        var id = s.Propose("IV", role: proposer);
        Assert.Equal(ProblemKind.Forbidden, s.Try(st => IncidentDecider.Approve(st, s.Plan, id, null, As("district-bureau"), s.Now)).Kind);
        s.Do(st => IncidentDecider.Approve(st, s.Plan, id, null, As("office-director"), s.Now));
        Assert.Equal("IV", s.State.ActiveResponse);
        Assert.Contains(s.Plan.Responses.Single(r => r.Level == "IV").Actions, a => a.Id == "report-city-government" && a.Article == "4.2.2");
    }

    [Fact]
    public void III_checklist_reports_to_the_deputy_leader_and_I_ends_by_the_leading_group_or_site_headquarters_not_an_office()
    {
        var plan = TestPlans.Get(TestPlans.Shanghai);
        Assert.Contains(plan.Responses.Single(r => r.Level == "III").Actions, a => a.Id == "report-deputy" && a.Article == "4.2.3.3(1)");
        var s = Elevator();
        s.FollowUp("""{ "facts": { "deaths": 30 } }""");
        Assert.Equal(ProblemKind.Forbidden, s.Try(st => IncidentDecider.End(st, s.Plan, "结束", As("office-director"), s.Now)).Kind);
        Assert.Equal(ProblemKind.Forbidden, s.Try(st => IncidentDecider.End(st, s.Plan, "结束", As("leader"), s.Now)).Kind);
        s.Do(st => IncidentDecider.End(st, s.Plan, "现场应急指挥部宣布解除应急状态", As("site-headquarters"), s.Now));
        Assert.True(s.State.Ended);
    }

    [Theory]
    [InlineData("productionSafety", "人民政府", "市政府启动的生产安全事故")]
    [InlineData("specialEquipment", "市局特种处", "市局会同有关部门")]
    public void Nature_of_the_accident_grades_alike_and_picks_the_investigation_and_publication_owners(string nature, string investigation, string publication)
    {
        var s = Elevator();
        s.FollowUp($$"""{ "facts": { "deaths": 3, "accidentNature": "{{nature}}" } }""");
        Assert.Equal("III", s.State.EventLevel);
        s.Do(st => IncidentDecider.End(st, s.Plan, "结束", As("leader"), s.Now));
        var items = Aftermath.For(s.State, s.Plan);
        Assert.Contains(investigation, items.Single(i => i.Task.Id == "investigation").Owner!.Zh, StringComparison.Ordinal);
        Assert.Contains(publication, items.Single(i => i.Task.Id == "publication").Owner!.Zh, StringComparison.Ordinal);
    }
}
