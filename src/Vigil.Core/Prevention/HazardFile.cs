using Vigil.Common;

namespace Vigil.Prevention;

/// <summary>
/// 隐患档案 — one hidden hazard and every step taken on it (DP-HAZ). Immutable: <see cref="Append"/> returns a new file
/// or a refusal with a localized reason, never throws and never changes earlier steps.
/// </summary>
/// <remarks>
/// The shortest legal path of a general hazard is found → registered → assessed → rectified → closed out: 004 第七条
/// has the unit rectify a general hazard at once, and it reaches the regulator through the quarterly report
/// (第六条), so reporting and monitoring are optional for it. A major hazard takes every state: it is reported at
/// once (第六条), monitored (第四条 "监控治理"), and rectified only once all five implementations are recorded.
/// </remarks>
public sealed class HazardFile
{
    private HazardFile(string hazardId, string enterpriseId, string supervisingRegulator, IReadOnlyList<HazardStep> steps, HazardState state, HazardGrade? grade, FiveImplementations plan, DateOnly? assessedDeadline)
    {
        HazardId = hazardId;
        EnterpriseId = enterpriseId;
        SupervisingRegulator = supervisingRegulator;
        Steps = steps;
        State = state;
        Grade = grade;
        Plan = plan;
        _assessedDeadline = assessedDeadline;
    }

    private readonly DateOnly? _assessedDeadline;

    public string HazardId { get; }

    public string EnterpriseId { get; }

    /// <summary>The regulator the unit reports to and to whom overdue rectifications escalate.</summary>
    public string SupervisingRegulator { get; }

    public IReadOnlyList<HazardStep> Steps { get; }

    public HazardState State { get; }

    /// <summary>Null until assessed.</summary>
    public HazardGrade? Grade { get; }

    /// <summary>The 五落实 recorded so far, later values superseding earlier ones.</summary>
    public FiveImplementations Plan { get; }

    /// <summary>The rectification deadline: the 五落实 deadline if recorded, else the one set at assessment.</summary>
    public DateOnly? Deadline => Plan.Deadline ?? _assessedDeadline;

    /// <summary>Who rectified the hazard, once it is rectified.</summary>
    /// <summary>What was found, as the first step (every file starts with it) describes it.</summary>
    public string Description => Steps.OfType<HazardFound>().First().Description;

    public Actor? Rectifier => Steps.OfType<HazardRectified>().LastOrDefault()?.By;

    /// <summary>Opens a file with its first step; anyone may report (004 第二条).</summary>
    public static Outcome<HazardFile> Open(string hazardId, string enterpriseId, string supervisingRegulator, HazardFound found)
    {
        if (string.IsNullOrWhiteSpace(found.Description))
        {
            return Outcome.Refused<HazardFile>(PreventionText.Problem("description", "hazard.description_required", "Hazard_DescriptionRequired"));
        }

        return Outcome.Ok(new HazardFile(hazardId, enterpriseId, supervisingRegulator, [found], HazardState.Found, null, FiveImplementations.None, null));
    }

    /// <summary>Rebuilds a file from its stored steps, checking each as if it were being appended.</summary>
    public static Outcome<HazardFile> Replay(string hazardId, string enterpriseId, string supervisingRegulator, IReadOnlyList<HazardStep> steps)
    {
        if (steps.Count == 0 || steps[0] is not HazardFound found)
        {
            return Outcome.Refused<HazardFile>(PreventionText.Problem("steps[0]", "hazard.first_step", "Hazard_FirstStepMustBeFound"));
        }

        var file = Open(hazardId, enterpriseId, supervisingRegulator, found);
        for (var i = 1; i < steps.Count && file.IsSuccess; i++)
        {
            file = file.Value.Append(steps[i]);
        }

        return file;
    }

    /// <summary>Whether <paramref name="action"/> is allowed from the current state by the transition table alone.</summary>
    public bool Permits(HazardAction action) => Next(action) is not null;

    public Outcome<HazardFile> Append(HazardStep step)
    {
        if (step.At < Steps[^1].At)
        {
            return Refuse(ProblemKind.Conflict, "at", "history.out_of_order", "History_OutOfOrder", step.At, Steps[^1].At);
        }

        // 004 第二条: everyone may report a hazard; driving it through the loop is the unit's and the regulator's job.
        if (step.By.Role == ActorRole.Public && step is not HazardFound)
        {
            return Refuse(ProblemKind.Forbidden, "by", "hazard.public_only_reports", "Hazard_PublicOnlyReports", step.By.Id);
        }

        if (Next(step.Action) is not { } next)
        {
            return Grade == HazardGrade.Major && step is HazardRectified
                ? Refuse(ProblemKind.Conflict, "step", "hazard.major_not_monitored", "Hazard_MajorNotMonitored", StateName(State))
                : Refuse(ProblemKind.Conflict, "step", "hazard.transition_forbidden", "Hazard_TransitionForbidden", StateName(State), ActionName(step.Action));
        }

        switch (step)
        {
            // DP-HAZ 五落实: all five must be on file before a major hazard's rectification starts.
            case HazardRectified when Grade == HazardGrade.Major && Plan.Missing.Count > 0:
                var missing = string.Join(PreventionText.Format("List_Separator"), Plan.Missing.Select(item => PreventionText.Format("Five_" + item)));
                return Refuse(ProblemKind.Conflict, "plan", "hazard.five_missing", "Hazard_FiveMissing", missing);

            // DP-HAZ: close-out is verified by someone other than the rectifier, and the verification shows evidence.
            // A verdict either way is the verifier's, so the same separation holds for sending the work back.
            case HazardClosedOut or HazardRectificationRejected when step.By.Id == Rectifier?.Id:
                return Refuse(ProblemKind.Forbidden, "by", "hazard.verifier_is_rectifier", "Hazard_VerifierIsRectifier", step.By.Id);
            case HazardClosedOut when step.Evidence.Count == 0:
                return Refuse(ProblemKind.Invalid, "evidence", "hazard.evidence_required", "Hazard_CloseOutNeedsEvidence");
            case HazardRectificationRejected rejected when string.IsNullOrWhiteSpace(rejected.Reason):
                return Refuse(ProblemKind.Invalid, "reason", "hazard.rejection_reason_required", "Hazard_RejectionNeedsReason");
        }

        var grade = step is HazardAssessed assessed ? assessed.Grade : Grade;
        var plan = step is RectificationPlanRecorded recorded ? Plan.Merge(recorded.Plan) : Plan;
        var deadline = step is HazardAssessed withDeadline ? withDeadline.RectifyBy : _assessedDeadline;
        return Outcome.Ok(new HazardFile(HazardId, EnterpriseId, SupervisingRegulator, [.. Steps, step], next, grade, plan, deadline));
    }

