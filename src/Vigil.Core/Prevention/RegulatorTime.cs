namespace Vigil.Prevention;

/// <summary>
/// Local calendar of the regulator (DESIGN principle 3: deadlines in the plan's time zone, Asia/Shanghai by default).
/// China Standard Time has been UTC+08:00 without daylight saving since 1991, so a fixed offset is exact for every
/// date the product handles and keeps the core free of the host's time-zone database.
/// </summary>
public static class RegulatorTime
{
    public static readonly TimeSpan ShanghaiOffset = TimeSpan.FromHours(8);

    /// <summary>The Asia/Shanghai calendar date of an instant.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(instant.ToOffset(ShanghaiOffset).DateTime);

    /// <summary>
    /// The first instant after <paramref name="date"/> in Asia/Shanghai: a thing due "by" a date is on time while
    /// it happens strictly before this instant, i.e. until the end of that local day.
    /// </summary>
    public static DateTimeOffset EndOfLocalDay(DateOnly date) =>
        new(date.AddDays(1).ToDateTime(TimeOnly.MinValue), ShanghaiOffset);

    /// <summary>Whether something due by <paramref name="due"/> is late at <paramref name="instant"/>.</summary>
    public static bool IsPast(DateOnly due, DateTimeOffset instant) => instant >= EndOfLocalDay(due);
}
