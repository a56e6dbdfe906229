namespace Vigil.Prevention;

/// <summary>The closed loop of a hidden hazard, 001 §二(四) (DP-HAZ): 排查 登记 评估 报告 监控 治理 销账.</summary>
public enum HazardState
{
    /// <summary>排查 — found and reported by someone.</summary>
    Found,

    /// <summary>登记 — registered in the unit's hazard file.</summary>
    Registered,

    /// <summary>评估 — graded major or general.</summary>
    Assessed,

    /// <summary>报告 — reported to the supervising regulator.</summary>
    Reported,

    /// <summary>监控 — under monitoring while rectification is prepared.</summary>
    Monitored,

    /// <summary>治理 — rectified by the unit.</summary>
    Rectified,

    /// <summary>销账 — verified and closed out.</summary>
    ClosedOut,
}

/// <summary>事故隐患等级 — hazard grade (001 §二(二)).</summary>
public enum HazardGrade
{
    /// <summary>一般事故隐患.</summary>
    General,

    /// <summary>重大事故隐患.</summary>
    Major,
}

/// <summary>What a step does; used in messages and in the transition table.</summary>
public enum HazardAction
{
    Find,
    Register,
    Assess,
    Report,
    Monitor,
    RecordPlan,
    Rectify,
    RejectRectification,
    CloseOut,
}

/// <summary>
/// 五落实 — the five implementations a major hazard's rectification needs: responsible person, measures, funds,
/// deadline and contingency plan (DP-HAZ). Recorded in one or more steps; a later value supersedes an earlier one.
/// </summary>
public sealed record FiveImplementations(string? ResponsiblePerson, string? Measures, decimal? Funds, DateOnly? Deadline, string? ContingencyPlan)
{
    public static FiveImplementations None { get; } = new(null, null, null, null, null);

    /// <summary>The five item names that are still missing, in the fixed order of the rule.</summary>
    public IReadOnlyList<string> Missing
    {
        get
        {
            var missing = new List<string>();
            if (string.IsNullOrWhiteSpace(ResponsiblePerson))
            {
                missing.Add("responsiblePerson");
            }

            if (string.IsNullOrWhiteSpace(Measures))
            {
                missing.Add("measures");
            }

            if (Funds is not > 0)
            {
                missing.Add("funds");
            }

            if (Deadline is null)
            {
                missing.Add("deadline");
            }

            if (string.IsNullOrWhiteSpace(ContingencyPlan))
            {
                missing.Add("contingencyPlan");
            }

            return missing;
        }
    }

    public FiveImplementations Merge(FiveImplementations later) => new(
        string.IsNullOrWhiteSpace(later.ResponsiblePerson) ? ResponsiblePerson : later.ResponsiblePerson,
        string.IsNullOrWhiteSpace(later.Measures) ? Measures : later.Measures,
        later.Funds ?? Funds,
        later.Deadline ?? Deadline,
        string.IsNullOrWhiteSpace(later.ContingencyPlan) ? ContingencyPlan : later.ContingencyPlan);
}

/// <summary>
/// One appended step of a hazard's file: who, when, with which evidence (DP-HAZ). Steps are never changed or
/// removed; the state is what folding them gives.
/// </summary>
public abstract record HazardStep(Actor By, DateTimeOffset At, IReadOnlyList<EvidenceHash> Evidence)
{
    public abstract HazardAction Action { get; }
}

/// <summary>排查 — anyone may report a hazard, including the public (004 第二条).</summary>
public sealed record HazardFound(string Description, Actor By, DateTimeOffset At, IReadOnlyList<EvidenceHash> Evidence) : HazardStep(By, At, Evidence)
{
    public override HazardAction Action => HazardAction.Find;
}

/// <summary>登记.</summary>
public sealed record HazardRegistered(Actor By, DateTimeOffset At, IReadOnlyList<EvidenceHash> Evidence) : HazardStep(By, At, Evidence)
{
    public override HazardAction Action => HazardAction.Register;
}

/// <summary>评估 — graded; <paramref name="RectifyBy"/> is the rectification deadline set at grading, if any.</summary>
public sealed record HazardAssessed(HazardGrade Grade, DateOnly? RectifyBy, Actor By, DateTimeOffset At, IReadOnlyList<EvidenceHash> Evidence) : HazardStep(By, At, Evidence)
{
    public override HazardAction Action => HazardAction.Assess;
}

/// <summary>报告 — reported to the supervising regulator (major hazards at once, 004 第六条).</summary>
public sealed record HazardReported(Actor By, DateTimeOffset At, IReadOnlyList<EvidenceHash> Evidence) : HazardStep(By, At, Evidence)
{
    public override HazardAction Action => HazardAction.Report;
}

/// <summary>监控.</summary>
public sealed record HazardMonitored(Actor By, DateTimeOffset At, IReadOnlyList<EvidenceHash> Evidence) : HazardStep(By, At, Evidence)
{
    public override HazardAction Action => HazardAction.Monitor;
}

/// <summary>五落实 recorded (all or some of the five); does not move the state.</summary>
public sealed record RectificationPlanRecorded(FiveImplementations Plan, Actor By, DateTimeOffset At, IReadOnlyList<EvidenceHash> Evidence) : HazardStep(By, At, Evidence)
{
    public override HazardAction Action => HazardAction.RecordPlan;
}

/// <summary>治理 — the rectifier is <see cref="HazardStep.By"/>.</summary>
public sealed record HazardRectified(Actor By, DateTimeOffset At, IReadOnlyList<EvidenceHash> Evidence) : HazardStep(By, At, Evidence)
{
    public override HazardAction Action => HazardAction.Rectify;
}

/// <summary>销账 — verified by <see cref="HazardStep.By"/>, who must not be the rectifier, with evidence.</summary>
public sealed record HazardClosedOut(Actor By, DateTimeOffset At, IReadOnlyList<EvidenceHash> Evidence) : HazardStep(By, At, Evidence)
{
    public override HazardAction Action => HazardAction.CloseOut;
}

/// <summary>
/// 验收不通过 — the verifier (not the rectifier) finds the rectification insufficient; the hazard goes back under
/// monitoring to be rectified again. The failed attempt stays in the file.
/// </summary>
public sealed record HazardRectificationRejected(string Reason, Actor By, DateTimeOffset At, IReadOnlyList<EvidenceHash> Evidence) : HazardStep(By, At, Evidence)
{
    public override HazardAction Action => HazardAction.RejectRectification;
}
