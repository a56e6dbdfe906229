using Vigil.Prevention;

namespace Vigil.Core.Tests.Prevention;

/// <summary>DP-HAZ, 004 第四条: the unit's own inspections — principal monthly, workshop weekly, team daily.</summary>
public sealed class UnitInspectionsTests
{
    private static readonly DateOnly Registered = new(2026, 11, 10);

    private static DateTimeOffset Local(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, RegulatorTime.ShanghaiOffset);

    private static UnitInspectionLine Line(IReadOnlyList<UnitInspectionLine> lines, UnitInspectionLevel level, string unit) =>
        Assert.Single(lines, l => l.Level == level && l.Unit == unit);

    [Fact]
    public void A_new_enterprise_owes_its_principal_inspection_by_the_end_of_the_month_it_was_registered()
    {
        var onTime = UnitInspections.Schedule([], Registered, Local(2026, 11, 30, 23, 59, 59));
        var late = UnitInspections.Schedule([], Registered, Local(2026, 12, 1));

        var line = Assert.Single(onTime);
        Assert.Equal((UnitInspectionLevel.Principal, UnitInspections.WholeEnterprise, (DateOnly?)null, new DateOnly(2026, 11, 30), 0),
            (line.Level, line.Unit, line.LastDone, line.NextDue, line.DaysOverdue));
        Assert.False(line.IsOverdue);
        Assert.Equal(1, Assert.Single(late).DaysOverdue);
    }

    [Theory]
    [InlineData(2026, 1, 31, 2026, 2, 28)]
    [InlineData(2028, 1, 5, 2028, 2, 29)]
    [InlineData(2026, 12, 1, 2027, 1, 31)]
    public void After_a_principal_inspection_the_next_is_due_by_the_end_of_the_following_month(int y, int m, int d, int dy, int dm, int dd)
    {
        var done = new DateOnly(y, m, d);
        var due = new DateOnly(dy, dm, dd);
        var lines = UnitInspections.Schedule([new UnitInspectionDone(UnitInspectionLevel.Principal, "全厂", done)], Registered, RegulatorTime.EndOfLocalDay(due).AddTicks(-1));
        var line = Line(lines, UnitInspectionLevel.Principal, UnitInspections.WholeEnterprise);
        Assert.Equal((done, due, 0), (line.LastDone!.Value, line.NextDue, line.DaysOverdue));
        Assert.True(Line(UnitInspections.Schedule([new UnitInspectionDone(UnitInspectionLevel.Principal, "全厂", done)], Registered, RegulatorTime.EndOfLocalDay(due)),
            UnitInspectionLevel.Principal, UnitInspections.WholeEnterprise).IsOverdue);
    }

    [Fact]
    public void A_workshop_inspected_on_a_Wednesday_owes_the_next_by_the_Sunday_of_the_following_week()
    {
        // 2026-11-25 is a Wednesday; its ISO week ends on Sunday 29th, the next one on Sunday 6 December.
        var done = new[] { new UnitInspectionDone(UnitInspectionLevel.Workshop, "一车间", new DateOnly(2026, 11, 25)) };
        Assert.Equal((new DateOnly(2026, 12, 6), 0), Pick(UnitInspections.Schedule(done, Registered, Local(2026, 12, 6, 23, 59, 59))));
        Assert.Equal((new DateOnly(2026, 12, 6), 1), Pick(UnitInspections.Schedule(done, Registered, Local(2026, 12, 7))));

        static (DateOnly, int) Pick(IReadOnlyList<UnitInspectionLine> lines)
        {
            var line = Line(lines, UnitInspectionLevel.Workshop, "一车间");
            return (line.NextDue, line.DaysOverdue);
        }
    }

    [Fact]
    public void Each_team_is_owed_a_daily_inspection_on_its_own_and_only_the_latest_counts()
    {
        var done = new[]
        {
            new UnitInspectionDone(UnitInspectionLevel.Team, "甲班", new DateOnly(2026, 11, 28)),
            new UnitInspectionDone(UnitInspectionLevel.Team, "甲班", new DateOnly(2026, 11, 30)),
            new UnitInspectionDone(UnitInspectionLevel.Team, "乙班", new DateOnly(2026, 11, 27)),
            new UnitInspectionDone(UnitInspectionLevel.Principal, "全厂", new DateOnly(2026, 11, 15)),
        };
        var lines = UnitInspections.Schedule(done, Registered, Local(2026, 12, 1, 12));

        Assert.Equal(3, lines.Count);
        Assert.Equal(UnitInspectionLevel.Principal, lines[0].Level);
        var jia = Line(lines, UnitInspectionLevel.Team, "甲班");
        Assert.Equal((new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 1), false), (jia.LastDone!.Value, jia.NextDue, jia.IsOverdue));
        var yi = Line(lines, UnitInspectionLevel.Team, "乙班");
        Assert.Equal((new DateOnly(2026, 11, 28), 3), (yi.NextDue, yi.DaysOverdue));
        Assert.Equal(new DateOnly(2026, 12, 31), Line(lines, UnitInspectionLevel.Principal, UnitInspections.WholeEnterprise).NextDue);
    }
}
