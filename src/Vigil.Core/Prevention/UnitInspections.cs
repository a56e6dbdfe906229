namespace Vigil.Prevention;

/// <summary>One internal inspection as the unit recorded it (004 第四条).</summary>
/// <param name="Level">Who led it: the principal, a workshop or a team.</param>
/// <param name="Unit">The workshop or team inspected; the whole enterprise for the principal.</param>
/// <param name="DoneOn">The local date it was done.</param>
public sealed record UnitInspectionDone(UnitInspectionLevel Level, string Unit, DateOnly DoneOn);

/// <summary>Where one unit stands with its inspections of one level.</summary>
/// <param name="Level">Principal, workshop or team.</param>
/// <param name="Unit">The workshop or team; <see cref="UnitInspections.WholeEnterprise"/> for the principal.</param>
/// <param name="LastDone">The latest inspection, or null when none was ever recorded.</param>
/// <param name="NextDue">The last day by which the next one must be done.</param>
/// <param name="DaysOverdue">0 while it is on time; otherwise the whole days since the due day ended.</param>
public sealed record UnitInspectionLine(UnitInspectionLevel Level, string Unit, DateOnly? LastDone, DateOnly NextDue, int DaysOverdue)
{
    public bool IsOverdue => DaysOverdue > 0;
}

/// <summary>
/// The unit's own inspection cadence (DP-HAZ, 004 第四条: principal at least monthly, workshop weekly, team daily)
/// turned into what is due and what is overdue. The principal's inspection is owed from the day the enterprise was
/// registered; a workshop or team is owed inspections from its first recorded one on (the register does not list an
/// enterprise's workshops and teams, so Vigil learns them from the records).
/// </summary>
public static class UnitInspections
{
    /// <summary>The whole enterprise, as the unit of a principal-led inspection.</summary>
    public const string WholeEnterprise = "*";

    /// <summary>Every unit and level the enterprise owes inspections for, in level order then by unit.</summary>
    public static IReadOnlyList<UnitInspectionLine> Schedule(IEnumerable<UnitInspectionDone> done, DateOnly registeredOn, DateTimeOffset now)
    {
        var latest = done
            .GroupBy(d => (d.Level, d.Level == UnitInspectionLevel.Principal ? WholeEnterprise : d.Unit))
            .ToDictionary(g => g.Key, g => g.Max(d => d.DoneOn));
        latest.TryAdd((UnitInspectionLevel.Principal, WholeEnterprise), DateOnly.MinValue);
        return [.. latest
            .Select(pair =>
            {
                var ((level, unit), last) = pair;
                var never = last == DateOnly.MinValue;
                var due = never ? UnitInspectionCadence.FirstDue(level, registeredOn) : UnitInspectionCadence.NextDue(level, last);
                return new UnitInspectionLine(level, unit, never ? null : last, due, DaysOverdue(due, now));
            })
            .OrderBy(l => l.Level)
            .ThenBy(l => l.Unit, StringComparer.Ordinal)];
    }

    private static int DaysOverdue(DateOnly due, DateTimeOffset now) =>
        RegulatorTime.IsPast(due, now) ? RegulatorTime.LocalDate(now).DayNumber - due.DayNumber : 0;
}
