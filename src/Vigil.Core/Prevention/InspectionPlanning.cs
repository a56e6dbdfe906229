namespace Vigil.Prevention;

/// <summary>
/// One planned inspection: it may happen any day of <see cref="Window"/> and is due by <see cref="Due"/>
/// (the last day of its period, Asia/Shanghai).
/// </summary>
public readonly record struct InspectionSlot(Period Window, DateOnly Due);

/// <summary>Generates the inspection plan of an enterprise from its tier (DP-TIER).</summary>
public static class InspectionPlanner
{
    /// <summary>
    /// One slot per period of the tier's cadence (calendar week Mon–Sun, half month 1st–15th / 16th–end, calendar
    /// month) from the period containing <paramref name="from"/> to the one containing <paramref name="to"/>. A plan
    /// that starts mid-period gets a shorter first window, still due at the period's end: the rule is "at least once
    /// per period", not "once every N days".
    /// </summary>
    public static IReadOnlyList<InspectionSlot> Plan(SupervisionTier tier, DateOnly from, DateOnly to) =>
        [.. Periods.Covering(TierPolicy.CadenceOf(tier), from, to)
            .Select(p => new InspectionSlot(new Period(p.Start < from ? from : p.Start, p.End), p.End))];
}

/// <summary>A planned inspection as assigned: to whom, where, due when, and whether it was done.</summary>
public sealed record PlannedInspection(string Id, string EnterpriseId, string InspectorId, string District, DateOnly Due, DateTimeOffset? CompletedAt);

/// <summary>An inspection that was not done by its due date, and by how many local days.</summary>
public sealed record OverdueInspection(PlannedInspection Inspection, int DaysOverdue);

/// <summary>Overdue inspections, together for one inspector or one district.</summary>
public sealed record OverdueGroup(string Key, IReadOnlyList<OverdueInspection> Items)
{
    public int Count => Items.Count;
}

/// <summary>DP-TIER "overdue inspections are visible per inspector and per district".</summary>
public static class InspectionOverdue
{
    /// <summary>Not completed and past the end of the due day in Asia/Shanghai at <paramref name="now"/>; most overdue first.</summary>
    public static IReadOnlyList<OverdueInspection> Find(IEnumerable<PlannedInspection> planned, DateTimeOffset now)
    {
        var today = RegulatorTime.LocalDate(now);
        return [.. planned
            .Where(p => p.CompletedAt is null && RegulatorTime.IsPast(p.Due, now))
            .Select(p => new OverdueInspection(p, today.DayNumber - p.Due.DayNumber))
            .OrderByDescending(o => o.DaysOverdue)
            .ThenBy(o => o.Inspection.Id, StringComparer.Ordinal)];
    }

    public static IReadOnlyList<OverdueGroup> ByInspector(IEnumerable<PlannedInspection> planned, DateTimeOffset now) =>
        Group(Find(planned, now), o => o.Inspection.InspectorId);

    public static IReadOnlyList<OverdueGroup> ByDistrict(IEnumerable<PlannedInspection> planned, DateTimeOffset now) =>
        Group(Find(planned, now), o => o.Inspection.District);

    private static List<OverdueGroup> Group(IReadOnlyList<OverdueInspection> overdue, Func<OverdueInspection, string> key) =>
        [.. overdue
            .GroupBy(key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new OverdueGroup(g.Key, [.. g]))];
}

/// <summary>One thing an inspector found; a finding marked as a hazard opens a hazard file (DP-HAZ).</summary>
public sealed record InspectionFinding(string Description, bool IsHazard, IReadOnlyList<EvidenceHash> Evidence);

/// <summary>检查记录 — a planned inspection as carried out, with its findings.</summary>
public sealed record InspectionRecord(string PlannedInspectionId, string EnterpriseId, Actor Inspector, DateTimeOffset At, IReadOnlyList<InspectionFinding> Findings)
{
    /// <summary>The opening step of a hazard file for each finding that is a hazard, found by the inspector at the inspection.</summary>
    public IReadOnlyList<HazardFound> RaisedHazards =>
        [.. Findings.Where(f => f.IsHazard).Select(f => new HazardFound(f.Description, Inspector, At, f.Evidence))];

    /// <summary>The planned inspection as completed by this record (a new value; the plan itself is not changed).</summary>
    public PlannedInspection Completes(PlannedInspection planned) => planned with { CompletedAt = planned.CompletedAt ?? At };
}