    /// <summary>
    /// What must go to the supervising regulator at <paramref name="now"/> (DP-HAZ): a major hazard not yet reported
    /// (due at once), and a rectification past the end of its deadline day in Asia/Shanghai.
    /// </summary>
    public IReadOnlyList<HazardEscalation> Escalations(DateTimeOffset now)
    {
        var escalations = new List<HazardEscalation>();
        if (Grade == HazardGrade.Major && State == HazardState.Assessed)
        {
            escalations.Add(new HazardEscalation(
                HazardId, SupervisingRegulator, "hazard.major_not_reported", null, 0,
                PreventionText.Format("Escalation_MajorNotReported", HazardId, SupervisingRegulator)));
        }

        if (State < HazardState.Rectified && Deadline is { } deadline && RegulatorTime.IsPast(deadline, now))
        {
            var days = RegulatorTime.LocalDate(now).DayNumber - deadline.DayNumber;
            escalations.Add(new HazardEscalation(
                HazardId, SupervisingRegulator, "hazard.rectification_overdue", deadline, days,
                PreventionText.Format("Escalation_RectificationOverdue", HazardId, deadline, days, SupervisingRegulator)));
        }

        return escalations;
    }

    // The transition table of DP-HAZ. Recording the 五落实 does not move the state.
    private HazardState? Next(HazardAction action) => (State, action) switch
    {
        (HazardState.Found, HazardAction.Register) => HazardState.Registered,
        (HazardState.Registered, HazardAction.Assess) => HazardState.Assessed,
        (HazardState.Assessed, HazardAction.Report) => HazardState.Reported,
        (HazardState.Reported, HazardAction.Monitor) => HazardState.Monitored,
        (HazardState.Assessed or HazardState.Reported or HazardState.Monitored, HazardAction.RecordPlan) => State,
        (HazardState.Assessed or HazardState.Reported, HazardAction.Rectify) when Grade == HazardGrade.General => HazardState.Rectified,
        (HazardState.Monitored, HazardAction.Rectify) => HazardState.Rectified,
        (HazardState.Rectified, HazardAction.CloseOut) => HazardState.ClosedOut,
        (HazardState.Rectified, HazardAction.RejectRectification) => HazardState.Monitored,
        _ => null,
    };

    private static Outcome<HazardFile> Refuse(ProblemKind kind, string field, string code, string key, params object?[] args) =>
        Outcome<HazardFile>.Failure(kind, PreventionText.Problem(field, code, key, args));

    private static string StateName(HazardState state) => PreventionText.Format("HazardState_" + state);

    private static string ActionName(HazardAction action) => PreventionText.Format("HazardAction_" + action);
}

/// <summary>Something the supervising regulator must be told about a hazard now, with the localized reason.</summary>
public sealed record HazardEscalation(string HazardId, string To, string Code, DateOnly? Deadline, int DaysOverdue, string Text);

/// <summary>内部排查 — the unit's own inspections (004 第四条).</summary>
public enum UnitInspectionLevel
{
    /// <summary>主要负责人组织 — at least monthly.</summary>
    Principal,

    /// <summary>车间 — at least weekly.</summary>
    Workshop,

    /// <summary>班组 — at least daily.</summary>
    Team,
}

/// <summary>
/// Due dates of the unit's internal inspections (DP-HAZ, 004 第四条). "At least once a month/week/day" is read as
/// once per calendar period, like the regulator's own plans: after an inspection, the next one is due by the end of
/// the following period.
/// </summary>
public static class UnitInspectionCadence
{
    public static Cadence Of(UnitInspectionLevel level) => level switch
    {
        UnitInspectionLevel.Principal => Cadence.Monthly,
        UnitInspectionLevel.Workshop => Cadence.Weekly,
        UnitInspectionLevel.Team => Cadence.Daily,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown level."),
    };

    /// <summary>The first inspection of a unit (or level) that starts on <paramref name="since"/>: by the end of that period.</summary>
    public static DateOnly FirstDue(UnitInspectionLevel level, DateOnly since) => Periods.Containing(Of(level), since).End;

    /// <summary>The next inspection after one done on <paramref name="lastDone"/>: by the end of the following period.</summary>
    public static DateOnly NextDue(UnitInspectionLevel level, DateOnly lastDone)
    {
        var cadence = Of(level);
        return Periods.Containing(cadence, Periods.Containing(cadence, lastDone).End.AddDays(1)).End;
    }

    public static bool IsOverdue(UnitInspectionLevel level, DateOnly lastDone, DateTimeOffset now) =>
        RegulatorTime.IsPast(NextDue(level, lastDone), now);
}
