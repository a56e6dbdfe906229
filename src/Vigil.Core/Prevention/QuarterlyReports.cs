using Vigil.Common;

namespace Vigil.Prevention;

/// <summary>A calendar quarter for which a unit files its hidden-hazard self-inspection report (004 第六条).</summary>
public readonly record struct ReportingQuarter
{
    private ReportingQuarter(int year, int quarter)
    {
        Year = year;
        Quarter = quarter;
    }

    public int Year { get; }

    /// <summary>1 to 4.</summary>
    public int Quarter { get; }

    public static Outcome<ReportingQuarter> Create(int year, int quarter) =>
        quarter is >= 1 and <= 4 && year is >= 1 and < 9999
            ? Outcome.Ok(new ReportingQuarter(year, quarter))
            : Outcome.Refused<ReportingQuarter>(PreventionText.Problem("quarter", "quarter.out_of_range", "Report_BadQuarter", year, quarter));

    public static ReportingQuarter Containing(DateOnly date) => new(date.Year, ((date.Month - 1) / 3) + 1);

    public DateOnly FirstDay => new(Year, ((Quarter - 1) * 3) + 1, 1);

    public DateOnly LastDay => FirstDay.AddMonths(3).AddDays(-1);

    public ReportingQuarter Previous => Quarter == 1 ? new(Year - 1, 4) : new(Year, Quarter - 1);

    /// <summary>
    /// 004 第六条: "分别于4月15日、7月15日、10月15日和下一年1月15日前" — the 15th of the month after the quarter, so the fourth
    /// quarter's report is due on 15 January of the NEXT year. "前" is read as the regulator does: the whole of the
    /// 15th still counts, until its end in Asia/Shanghai (<see cref="RegulatorTime.EndOfLocalDay"/>).
    /// </summary>
    public DateOnly DueDate => LastDay.AddDays(15);

    public override string ToString() => $"{Year}Q{Quarter}";
}

/// <summary>Where one unit stands with one quarter's report.</summary>
public enum QuarterlyReportStatus
{
    /// <summary>The quarter is not over; nothing can be filed yet.</summary>
    NotYetDue,

    /// <summary>The quarter is over and the due date has not passed; not filed yet.</summary>
    Open,

    /// <summary>Filed by the end of the due date.</summary>
    OnTime,

    /// <summary>Filed after the due date.</summary>
    Late,

    /// <summary>Not filed and the due date has passed.</summary>
    Missing,
}

/// <summary>
/// 隐患排查治理自查报告 — a filed quarterly self-inspection report, signed by the principal (004 第六条), the document
/// kept by content hash.
/// </summary>
public sealed record QuarterlyReportFiling(string EnterpriseId, ReportingQuarter Quarter, Actor SignedBy, DateTimeOffset FiledAt, EvidenceHash Document);

/// <summary>One unit's status for one quarter.</summary>
public sealed record QuarterlyReportLine(string EnterpriseId, ReportingQuarter Quarter, QuarterlyReportStatus Status, QuarterlyReportFiling? Filing);

/// <summary>Quarterly self-inspection reports: filing rules and late/missing detection (DP-HAZ, 004 第六条).</summary>
public static class QuarterlyReports
{
    /// <summary>Accepts a filing signed by the unit's principal for a quarter that is over (in Asia/Shanghai).</summary>
    public static Outcome<QuarterlyReportFiling> File(string enterpriseId, ReportingQuarter quarter, Actor signedBy, DateTimeOffset filedAt, EvidenceHash document)
    {
        if (signedBy.Role != ActorRole.Principal)
        {
            return Outcome.Forbidden<QuarterlyReportFiling>(PreventionText.Problem("signedBy", "report.not_principal", "Report_NotPrincipal", signedBy.Id));
        }

        if (RegulatorTime.LocalDate(filedAt) <= quarter.LastDay)
        {
            return Outcome.Conflict<QuarterlyReportFiling>(PreventionText.Problem("quarter", "report.quarter_not_over", "Report_QuarterNotOver", quarter.Year, quarter.Quarter, quarter.LastDay));
        }

        return Outcome.Ok(new QuarterlyReportFiling(enterpriseId, quarter, signedBy, filedAt, document));
    }

    /// <summary>
    /// The status of <paramref name="quarter"/> at <paramref name="now"/>. Of several filings (a corrected report is a new
    /// filing, the old one stays), the earliest decides timeliness.
    /// </summary>
    public static QuarterlyReportStatus StatusOf(ReportingQuarter quarter, IEnumerable<QuarterlyReportFiling> filings, DateTimeOffset now)
    {
        var first = filings.Where(f => f.Quarter == quarter).OrderBy(f => f.FiledAt).FirstOrDefault();
        if (first is not null)
        {
            return RegulatorTime.IsPast(quarter.DueDate, first.FiledAt) ? QuarterlyReportStatus.Late : QuarterlyReportStatus.OnTime;
        }

        if (RegulatorTime.IsPast(quarter.DueDate, now))
        {
            return QuarterlyReportStatus.Missing;
        }

        return RegulatorTime.LocalDate(now) > quarter.LastDay ? QuarterlyReportStatus.Open : QuarterlyReportStatus.NotYetDue;
    }

    /// <summary>The most recent quarter whose report is already due at <paramref name="now"/> (its due date has ended).</summary>
    public static ReportingQuarter LatestDue(DateTimeOffset now)
    {
        var quarter = ReportingQuarter.Containing(RegulatorTime.LocalDate(now)).Previous;
        return RegulatorTime.IsPast(quarter.DueDate, now) ? quarter : quarter.Previous;
    }

    /// <summary>Every unit's status for <paramref name="quarter"/>: the list a district uses to see who is late or missing.</summary>
    public static IReadOnlyList<QuarterlyReportLine> Overview(IEnumerable<string> enterpriseIds, IReadOnlyCollection<QuarterlyReportFiling> filings, ReportingQuarter quarter, DateTimeOffset now) =>
        [.. enterpriseIds.Order(StringComparer.Ordinal).Select(id =>
        {
            var own = filings.Where(f => f.EnterpriseId == id).ToList();
            return new QuarterlyReportLine(
                id,
                quarter,
                StatusOf(quarter, own, now),
                own.Where(f => f.Quarter == quarter).OrderBy(f => f.FiledAt).FirstOrDefault());
        })];
}
