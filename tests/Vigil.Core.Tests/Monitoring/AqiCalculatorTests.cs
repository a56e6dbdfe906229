using Vigil.Monitoring;

namespace Vigil.Core.Tests.Monitoring;

public sealed class AqiCalculatorTests
{
    private static readonly AqiTable So2OneHour = new(Pollutant.SO2, Averaging.OneHour);
    private static readonly AqiTable O3EightHour = new(Pollutant.O3, Averaging.EightHour);
    private static readonly AqiTable O3OneHour = new(Pollutant.O3, Averaging.OneHour);
    private static readonly AqiTable Pm25 = new(Pollutant.PM25, Averaging.TwentyFourHour);
    private static readonly AqiTable Pm10 = new(Pollutant.PM10, Averaging.TwentyFourHour);
    private static readonly AqiTable Co24 = new(Pollutant.CO, Averaging.TwentyFourHour);

    private static AqiStandard S2012 => AqiStandards.ById("HJ633-2012")!;

    private static AqiStandard S2026 => AqiStandards.ById("HJ633-2026")!;

    [Fact]
    public void So2_1h_at_800_is_IAQI_200_under_both()
    {
        Assert.Equal(200, AqiCalculator.Iaqi(S2012, So2OneHour, 800m));
        Assert.Equal(200, AqiCalculator.Iaqi(S2026, So2OneHour, 800m));
    }

    [Fact]
    public void So2_1h_above_800_reports_the_24h_IAQI_under_2012()
    {
        // SO₂ 24-hour 200: 100 + ⌈50 × 50 / 325⌉ = 108.
        Assert.Equal(108, AqiCalculator.Iaqi(S2012, So2OneHour, 800.01m, fallbackConcentration: 200m));
        Assert.Null(AqiCalculator.Iaqi(S2012, So2OneHour, 801m));
    }

    [Fact]
    public void So2_1h_above_800_scores_200_under_2026()
    {
        Assert.Equal(200, AqiCalculator.Iaqi(S2026, So2OneHour, 801m));
        Assert.Equal(200, AqiCalculator.Iaqi(S2026, So2OneHour, 5000m, fallbackConcentration: 10m));
    }

    [Fact]
    public void O3_8h_above_800_reports_the_1h_IAQI_under_2012()
    {
        Assert.Equal(300, AqiCalculator.Iaqi(S2012, O3EightHour, 800m));

        // O₃ 1-hour 900: 300 + ⌈100 × 100 / 200⌉ = 350.
        Assert.Equal(350, AqiCalculator.Iaqi(S2012, O3EightHour, 801m, fallbackConcentration: 900m));
        Assert.Null(AqiCalculator.Iaqi(S2012, O3EightHour, 801m));
    }

    [Fact]
    public void O3_8h_above_800_scores_300_under_2026()
    {
        Assert.Equal(300, AqiCalculator.Iaqi(S2026, O3EightHour, 800m));
        Assert.Equal(300, AqiCalculator.Iaqi(S2026, O3EightHour, 801m, fallbackConcentration: 1200m));
    }

    [Fact]
    public void Rounding_to_800_under_2026_is_not_above_800()
    {
        // 800.4 rounds to 800: on the table, not the special case (same IAQI, different path).
        Assert.Equal(300, AqiCalculator.Iaqi(S2026, O3EightHour, 800.4m));
        Assert.Equal(200, AqiCalculator.Iaqi(S2026, So2OneHour, 800.4m));
    }

