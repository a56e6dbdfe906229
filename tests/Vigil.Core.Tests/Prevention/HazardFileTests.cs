using Microsoft.Extensions.Time.Testing;
using Vigil.Core.Tests.Common;
using Vigil.Prevention;

namespace Vigil.Core.Tests.Prevention;

/// <summary>DP-HAZ: the hidden-hazard closed loop as a state machine over appended steps.</summary>
public sealed class HazardFileTests
{
    private static readonly Actor Citizen = new("citizen-1", ActorRole.Public);
    private static readonly Actor Officer = new("officer-1", ActorRole.SafetyOfficer);
    private static readonly Actor Fixer = new("worker-7", ActorRole.Worker);
    private static readonly Actor Verifier = new("inspector-3", ActorRole.Inspector);
    private static readonly EvidenceHash Photo = EvidenceHash.Of("photo of the repaired valve"u8);
    private static readonly FiveImplementations AllFive = new("officer-1", "Replace the corroded valve", 12000m, new DateOnly(2026, 4, 30), "Evacuate bay 2; see plan P-7");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)));

    private DateTimeOffset Tick()
    {
        _clock.Advance(TimeSpan.FromHours(1));
        return _clock.GetUtcNow();
    }

    private HazardStep Step(HazardAction action, HazardGrade grade = HazardGrade.Major, Actor? by = null, FiveImplementations? plan = null) => action switch
    {
        HazardAction.Find => new HazardFound("Corroded valve on tank 3", by ?? Citizen, Tick(), [Photo]),
        HazardAction.Register => new HazardRegistered(by ?? Officer, Tick(), []),
        HazardAction.Assess => new HazardAssessed(grade, null, by ?? Officer, Tick(), []),
        HazardAction.Report => new HazardReported(by ?? Officer, Tick(), []),
        HazardAction.Monitor => new HazardMonitored(by ?? Officer, Tick(), []),
        HazardAction.RecordPlan => new RectificationPlanRecorded(plan ?? AllFive, by ?? Officer, Tick(), []),
        HazardAction.Rectify => new HazardRectified(by ?? Fixer, Tick(), [Photo]),
        HazardAction.RejectRectification => new HazardRectificationRejected("Valve still weeps under pressure", by ?? Verifier, Tick(), [Photo]),
        HazardAction.CloseOut => new HazardClosedOut(by ?? Verifier, Tick(), [Photo]),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    private HazardFile Opened() =>
        HazardFile.Open("hz-1", "ent-1", "district-bureau-1", (HazardFound)Step(HazardAction.Find)).Value;

    private static HazardFile Then(HazardFile file, HazardStep step)
    {
        var next = file.Append(step);
        Assert.True(next.IsSuccess, next.IsSuccess ? "" : next.Problems[0].Message);
        return next.Value;
    }

    /// <summary>A file in <paramref name="state"/> reached by the full path; a major hazard has its five recorded on assessment.</summary>
    private HazardFile At(HazardState state, HazardGrade grade)
    {
        var file = Opened();
        var path = new (HazardState Reached, HazardAction Action)[]
        {
            (HazardState.Registered, HazardAction.Register),
            (HazardState.Assessed, HazardAction.Assess),
            (HazardState.Reported, HazardAction.Report),
            (HazardState.Monitored, HazardAction.Monitor),
            (HazardState.Rectified, HazardAction.Rectify),
            (HazardState.ClosedOut, HazardAction.CloseOut),
        };
        foreach (var (reached, action) in path)
        {
            if (file.State == state)
            {
                break;
            }

            file = Then(file, Step(action, grade));
            if (action == HazardAction.Assess && grade == HazardGrade.Major)
            {
                file = Then(file, Step(HazardAction.RecordPlan));
            }

            Assert.Equal(reached, file.State);
        }

        Assert.Equal(state, file.State);
        return file;
    }

    private static readonly Dictionary<HazardState, HazardAction[]> AllowedForGeneral = new()
    {
        [HazardState.Found] = [HazardAction.Register],
        [HazardState.Registered] = [HazardAction.Assess],
        [HazardState.Assessed] = [HazardAction.Report, HazardAction.RecordPlan, HazardAction.Rectify],
        [HazardState.Reported] = [HazardAction.Monitor, HazardAction.RecordPlan, HazardAction.Rectify],
        [HazardState.Monitored] = [HazardAction.RecordPlan, HazardAction.Rectify],
        [HazardState.Rectified] = [HazardAction.CloseOut, HazardAction.RejectRectification],
        [HazardState.ClosedOut] = [],
    };

    private static readonly Dictionary<HazardState, HazardAction[]> AllowedForMajor = new()
    {
        [HazardState.Found] = [HazardAction.Register],
        [HazardState.Registered] = [HazardAction.Assess],
        [HazardState.Assessed] = [HazardAction.Report, HazardAction.RecordPlan],
        [HazardState.Reported] = [HazardAction.Monitor, HazardAction.RecordPlan],
        [HazardState.Monitored] = [HazardAction.RecordPlan, HazardAction.Rectify],
        [HazardState.Rectified] = [HazardAction.CloseOut, HazardAction.RejectRectification],
        [HazardState.ClosedOut] = [],
    };

    public static TheoryData<HazardGrade, HazardState, HazardAction, bool> EveryTransition()
    {
        var data = new TheoryData<HazardGrade, HazardState, HazardAction, bool>();
        foreach (var grade in Enum.GetValues<HazardGrade>())
        {
            var allowed = grade == HazardGrade.Major ? AllowedForMajor : AllowedForGeneral;
            foreach (var state in Enum.GetValues<HazardState>())
            {
                foreach (var action in Enum.GetValues<HazardAction>())
                {
                    data.Add(grade, state, action, allowed[state].Contains(action));
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryTransition))]
    public void DP_HAZ_every_transition_is_allowed_or_refused_with_a_reason(HazardGrade grade, HazardState state, HazardAction action, bool allowed)
    {
        var file = At(state, grade);
        var result = file.Append(Step(action, grade));

        Assert.Equal(allowed, result.IsSuccess);
        Assert.Equal(allowed, file.Permits(action));
        if (allowed)
        {
            Assert.Equal(file.Steps.Count + 1, result.Value.Steps.Count);
        }
        else
        {
            var problem = Assert.Single(result.Problems);
            Assert.Contains(problem.Code, new[] { "hazard.transition_forbidden", "hazard.major_not_monitored" });
            Assert.False(string.IsNullOrWhiteSpace(problem.Message));
            Assert.Equal(state, file.State);
        }
    }

    [Fact]
    public void DP_HAZ_general_hazard_shortest_path_skips_report_and_monitoring()
    {
        var file = Opened();
        foreach (var action in new[] { HazardAction.Register, HazardAction.Assess, HazardAction.Rectify, HazardAction.CloseOut })
        {
            file = Then(file, Step(action, HazardGrade.General));
        }

        Assert.Equal(HazardState.ClosedOut, file.State);
        Assert.Equal(5, file.Steps.Count);
    }

    [Theory]
    [InlineData("responsiblePerson")]
    [InlineData("measures")]
    [InlineData("funds")]
    [InlineData("deadline")]
    [InlineData("contingencyPlan")]
    public void DP_HAZ_major_hazard_without_one_of_the_five_cannot_start_rectification(string missing)
    {
        var partial = missing switch
        {
            "responsiblePerson" => AllFive with { ResponsiblePerson = null },
            "measures" => AllFive with { Measures = " " },
            "funds" => AllFive with { Funds = null },
            "deadline" => AllFive with { Deadline = null },
            _ => AllFive with { ContingencyPlan = null },
        };
        var file = Opened();
        file = Then(file, Step(HazardAction.Register));
        file = Then(file, Step(HazardAction.Assess));
        file = Then(file, Step(HazardAction.RecordPlan, plan: partial));
        file = Then(file, Step(HazardAction.Report));
        file = Then(file, Step(HazardAction.Monitor));

        var result = file.Append(Step(HazardAction.Rectify));

        var problem = Assert.Single(result.Problems);
        Assert.Equal("hazard.five_missing", problem.Code);
        Assert.Equal("plan", problem.Field);
        Assert.Equal([missing], file.Plan.Missing);
    }

    [Fact]
    public void DP_HAZ_major_hazard_with_no_plan_names_all_five_missing_in_Chinese()
    {
        using var scope = new CultureScope("zh-CN");
        var file = Opened();
        foreach (var action in new[] { HazardAction.Register, HazardAction.Assess, HazardAction.Report, HazardAction.Monitor })
        {
            file = Then(file, Step(action));
        }

        var problem = Assert.Single(file.Append(Step(HazardAction.Rectify)).Problems);
        Assert.Equal("plan：重大事故隐患须“五落实”全部到位方可开始治理，尚缺：责任人、措施、资金、时限、应急预案。", problem.Message);
    }

    [Fact]
    public void DP_HAZ_five_implementations_recorded_over_several_steps_add_up_and_later_given_values_win()
    {
        var file = At(HazardState.Assessed, HazardGrade.General);
        file = Then(file, Step(HazardAction.RecordPlan, plan: FiveImplementations.None with { ResponsiblePerson = "a", Funds = 10m }));
        file = Then(file, Step(HazardAction.RecordPlan, plan: AllFive with { ResponsiblePerson = "b", Funds = null }));
        Assert.Equal("b", file.Plan.ResponsiblePerson);
        Assert.Equal(10m, file.Plan.Funds);
        Assert.Empty(file.Plan.Missing);
        Assert.Equal(HazardState.Assessed, file.State);
    }

    [Fact]
    public void DP_HAZ_close_out_by_the_rectifier_is_refused()
    {
        var file = At(HazardState.Rectified, HazardGrade.Major);
        var result = file.Append(Step(HazardAction.CloseOut, by: new Actor(Fixer.Id, ActorRole.Inspector)));
        var problem = Assert.Single(result.Problems);
        Assert.Equal("hazard.verifier_is_rectifier", problem.Code);
        Assert.Equal("by", problem.Field);
    }

    [Fact]
    public void DP_HAZ_a_rejected_rectification_goes_back_under_monitoring_and_is_rectified_again()
    {
        var file = Then(At(HazardState.Rectified, HazardGrade.Major), Step(HazardAction.RejectRectification));
        Assert.Equal(HazardState.Monitored, file.State);

        var secondFixer = new Actor("worker-8", ActorRole.Worker);
        file = Then(file, Step(HazardAction.Rectify, by: secondFixer));
        Assert.Equal(secondFixer, file.Rectifier);
        file = Then(file, Step(HazardAction.CloseOut, by: Fixer));
        Assert.Equal(HazardState.ClosedOut, file.State);
        Assert.Single(file.Steps.OfType<HazardRectificationRejected>());
    }

    [Fact]
    public void DP_HAZ_the_rectifier_cannot_reject_or_accept_their_own_rectification()
    {
        var file = At(HazardState.Rectified, HazardGrade.General);
        Assert.Equal("hazard.verifier_is_rectifier", Assert.Single(file.Append(Step(HazardAction.RejectRectification, by: Fixer)).Problems).Code);
    }

    [Fact]
    public void DP_HAZ_rejecting_a_rectification_needs_a_reason()
    {
        var file = At(HazardState.Rectified, HazardGrade.General);
        var result = file.Append(new HazardRectificationRejected(" ", Verifier, Tick(), []));
        Assert.Equal("reason", Assert.Single(result.Problems).Field);
    }

    [Fact]
    public void DP_HAZ_close_out_without_evidence_is_refused()
    {
        var file = At(HazardState.Rectified, HazardGrade.General);
        var result = file.Append(new HazardClosedOut(Verifier, Tick(), []));
        Assert.Equal("hazard.evidence_required", Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void DP_HAZ_anyone_may_report_but_the_public_may_not_drive_the_loop()
    {
        var file = Opened();
        Assert.Equal(ActorRole.Public, file.Steps[0].By.Role);
        var result = file.Append(Step(HazardAction.Register, by: Citizen));
        Assert.Equal("hazard.public_only_reports", Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void DP_HAZ_a_report_needs_a_description()
    {
        var result = HazardFile.Open("hz-1", "ent-1", "bureau", new HazardFound(" ", Citizen, Tick(), []));
        Assert.Equal("description", Assert.Single(result.Problems).Field);
    }

    [Fact]
    public void DP_HAZ_every_step_keeps_who_when_and_evidence_and_the_state_is_their_fold()
    {
        var file = At(HazardState.ClosedOut, HazardGrade.Major);
        var replayed = HazardFile.Replay("hz-1", "ent-1", "district-bureau-1", file.Steps).Value;

        Assert.Equal(HazardState.ClosedOut, replayed.State);
        Assert.Equal(HazardGrade.Major, replayed.Grade);
        Assert.Equal(Fixer, replayed.Rectifier);
        Assert.Equal(file.Steps, replayed.Steps);
        Assert.Equal([Photo], replayed.Steps[^1].Evidence);
        Assert.True(replayed.Steps.Zip(replayed.Steps.Skip(1)).All(pair => pair.First.At <= pair.Second.At));
    }

    [Fact]
    public void DP_HAZ_replay_refuses_a_history_with_a_forbidden_step()
    {
        var steps = new[] { Step(HazardAction.Find), Step(HazardAction.Register), Step(HazardAction.Rectify) };
        Assert.Equal("hazard.transition_forbidden", Assert.Single(HazardFile.Replay("hz-1", "ent-1", "b", steps).Problems).Code);
        Assert.Equal("hazard.first_step", Assert.Single(HazardFile.Replay("hz-1", "ent-1", "b", steps[1..]).Problems).Code);
    }

    [Fact]
    public void A_step_dated_before_the_previous_one_is_refused()
    {
        var file = Opened();
        var result = file.Append(new HazardRegistered(Officer, file.Steps[0].At.AddMinutes(-1), []));
        Assert.Equal("history.out_of_order", Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void DP_HAZ_forbidden_transition_reason_is_localized()
    {
        var file = At(HazardState.ClosedOut, HazardGrade.General);
        using (new CultureScope("zh-CN"))
        {
            Assert.Equal("step：隐患处于“销账”状态，不能治理。", file.Append(Step(HazardAction.Rectify)).Problems[0].Message);
        }

        using (new CultureScope("en-US"))
        {
            Assert.Equal("step: a hazard that is closed out cannot be rectified.", file.Append(Step(HazardAction.Rectify)).Problems[0].Message);
        }
    }

    [Fact]
    public void DP_HAZ_a_major_hazard_not_yet_reported_escalates_at_once()
    {
        var file = At(HazardState.Assessed, HazardGrade.Major);
        var escalation = Assert.Single(file.Escalations(_clock.GetUtcNow()));
        Assert.Equal("hazard.major_not_reported", escalation.Code);
        Assert.Equal("district-bureau-1", escalation.To);
        Assert.Empty(Then(file, Step(HazardAction.Report)).Escalations(_clock.GetUtcNow()));
    }

    [Fact]
    public void DP_HAZ_an_overdue_rectification_escalates_after_the_deadline_day_ends_in_Shanghai()
    {
        var file = At(HazardState.Monitored, HazardGrade.Major);
        var endOfDeadline = new DateTimeOffset(2026, 4, 30, 23, 59, 59, TimeSpan.FromHours(8));
        Assert.Empty(file.Escalations(endOfDeadline));

        var escalation = Assert.Single(file.Escalations(endOfDeadline.AddSeconds(1)));
        Assert.Equal("hazard.rectification_overdue", escalation.Code);
        Assert.Equal(new DateOnly(2026, 4, 30), escalation.Deadline);
        Assert.Equal(1, escalation.DaysOverdue);
        Assert.Equal(3, Assert.Single(file.Escalations(endOfDeadline.AddDays(3))).DaysOverdue);
    }

    [Fact]
    public void DP_HAZ_a_general_hazard_escalates_after_the_deadline_set_at_assessment_but_not_once_rectified()
    {
        var file = Then(At(HazardState.Registered, HazardGrade.General), new HazardAssessed(HazardGrade.General, new DateOnly(2026, 3, 3), Officer, Tick(), []));
        var late = new DateTimeOffset(2026, 3, 4, 0, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal("hazard.rectification_overdue", Assert.Single(file.Escalations(late)).Code);
        Assert.Empty(Then(file, Step(HazardAction.Rectify)).Escalations(late));
    }

    [Theory]
    // Principal monthly: one done in January makes the next due by the end of February (28th in 2026).
    [InlineData(UnitInspectionLevel.Principal, 2026, 1, 20, 2026, 2, 28)]
    [InlineData(UnitInspectionLevel.Principal, 2027, 12, 5, 2028, 1, 31)]
    [InlineData(UnitInspectionLevel.Principal, 2028, 1, 31, 2028, 2, 29)]
    // Workshop weekly: Wednesday 2026-03-04 → Sunday of the next ISO week.
    [InlineData(UnitInspectionLevel.Workshop, 2026, 3, 4, 2026, 3, 15)]
    [InlineData(UnitInspectionLevel.Workshop, 2026, 12, 30, 2027, 1, 10)]
    // Team daily: the next day.
    [InlineData(UnitInspectionLevel.Team, 2026, 12, 31, 2027, 1, 1)]
    public void DP_HAZ_unit_internal_inspection_next_due_date(UnitInspectionLevel level, int y, int m, int d, int dy, int dm, int dd) =>
        Assert.Equal(new DateOnly(dy, dm, dd), UnitInspectionCadence.NextDue(level, new DateOnly(y, m, d)));

    [Fact]
    public void DP_HAZ_unit_internal_inspection_first_due_and_overdue()
    {
        Assert.Equal(new DateOnly(2026, 4, 30), UnitInspectionCadence.FirstDue(UnitInspectionLevel.Principal, new DateOnly(2026, 4, 10)));
        var lastDone = new DateOnly(2026, 3, 9);
        Assert.False(UnitInspectionCadence.IsOverdue(UnitInspectionLevel.Team, lastDone, new DateTimeOffset(2026, 3, 10, 23, 0, 0, TimeSpan.FromHours(8))));
        Assert.True(UnitInspectionCadence.IsOverdue(UnitInspectionLevel.Team, lastDone, new DateTimeOffset(2026, 3, 11, 0, 0, 0, TimeSpan.FromHours(8))));
    }

    [Fact]
    public void Evidence_is_the_SHA256_of_the_content()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", EvidenceHash.Of("abc"u8).Hex);
        Assert.Equal(EvidenceHash.Of("abc"u8), EvidenceHash.Parse("evidence[0]", "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD").Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("abc")]
    [InlineData("zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    public void Evidence_that_is_not_a_SHA256_hash_is_refused_naming_the_field(string? text) =>
        Assert.Equal("evidence[0]", Assert.Single(EvidenceHash.Parse("evidence[0]", text).Problems).Field);
}
