using Vigil.Monitoring;

namespace Vigil.Core.Tests.Monitoring;

/// <summary>AQ-VALID monthly and annual minimums on both sides: 26/27 days, 24/25 in February, 323/324 a year.</summary>
public sealed class PeriodStatisticsTests
{
    private static readonly ValidityMinimums Minimums = AqiStandards.ById("HJ633-2026")!.Validity;

    private static Dictionary<DateOnly, DailyConcentrations> Days(int year, int month, int count, decimal pm25 = 30) =>
        Enumerable.Range(1, count).ToDictionary(d => new DateOnly(year, month, d), _ => new DailyConcentrations(5, 20, 50, pm25, 0.6m, 90, 120));

    private static PeriodMean Pm25(IReadOnlyList<PeriodMean> means) => means.Single(m => m.Pollutant == Pollutant.PM25);

    [Theory]
    [InlineData(1, 26, false)]
    [InlineData(1, 27, true)]
    [InlineData(2, 24, false)]
    [InlineData(2, 25, true)]
    public void Monthly_mean_needs_27_daily_means_or_25_in_February(int month, int days, bool valid)
    {
        var mean = Pm25(PeriodStatistics.Monthly(Minimums, 2026, month, Days(2026, month, days)));
        Assert.Equal(valid, mean.Valid);
        Assert.Equal(days, mean.ValidDays);
        Assert.Equal(valid ? 30m : null, mean.Mean);
    }

    [Theory]
    [InlineData(323, false)]
    [InlineData(324, true)]
    public void Annual_mean_needs_324_daily_means_and_every_month(int total, bool valid)
    {
        // Every month at its minimum (27 days, 25 in February: 322 in all), then the rest from 28 December on.
        var days = Enumerable.Range(1, 12)
            .SelectMany(month => Days(2025, month, month == 2 ? 25 : 27))
            .Concat(Enumerable.Range(28, total - 322).Select(d => KeyValuePair.Create(new DateOnly(2025, 12, d), new DailyConcentrations(5, 20, 50, 30, 0.6m, 90, 120))))
            .ToDictionary();
        var annual = Pm25(PeriodStatistics.Annual(Minimums, 2025, days));
        Assert.Equal(total, annual.ValidDays);
        Assert.Equal(valid, annual.Valid);
        Assert.Empty(annual.MonthsShort);
    }

    [Fact]
    public void Annual_mean_with_enough_days_but_a_short_month_is_invalid()
    {
        var days = Enumerable.Range(0, 365).Select(i => new DateOnly(2025, 1, 1).AddDays(i))
            .Where(d => d.Month != 7 || d.Day <= 24)
            .ToDictionary(d => d, _ => new DailyConcentrations(5, 20, 50, 30, 0.6m, 90, 120));
        var annual = Pm25(PeriodStatistics.Annual(Minimums, 2025, days));
        Assert.True(annual.ValidDays >= 324);
        Assert.False(annual.Valid);
        Assert.Equal([7], annual.MonthsShort);
    }
}
