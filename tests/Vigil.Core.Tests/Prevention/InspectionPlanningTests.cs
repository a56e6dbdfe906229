using Microsoft.Extensions.Time.Testing;
using Vigil.Prevention;

namespace Vigil.Core.Tests.Prevention;

/// <summary>DP-TIER: inspection schedules across months of different length and year ends; overdue lists.</summary>
public sealed class InspectionPlanningTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static IReadOnlyList<DateOnly> Dues(SupervisionTier tier, DateOnly from, DateOnly to) =>
        [.. InspectionPlanner.Plan(tier, from, to).Select(s => s.Due)];

    [Fact]
    public void DP_TIER_blue_is_due_on_the_last_day_of_every_calendar_month_across_the_year_end()
    {
        Assert.Equal(
            [D(2027, 11, 30), D(2027, 12, 31), D(2028, 1, 31), D(2028, 2, 29), D(2028, 3, 31), D(2028, 4, 30)],
            Dues(SupervisionTier.Blue, D(2027, 11, 1), D(2028, 4, 30)));
    }

    [Fact]
    public void DP_TIER_blue_February_ends_on_the_28th_in_a_common_year() =>
        Assert.Equal([D(2026, 2, 28), D(2026, 3, 31)], Dues(SupervisionTier.Blue, D(2026, 2, 10), D(2026, 3, 5)));

    [Fact]
    public void DP_TIER_yellow_has_one_inspection_in_each_half_of_the_month_in_a_leap_February()
    {
        var plan = InspectionPlanner.Plan(SupervisionTier.Yellow, D(2028, 2, 1), D(2028, 2, 29));
        Assert.Equal([new Period(D(2028, 2, 1), D(2028, 2, 15)), new Period(D(2028, 2, 16), D(2028, 2, 29))], plan.Select(s => s.Window));
    }

    [Fact]
    public void DP_TIER_yellow_second_half_ends_on_the_28th_30th_or_31st()
    {
        Assert.Equal(
            [D(2026, 2, 15), D(2026, 2, 28), D(2026, 3, 15), D(2026, 3, 31), D(2026, 4, 15), D(2026, 4, 30)],
            Dues(SupervisionTier.Yellow, D(2026, 2, 1), D(2026, 4, 30)));
    }

    [Fact]
    public void DP_TIER_yellow_crosses_December_into_January()
    {
        Assert.Equal(
            [D(2026, 12, 31), D(2027, 1, 15), D(2027, 1, 31)],
            Dues(SupervisionTier.Yellow, D(2026, 12, 20), D(2027, 1, 20)));
    }

    [Fact]
    public void DP_TIER_red_is_due_every_Sunday_across_the_year_end()
    {
        // 2026-12-28 is a Monday; the ISO week runs to Sunday 2027-01-03.
        Assert.Equal(
            [D(2026, 12, 27), D(2027, 1, 3), D(2027, 1, 10)],
            Dues(SupervisionTier.Red, D(2026, 12, 24), D(2027, 1, 5)));
    }

    [Fact]
    public void DP_TIER_red_weeks_cover_a_leap_day()
    {
        var plan = InspectionPlanner.Plan(SupervisionTier.Red, D(2028, 2, 28), D(2028, 3, 1));
        // 2028-02-28 is a Monday; the week holds 29 February and ends Sunday 5 March.
        Assert.Equal(new Period(D(2028, 2, 28), D(2028, 3, 5)), Assert.Single(plan).Window);
    }

    [Fact]
    public void DP_TIER_a_plan_starting_mid_period_gets_a_shorter_first_window_due_at_the_periods_end()
    {
        var first = InspectionPlanner.Plan(SupervisionTier.Blue, D(2026, 4, 20), D(2026, 5, 31))[0];
        Assert.Equal(new Period(D(2026, 4, 20), D(2026, 4, 30)), first.Window);
        Assert.Equal(D(2026, 4, 30), first.Due);
    }

    [Theory]
    [InlineData(Cadence.Daily, 2026, 3, 1, 2026, 3, 1, 2026, 3, 1)]
    [InlineData(Cadence.Weekly, 2026, 3, 1, 2026, 2, 23, 2026, 3, 1)]
    [InlineData(Cadence.Weekly, 2026, 3, 2, 2026, 3, 2, 2026, 3, 8)]
    [InlineData(Cadence.HalfMonthly, 2026, 4, 15, 2026, 4, 1, 2026, 4, 15)]
    [InlineData(Cadence.HalfMonthly, 2026, 4, 16, 2026, 4, 16, 2026, 4, 30)]
    [InlineData(Cadence.HalfMonthly, 2027, 2, 16, 2027, 2, 16, 2027, 2, 28)]
    [InlineData(Cadence.Monthly, 2024, 2, 29, 2024, 2, 1, 2024, 2, 29)]
    [InlineData(Cadence.Monthly, 2026, 12, 31, 2026, 12, 1, 2026, 12, 31)]
    public void Period_containing_a_date_has_the_calendar_bounds(Cadence cadence, int y, int m, int d, int sy, int sm, int sd, int ey, int em, int ed) =>
        Assert.Equal(new Period(D(sy, sm, sd), D(ey, em, ed)), Periods.Containing(cadence, D(y, m, d)));

    private static readonly PlannedInspection[] Planned =
    [
        new("i-1", "ent-1", "inspector-a", "Huangpu", D(2026, 3, 15), null),
        new("i-2", "ent-2", "inspector-a", "Xuhui", D(2026, 3, 10), null),
        new("i-3", "ent-3", "inspector-b", "Huangpu", D(2026, 3, 1), null),
        new("i-4", "ent-4", "inspector-b", "Huangpu", D(2026, 3, 1), new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(8))),
        new("i-5", "ent-5", "inspector-c", "Xuhui", D(2026, 3, 16), null),
    ];

    [Fact]
    public void DP_TIER_an_inspection_is_overdue_only_after_its_due_day_ends_in_Shanghai()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 15, 23, 59, 59, TimeSpan.FromHours(8)));
        Assert.DoesNotContain(InspectionOverdue.Find(Planned, clock.GetUtcNow()), o => o.Inspection.Id == "i-1");
        clock.Advance(TimeSpan.FromSeconds(1));
        var overdue = InspectionOverdue.Find(Planned, clock.GetUtcNow());
        Assert.Equal(["i-3", "i-2", "i-1"], overdue.Select(o => o.Inspection.Id));
        Assert.Equal([15, 6, 1], overdue.Select(o => o.DaysOverdue));
    }

    [Fact]
    public void DP_TIER_overdue_inspections_are_grouped_per_inspector_and_per_district()
    {
        var now = new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal(
            [("inspector-a", 2), ("inspector-b", 1), ("inspector-c", 1)],
            InspectionOverdue.ByInspector(Planned, now).Select(g => (g.Key, g.Count)));
        Assert.Equal(
            [("Huangpu", 2), ("Xuhui", 2)],
            InspectionOverdue.ByDistrict(Planned, now).Select(g => (g.Key, g.Count)));
    }
}
