using Vigil.Monitoring;

namespace Vigil.Core.Tests.Monitoring;

public sealed class ValidityTests
{
    public static TheoryData<string> Versions => new() { "HJ633-2012", "HJ633-2026" };

    private static ValidityMinimums Minimums(string id) => AqiStandards.ById(id)!.Validity;

    [Theory]
    [MemberData(nameof(Versions))]
    public void Hour_needs_45_minutes_of_sampling(string version)
    {
        Assert.False(Validity.IsHourValid(Minimums(version), 44));
        Assert.True(Validity.IsHourValid(Minimums(version), 45));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Hourly_mean_from_minute_data_needs_45_minutes(string version)
    {
        decimal?[] Hour(int valid) => [.. Enumerable.Range(0, 60).Select(m => m < valid ? (decimal?)2 : null)];

        Assert.Null(Validity.HourlyMeanFromMinutes(Minimums(version), Hour(44)));
        Assert.Equal(2m, Validity.HourlyMeanFromMinutes(Minimums(version), Hour(45)));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Daily_mean_needs_20_hourly_values(string version)
    {
        decimal?[] Day(int valid) => [.. Enumerable.Range(0, 24).Select(h => h < valid ? (decimal?)(h + 1) : null)];

        Assert.Null(Validity.DailyMean(Minimums(version), Day(19)));
        Assert.Equal(10.5m, Validity.DailyMean(Minimums(version), Day(20)));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void O3_8h_mean_needs_6_hourly_values_in_the_8_hours(string version)
    {
        Assert.Null(Validity.EightHourMean(Minimums(version), [10m, 20m, 30m, 40m, 50m, null, null, null]));
        Assert.Equal(35m, Validity.EightHourMean(Minimums(version), [10m, 20m, 30m, 40m, 50m, 60m, null, null]));
    }

    [Fact]
    public void O3_daily_max_8h_is_the_largest_window_inside_the_day()
    {
        var hours = Enumerable.Range(0, 24).Select(h => (decimal?)(h < 16 ? 10 : 100)).ToArray();

        // The last window (16–23) holds the eight high hours; windows reaching into the next day are not used.
        Assert.Equal(100m, Validity.O3DailyMaxEightHour(Minimums("HJ633-2012"), hours));
    }

    [Fact]
    public void O3_daily_max_8h_needs_14_valid_windows()
    {
        var minimums = Minimums("HJ633-2012");

        decimal?[] Day(int lastValidHour) => [.. Enumerable.Range(0, 24).Select(h => h <= lastValidHour ? (decimal?)50 : null)];

        // A window starting at s holds ≥ 6 values while s ≤ last − 5: 13 windows when the last valid hour is 17, 14 at 18.
        Assert.Null(Validity.O3DailyMaxEightHour(minimums, Day(17)));
        Assert.Equal(50m, Validity.O3DailyMaxEightHour(minimums, Day(18)));
    }

    [Fact]
    public void O3_max_1h_ignores_missing_hours()
    {
        Assert.Equal(90m, Validity.MaxOneHour([10m, null, 90m, 40m]));
        Assert.Null(Validity.MaxOneHour([null, null]));
    }

    private static List<DateOnly> Year(int year, Func<int, int> daysInMonth)
    {
        var days = new List<DateOnly>();
        for (var month = 1; month <= 12; month++)
        {
            for (var day = 1; day <= daysInMonth(month); day++)
            {
                days.Add(new DateOnly(year, month, day));
            }
        }

        return days;
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Annual_mean_needs_324_daily_means(string version)
    {
        // Each month at its minimum (27, February 25) gives 322; add days to March to reach 323 and 324.
        var at323 = Year(2023, m => m == 2 ? 25 : m == 3 ? 28 : 27);
        var at324 = Year(2023, m => m == 2 ? 25 : m == 3 ? 29 : 27);
        Assert.Equal(323, at323.Count);

        var short323 = Validity.Annual(Minimums(version), 2023, at323);
        Assert.False(short323.IsValid);
        Assert.Empty(short323.MonthsShort);
        Assert.True(Validity.Annual(Minimums(version), 2023, at324).IsValid);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Each_month_needs_27_daily_means(string version)
    {
        var with26 = Year(2023, m => m == 2 ? 28 : m == 6 ? 26 : DateTime.DaysInMonth(2023, m));
        var result = Validity.Annual(Minimums(version), 2023, with26);
        Assert.False(result.IsValid);
        Assert.Equal([6], result.MonthsShort);

        var with27 = Year(2023, m => m == 2 ? 28 : m == 6 ? 27 : DateTime.DaysInMonth(2023, m));
        Assert.True(Validity.Annual(Minimums(version), 2023, with27).IsValid);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void February_needs_25_daily_means(string version)
    {
        var with24 = Year(2024, m => m == 2 ? 24 : DateTime.DaysInMonth(2024, m));
        Assert.Equal([2], Validity.Annual(Minimums(version), 2024, with24).MonthsShort);

        var with25 = Year(2024, m => m == 2 ? 25 : DateTime.DaysInMonth(2024, m));
        Assert.True(Validity.Annual(Minimums(version), 2024, with25).IsValid);
    }

    [Fact]
    public void Days_of_other_years_and_duplicates_do_not_count()
    {
        var days = Year(2023, m => m == 2 ? 25 : m == 3 ? 29 : 27);
        days.Add(days[0]);
        days.Add(new DateOnly(2022, 12, 31));
        Assert.Equal(324, Validity.Annual(Minimums("HJ633-2012"), 2023, days).ValidDays);
    }

    [Fact]
    public void Expected_hourly_values_are_24_x_days_x_items_minus_force_majeure()
    {
        Assert.Equal((24 * 30 * 6) - 10, DataRates.ExpectedHourlyValues(30, 6, 10));
    }

    [Fact]
    public void Capture_rate_must_reach_90_percent()
    {
        Assert.False(DataRates.MeetsCaptureMinimum(DataRates.CaptureRate(899, 1000)));
        Assert.True(DataRates.MeetsCaptureMinimum(DataRates.CaptureRate(900, 1000)));
        Assert.Equal(0.9m, DataRates.CaptureRate(900, 1000).Value);
    }

    [Fact]
    public void QC_pass_rate_must_exceed_80_percent_exactly_80_fails()
    {
        Assert.False(DataRates.MeetsQcMinimum(DataRates.QcPassRate(800, 1000)));
        Assert.True(DataRates.MeetsQcMinimum(DataRates.QcPassRate(801, 1000)));
    }

    [Fact]
    public void Nothing_expected_gives_a_zero_rate_that_meets_no_minimum()
    {
        var rate = DataRates.CaptureRate(0, 0);
        Assert.Equal(0m, rate.Value);
        Assert.False(DataRates.MeetsCaptureMinimum(rate));
    }
}
