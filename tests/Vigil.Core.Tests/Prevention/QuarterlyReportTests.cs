using Microsoft.Extensions.Time.Testing;
using Vigil.Prevention;

namespace Vigil.Core.Tests.Prevention;

/// <summary>DP-HAZ / 004 第六条: quarterly self-inspection reports, due dates across year ends, late and missing.</summary>
public sealed class QuarterlyReportTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    private static readonly Actor Principal = new("principal-1", ActorRole.Principal);
    private static readonly EvidenceHash Document = EvidenceHash.Of("report 2026Q4"u8);

    private static ReportingQuarter Q(int year, int quarter) => ReportingQuarter.Create(year, quarter).Value;

    [Theory]
    [InlineData(2026, 1, 2026, 4, 15)]
    [InlineData(2026, 2, 2026, 7, 15)]
    [InlineData(2026, 3, 2026, 10, 15)]
    [InlineData(2026, 4, 2027, 1, 15)]
    [InlineData(2027, 4, 2028, 1, 15)]
    public void DP_HAZ_quarterly_report_is_due_on_the_15th_after_the_quarter_and_Q4_in_the_next_year(int year, int quarter, int dy, int dm, int dd) =>
        Assert.Equal(new DateOnly(dy, dm, dd), Q(year, quarter).DueDate);

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void A_quarter_outside_1_to_4_is_refused(int quarter) =>
        Assert.Equal("quarter", Assert.Single(ReportingQuarter.Create(2026, quarter).Problems).Field);

    [Fact]
    public void The_quarter_before_the_first_is_the_fourth_of_the_previous_year()
    {
        Assert.Equal(Q(2026, 4), ReportingQuarter.Containing(new DateOnly(2027, 1, 10)).Previous);
        Assert.Equal(new DateOnly(2026, 12, 31), Q(2026, 4).LastDay);
        Assert.Equal(new DateOnly(2026, 10, 1), Q(2026, 4).FirstDay);
    }

    [Fact]
    public void DP_HAZ_Q4_report_filed_on_15_January_Shanghai_time_is_on_time_and_a_second_later_is_late()
    {
        var lastSecond = new DateTimeOffset(2027, 1, 15, 23, 59, 59, Shanghai);
        var onTime = QuarterlyReports.File("ent-1", Q(2026, 4), Principal, lastSecond, Document).Value;
        var late = QuarterlyReports.File("ent-1", Q(2026, 4), Principal, lastSecond.AddSeconds(1), Document).Value;

        Assert.Equal(QuarterlyReportStatus.OnTime, QuarterlyReports.StatusOf(Q(2026, 4), [onTime], lastSecond.AddDays(30)));
        Assert.Equal(QuarterlyReportStatus.Late, QuarterlyReports.StatusOf(Q(2026, 4), [late], lastSecond.AddDays(30)));
    }

    [Fact]
    public void DP_HAZ_the_deadline_is_Shanghai_midnight_not_UTC_midnight()
    {
        // 16:00 UTC on 15 January is already 00:00 on the 16th in Shanghai.
        var filing = QuarterlyReports.File("ent-1", Q(2026, 4), Principal, new DateTimeOffset(2027, 1, 15, 16, 0, 0, TimeSpan.Zero), Document).Value;
        Assert.Equal(QuarterlyReportStatus.Late, QuarterlyReports.StatusOf(Q(2026, 4), [filing], filing.FiledAt));
    }

    [Fact]
    public void DP_HAZ_an_unfiled_report_moves_from_not_yet_due_to_open_to_missing_as_the_clock_runs()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 31, 23, 59, 59, Shanghai));
        Assert.Equal(QuarterlyReportStatus.NotYetDue, QuarterlyReports.StatusOf(Q(2026, 4), [], clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(QuarterlyReportStatus.Open, QuarterlyReports.StatusOf(Q(2026, 4), [], clock.GetUtcNow()));
        clock.SetUtcNow(new DateTimeOffset(2027, 1, 15, 23, 59, 59, Shanghai));
        Assert.Equal(QuarterlyReportStatus.Open, QuarterlyReports.StatusOf(Q(2026, 4), [], clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(QuarterlyReportStatus.Missing, QuarterlyReports.StatusOf(Q(2026, 4), [], clock.GetUtcNow()));
    }

    [Fact]
    public void DP_HAZ_a_corrected_report_does_not_change_timeliness_the_first_filing_decides()
    {
        var first = QuarterlyReports.File("ent-1", Q(2026, 1), Principal, new DateTimeOffset(2026, 4, 10, 9, 0, 0, Shanghai), Document).Value;
        var correction = first with { FiledAt = new DateTimeOffset(2026, 5, 2, 9, 0, 0, Shanghai) };
        Assert.Equal(QuarterlyReportStatus.OnTime, QuarterlyReports.StatusOf(Q(2026, 1), [correction, first], correction.FiledAt));
    }

    [Fact]
    public void DP_HAZ_report_must_be_signed_by_the_principal()
    {
        var result = QuarterlyReports.File("ent-1", Q(2026, 1), new Actor("officer-1", ActorRole.SafetyOfficer), new DateTimeOffset(2026, 4, 10, 9, 0, 0, Shanghai), Document);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("signedBy", problem.Field);
        Assert.Equal("report.not_principal", problem.Code);
    }

    [Fact]
    public void DP_HAZ_a_report_cannot_be_filed_before_its_quarter_ends_in_Shanghai()
    {
        var lastDay = new DateTimeOffset(2026, 3, 31, 23, 59, 59, Shanghai);
        Assert.Equal("report.quarter_not_over", Assert.Single(QuarterlyReports.File("ent-1", Q(2026, 1), Principal, lastDay, Document).Problems).Code);
        Assert.True(QuarterlyReports.File("ent-1", Q(2026, 1), Principal, lastDay.AddSeconds(1), Document).IsSuccess);
    }

    [Theory]
    // Until the end of 15 January the latest quarter already due is Q3 of the previous year; from the 16th it is Q4.
    [InlineData(2027, 1, 15, 2026, 3)]
    [InlineData(2027, 1, 16, 2026, 4)]
    [InlineData(2027, 4, 15, 2026, 4)]
    [InlineData(2027, 4, 16, 2027, 1)]
    [InlineData(2027, 12, 31, 2027, 3)]
    public void DP_HAZ_latest_due_quarter_crosses_the_year_end(int y, int m, int d, int qy, int q) =>
        Assert.Equal(Q(qy, q), QuarterlyReports.LatestDue(new DateTimeOffset(y, m, d, 12, 0, 0, Shanghai)));

    [Fact]
    public void DP_HAZ_overview_shows_who_is_on_time_late_and_missing()
    {
        var quarter = Q(2026, 4);
        var filings = new[]
        {
            QuarterlyReports.File("ent-a", quarter, Principal, new DateTimeOffset(2027, 1, 8, 9, 0, 0, Shanghai), Document).Value,
            QuarterlyReports.File("ent-b", quarter, Principal, new DateTimeOffset(2027, 1, 20, 9, 0, 0, Shanghai), Document).Value,
            QuarterlyReports.File("ent-c", Q(2026, 3), Principal, new DateTimeOffset(2026, 10, 9, 9, 0, 0, Shanghai), Document).Value,
        };

        var lines = QuarterlyReports.Overview(["ent-c", "ent-b", "ent-a"], filings, quarter, new DateTimeOffset(2027, 2, 1, 9, 0, 0, Shanghai));

        Assert.Equal(
            [("ent-a", QuarterlyReportStatus.OnTime), ("ent-b", QuarterlyReportStatus.Late), ("ent-c", QuarterlyReportStatus.Missing)],
            lines.Select(l => (l.EnterpriseId, l.Status)));
        Assert.Null(lines[2].Filing);
    }
}