    [Theory]
    [InlineData("60.5", 100)]
    [InlineData("61.5", 102)]
    [InlineData("60.51", 101)]
    [InlineData("60.49", 100)]
    [InlineData("59.5", 100)]
    public void Pm25_is_rounded_half_to_even_per_GBT_8170_under_2026(string concentration, int iaqi)
    {
        Assert.Equal(iaqi, AqiCalculator.Iaqi(S2026, Pm25, decimal.Parse(concentration, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2.05", 50)]
    [InlineData("2.15", 55)]
    [InlineData("2.051", 53)]
    [InlineData("2.25", 55)]
    public void Co_is_rounded_to_one_decimal_half_to_even_under_2026(string concentration, int iaqi)
    {
        Assert.Equal(iaqi, AqiCalculator.Iaqi(S2026, Co24, decimal.Parse(concentration, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Concentrations_are_not_rounded_under_2012()
    {
        // 75.4 is used as is under 2012: 100 + ⌈50 × 0.4 / 40⌉ = 101; under 2026 120.4 rounds to the breakpoint 120.
        Assert.Equal(101, AqiCalculator.Iaqi(S2012, Pm25, 75.4m));
        Assert.Equal(100, AqiCalculator.Iaqi(S2026, Pm10, 120.4m));
    }

    private static HourlyConcentrations Hour(decimal? so2 = 5, decimal? no2 = 10, decimal? pm10 = 20, decimal? pm25 = 10, decimal? co = 0.5m, decimal? o3 = 30) =>
        new(so2, no2, pm10, pm25, co, o3);

    [Fact]
    public void Hourly_AQI_is_the_largest_IAQI_and_names_the_primary_pollutant()
    {
        var result = AqiCalculator.Hourly(S2012, Hour(pm25: 48m, pm10: 74m, no2: 52m));
        Assert.Equal(67, result.Aqi);
        Assert.Equal([Pm25], result.PrimaryPollutants);
        Assert.Equal(2, result.Category!.Level);
        Assert.Empty(result.ExceedingPollutants);
        Assert.True(result.Complete);
    }

    [Fact]
    public void Hourly_AQI_uses_the_PM_24h_breakpoints_and_1h_gas_breakpoints()
    {
        var result = AqiCalculator.Hourly(S2012, Hour());
        Assert.Equal([Averaging.OneHour, Averaging.OneHour, Averaging.TwentyFourHour, Averaging.TwentyFourHour, Averaging.OneHour, Averaging.OneHour],
            result.SubIndices.Select(s => s.Table.Averaging));
    }

    [Fact]
    public void No_primary_pollutant_at_AQI_50_and_one_at_51()
    {
        var at50 = AqiCalculator.Hourly(S2012, Hour(pm25: 35m));
        Assert.Equal(50, at50.Aqi);
        Assert.Empty(at50.PrimaryPollutants);

        var at51 = AqiCalculator.Hourly(S2012, Hour(pm25: 35.1m));
        Assert.Equal(51, at51.Aqi);
        Assert.Equal([Pm25], at51.PrimaryPollutants);
    }

    [Fact]
    public void Tied_pollutants_are_all_primary()
    {
        // PM10 150 and PM2.5 75 both score 100 under 2012.
        var result = AqiCalculator.Hourly(S2012, Hour(pm10: 150m, pm25: 75m));
        Assert.Equal(100, result.Aqi);
        Assert.Equal([Pm10, Pm25], result.PrimaryPollutants);
    }

    [Fact]
    public void Exceeding_pollutants_have_IAQI_above_100()
    {
        var result = AqiCalculator.Hourly(S2012, Hour(pm10: 150m, pm25: 75.1m));
        Assert.Equal([Pm25], result.ExceedingPollutants);
    }

    [Fact]
    public void Missing_pollutant_withholds_AQI_of_100_or_less_under_2026()
    {
        var low = AqiCalculator.Hourly(S2026, Hour(o3: null, pm25: 60m));
        Assert.False(low.Complete);
        Assert.Equal(100, low.ComputedAqi);
        Assert.Null(low.Aqi);
        Assert.Null(low.Category);
        Assert.Empty(low.PrimaryPollutants);

        var high = AqiCalculator.Hourly(S2026, Hour(o3: null, pm25: 61m));
        Assert.Equal(101, high.Aqi);
        Assert.Equal([Pm25], high.PrimaryPollutants);
    }

    [Fact]
    public void Missing_pollutant_withholds_AQI_of_100_or_less_under_2012_as_published_in_2022()
    {
        var result = AqiCalculator.Hourly(S2012, Hour(o3: null, pm25: 75m));
        Assert.False(result.Complete);
        Assert.Equal(100, result.ComputedAqi);
        Assert.Null(result.Aqi);
        Assert.Equal(101, AqiCalculator.Hourly(S2012, Hour(o3: null, pm25: 75.1m)).Aqi);
    }

    [Fact]
    public void Nothing_measured_gives_no_AQI()
    {
        var result = AqiCalculator.Hourly(S2026, new HourlyConcentrations(null, null, null, null, null, null));
        Assert.Null(result.ComputedAqi);
        Assert.Null(result.Aqi);
    }

    [Fact]
    public void Hourly_SO2_above_800_without_a_24h_mean_is_missing_under_2012()
    {
        var result = AqiCalculator.Hourly(S2012, Hour(so2: 900m));
        Assert.Null(result.IaqiOf(So2OneHour));
        Assert.False(result.Complete);

        var with24h = AqiCalculator.Hourly(S2012, Hour(so2: 900m) with { So2TwentyFourHour = 200m });
        Assert.Equal(108, with24h.IaqiOf(So2OneHour));
        Assert.Equal(108, with24h.Aqi);
    }

    [Fact]
    public void Daily_AQI_includes_O3_8h_max_and_O3_1h_max()
    {
        var day = new DailyConcentrations(10m, 20m, 40m, 20m, 0.8m, O3EightHourMax: 200m, O3OneHourMax: 150m);
        var result = AqiCalculator.Daily(S2012, day);

        // O₃ 8-hour 200: 100 + ⌈50 × 40 / 55⌉ = 137; O₃ 1-hour 150: ⌈50 × 150 / 160⌉ = 47.
        Assert.Equal(137, result.Aqi);
        Assert.Equal([O3EightHour], result.PrimaryPollutants);
        Assert.Equal(47, result.IaqiOf(O3OneHour));
        Assert.Equal("臭氧8小时", Pollutants.ChineseName(result.PrimaryPollutants[0]));
    }

    [Fact]
    public void Daily_O3_8h_above_800_uses_the_1h_max_under_2012_and_300_under_2026()
    {
        var day = new DailyConcentrations(10m, 20m, 40m, 20m, 0.8m, O3EightHourMax: 850m, O3OneHourMax: 900m);
        Assert.Equal(350, AqiCalculator.Daily(S2012, day).IaqiOf(O3EightHour));
        Assert.Equal(300, AqiCalculator.Daily(S2026, day).IaqiOf(O3EightHour));
        Assert.Equal(350, AqiCalculator.Daily(S2026, day).Aqi);
    }
}
