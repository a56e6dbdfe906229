namespace Vigil.Prevention;

/// <summary>How often something must happen at least once. Every cadence is a partition of the calendar into periods.</summary>
public enum Cadence
{
    /// <summary>Each calendar day (team inspection, 004 第四条).</summary>
    Daily,

    /// <summary>
    /// Each ISO week, Monday to Sunday (red tier, workshop inspection). A calendar week rather than "seven days after
    /// the last one" so that a plan shows fixed slots an inspector can be held to.
    /// </summary>
    Weekly,

    /// <summary>
    /// Each half of a calendar month: the 1st to the 15th and the 16th to the month's last day (yellow tier, DP-TIER
    /// "半月一查", the regulator's reading). The second half is 13 to 16 days long depending on the month.
    /// </summary>
    HalfMonthly,

    /// <summary>Each calendar month, whatever its length (blue tier, principal-led inspection).</summary>
    Monthly,
}

/// <summary>A run of calendar days, both ends included.</summary>
public readonly record struct Period(DateOnly Start, DateOnly End)
{
    public bool Contains(DateOnly date) => date >= Start && date <= End;
}

/// <summary>Cuts the calendar into the periods of a cadence (DP-TIER, DP-HAZ 004 第四条).</summary>
public static class Periods
{
    /// <summary>The period of <paramref name="cadence"/> that contains <paramref name="date"/>.</summary>
    public static Period Containing(Cadence cadence, DateOnly date)
    {
        switch (cadence)
        {
            case Cadence.Daily:
                return new Period(date, date);
            case Cadence.Weekly:
                // DayOfWeek has Sunday = 0; ISO weeks start on Monday.
                var sinceMonday = ((int)date.DayOfWeek + 6) % 7;
                var monday = date.AddDays(-sinceMonday);
                return new Period(monday, monday.AddDays(6));
            case Cadence.HalfMonthly:
                var lastDay = DateTime.DaysInMonth(date.Year, date.Month);
                return date.Day <= 15
                    ? new Period(new DateOnly(date.Year, date.Month, 1), new DateOnly(date.Year, date.Month, 15))
                    : new Period(new DateOnly(date.Year, date.Month, 16), new DateOnly(date.Year, date.Month, lastDay));
            case Cadence.Monthly:
                var first = new DateOnly(date.Year, date.Month, 1);
                return new Period(first, first.AddMonths(1).AddDays(-1));
            default:
                throw new ArgumentOutOfRangeException(nameof(cadence), cadence, "Unknown cadence.");
        }
    }

    /// <summary>Every period of <paramref name="cadence"/> that overlaps [<paramref name="from"/>, <paramref name="to"/>], in order.</summary>
    public static IReadOnlyList<Period> Covering(Cadence cadence, DateOnly from, DateOnly to)
    {
        var periods = new List<Period>();
        for (var day = from; day <= to; day = periods[^1].End.AddDays(1))
        {
            periods.Add(Containing(cadence, day));
            if (periods[^1].End == DateOnly.MaxValue)
            {
                break;
            }
        }

        return periods;
    }
}
