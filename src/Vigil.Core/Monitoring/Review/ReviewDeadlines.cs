namespace Vigil.Monitoring.Review;

/// <summary>
/// The deadlines of AQ-REVIEW (003 第二十三–二十四条), in Asia/Shanghai. China Standard Time is UTC+08:00 without
/// daylight saving since 1991, so a fixed offset is exact for every date the product handles. "X时前" is read as
/// "before the instant X:00": a submission at 11:59:59 is on time, at 12:00:00 it is late.
/// </summary>
public static class ReviewDeadlines
{
    public static readonly TimeSpan ShanghaiOffset = Prevention.RegulatorTime.ShanghaiOffset;

    /// <summary>How many one-day postponements a network failure allows (第二十三条(一): 最多顺延2日).</summary>
    public const int MaxPostponements = 2;

    /// <summary>The written explanation of data not reviewed in time is due within this many days of the data.</summary>
    public const int ExplanationDays = 7;

    /// <summary>The local (Asia/Shanghai) date of an instant.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant) => Prevention.RegulatorTime.LocalDate(instant);

    /// <summary>The instant <paramref name="hour"/>:00 of a local date.</summary>
    public static DateTimeOffset At(DateOnly date, int hour) => new(date.ToDateTime(new TimeOnly(hour, 0)), ShanghaiOffset);

    /// <summary>The instant the period is over and its data can be reviewed: 00:00 of the day after it.</summary>
    public static DateTimeOffset PeriodOver(ReviewSubject subject) => At(subject.End, 0);

    /// <summary>
    /// The first submission: a day by 12:00 of the next day, moved one day per postponement; a month by 12:00 on the
    /// 1st of the next month.
    /// </summary>
    public static DateTimeOffset Submission(ReviewSubject subject, int postponements) =>
        subject.Period == ReviewPeriod.Day ? At(subject.End.AddDays(postponements), 12) : At(subject.End, 12);

    /// <summary>
    /// The resubmission after a rejection: for a day by 12:00 of the day after the rejection (第2日12时前), moved
    /// one day per postponement; for a month by 18:00 on the 1st, whenever the rejection came.
    /// </summary>
    public static DateTimeOffset Resubmission(ReviewSubject subject, DateTimeOffset rejectedAt, int postponements) =>
        subject.Period == ReviewPeriod.Day ? At(LocalDate(rejectedAt).AddDays(1 + postponements), 12) : At(subject.End, 18);

    /// <summary>
    /// The centre's own deadline: for a month "于每月2日前", read literally as before 00:00 of the 2nd. The daily
    /// review has none: the centre reviews "from 12:00" (第二十四条(一)).
    /// </summary>
    public static DateTimeOffset? Centre(ReviewSubject subject) =>
        subject.Period == ReviewPeriod.Month ? At(subject.End.AddDays(1), 0) : null;

    /// <summary>
    /// 数据产生1周内 — the written explanation of data not reviewed in time is due 7 days after the period's data
    /// ends, i.e. before 00:00 of the 8th day after a day, or of the 8th of the next month for a month.
    /// </summary>
    public static DateTimeOffset Explanation(ReviewSubject subject) => At(subject.End.AddDays(ExplanationDays), 0);
}
