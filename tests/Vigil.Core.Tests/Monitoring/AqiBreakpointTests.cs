using Vigil.Monitoring;

namespace Vigil.Core.Tests.Monitoring;

/// <summary>
/// IAQI on both sides of every breakpoint under both versions (AQ-AQI). The expected tables are copied here from
/// RULES.md, independently of the JSON files, so a typo in either is caught.
/// </summary>
public sealed class AqiBreakpointTests
{
    private static readonly int[] Levels = [0, 50, 100, 150, 200, 300, 400, 500];

    internal static readonly Dictionary<AqiTable, int?[]> Tables2012 = new()
    {
        [new(Pollutant.SO2, Averaging.TwentyFourHour)] = [0, 50, 150, 475, 800, 1600, 2100, 2620],
        [new(Pollutant.SO2, Averaging.OneHour)] = [0, 150, 500, 650, 800, null, null, null],
        [new(Pollutant.NO2, Averaging.TwentyFourHour)] = [0, 40, 80, 180, 280, 565, 750, 940],
        [new(Pollutant.NO2, Averaging.OneHour)] = [0, 100, 200, 700, 1200, 2340, 3090, 3840],
        [new(Pollutant.PM10, Averaging.TwentyFourHour)] = [0, 50, 150, 250, 350, 420, 500, 600],
        [new(Pollutant.CO, Averaging.TwentyFourHour)] = [0, 2, 4, 14, 24, 36, 48, 60],
        [new(Pollutant.CO, Averaging.OneHour)] = [0, 5, 10, 35, 60, 90, 120, 150],
        [new(Pollutant.O3, Averaging.OneHour)] = [0, 160, 200, 300, 400, 800, 1000, 1200],
        [new(Pollutant.O3, Averaging.EightHour)] = [0, 100, 160, 215, 265, 800, null, null],
        [new(Pollutant.PM25, Averaging.TwentyFourHour)] = [0, 35, 75, 115, 150, 250, 350, 500],
    };

    internal static Dictionary<AqiTable, int?[]> Tables2026()
    {
        var tables = Tables2012.ToDictionary(p => p.Key, p => (int?[])p.Value.Clone());
        tables[new(Pollutant.PM10, Averaging.TwentyFourHour)][2] = 120;
        tables[new(Pollutant.PM25, Averaging.TwentyFourHour)][2] = 60;
        return tables;
    }

    private static AqiStandard S2012 => AqiStandards.ById("HJ633-2012")!;

    private static AqiStandard S2026 => AqiStandards.ById("HJ633-2026")!;

    [Fact]
    public void Embedded_breakpoints_match_the_published_tables()
    {
        foreach (var (standard, tables) in new[] { (S2012, Tables2012), (S2026, Tables2026()) })
        {
            foreach (var (table, expected) in tables)
            {
                Assert.Equal(expected.Select(v => (decimal?)v), standard.Breakpoints(table));
            }
        }
    }

    [Fact]
    public void Under_2012_every_breakpoint_scores_its_level_just_below_and_level_plus_1_just_above()
    {
        foreach (var (table, breakpoints) in Tables2012)
        {
            // CO is in mg/m³ and steeper: a smaller step keeps the IAQI move below one point.
            var step = table.Pollutant == Pollutant.CO ? 0.001m : 0.01m;
            for (var i = 0; i < Levels.Length && breakpoints[i] is { } bp; i++)
            {
                Assert.Equal(Levels[i], AqiCalculator.Iaqi(S2012, table, bp));
                if (i > 0)
                {
                    Assert.Equal(Levels[i], AqiCalculator.Iaqi(S2012, table, bp - step));
                }

                if (i + 1 < Levels.Length && breakpoints[i + 1] is not null)
                {
                    Assert.Equal(Levels[i] + 1, AqiCalculator.Iaqi(S2012, table, bp + step));
                }
            }
        }
    }

    [Fact]
    public void Under_2026_every_breakpoint_scores_its_level_and_rounding_decides_the_neighbours()
    {
        foreach (var (table, breakpoints) in Tables2026())
        {
            // Concentrations are rounded first (GB/T 8170): integers, CO one decimal (tenths here).
            var scale = table.Pollutant == Pollutant.CO ? 10 : 1;
            var unit = 1m / scale;
            for (var i = 0; i < Levels.Length && breakpoints[i] is { } bp; i++)
            {
                Assert.Equal(Levels[i], AqiCalculator.Iaqi(S2026, table, bp));

                // Less than half a unit above rounds back onto the breakpoint.
                Assert.Equal(Levels[i], AqiCalculator.Iaqi(S2026, table, bp + (unit * 0.4m)));
                if (i + 1 < Levels.Length && breakpoints[i + 1] is { } next)
                {
                    var rise = CeilDiv(Levels[i + 1] - Levels[i], (next - bp) * scale);
                    Assert.Equal(Levels[i] + rise, AqiCalculator.Iaqi(S2026, table, bp + unit));
                }

                if (i > 0 && breakpoints[i - 1] is { } previous)
                {
                    var drop = (Levels[i] - Levels[i - 1]) / ((bp - previous) * scale);
                    Assert.Equal(Levels[i] - drop, AqiCalculator.Iaqi(S2026, table, bp - unit));
                }
            }
        }
    }

    [Fact]
    public void Pm25_at_75_is_IAQI_100_under_2012()
    {
        Assert.Equal(100, AqiCalculator.Iaqi(S2012, new AqiTable(Pollutant.PM25, Averaging.TwentyFourHour), 75m));
    }

    [Fact]
    public void Pm25_at_60_is_IAQI_100_under_2026_and_82_under_2012()
    {
        var table = new AqiTable(Pollutant.PM25, Averaging.TwentyFourHour);
        Assert.Equal(100, AqiCalculator.Iaqi(S2026, table, 60m));
        Assert.Equal(82, AqiCalculator.Iaqi(S2012, table, 60m));
    }

    [Fact]
    public void Pm25_at_75_is_IAQI_114_under_2026()
    {
        Assert.Equal(114, AqiCalculator.Iaqi(S2026, new AqiTable(Pollutant.PM25, Averaging.TwentyFourHour), 75m));
    }

    [Fact]
    public void Pm10_at_120_is_IAQI_100_under_2026_and_85_under_2012()
    {
        var table = new AqiTable(Pollutant.PM10, Averaging.TwentyFourHour);
        Assert.Equal(100, AqiCalculator.Iaqi(S2026, table, 120m));
        Assert.Equal(85, AqiCalculator.Iaqi(S2012, table, 120m));
    }

    [Fact]
    public void IAQI_is_rounded_up_not_to_nearest()
    {
        // 50 + 50 × 0.1 / 40 = 50.125 → 51 (全部进位).
        Assert.Equal(51, AqiCalculator.Iaqi(S2012, new AqiTable(Pollutant.PM25, Averaging.TwentyFourHour), 35.1m));
    }

    [Fact]
    public void Whole_quotients_are_not_pushed_up_by_decimal_division()
    {
        // 50 × 21 / 35 = 30 exactly; an inexact 50/35 would give 30.000…1 and round up to 31.
        Assert.Equal(30, AqiCalculator.Iaqi(S2012, new AqiTable(Pollutant.PM25, Averaging.TwentyFourHour), 21m));
    }

    [Fact]
    public void Concentration_above_the_top_breakpoint_scores_500_under_both()
    {
        foreach (var standard in AqiStandards.All)
        {
            Assert.Equal(500, AqiCalculator.Iaqi(standard, new AqiTable(Pollutant.PM25, Averaging.TwentyFourHour), 501m));
            Assert.Equal(500, AqiCalculator.Iaqi(standard, new AqiTable(Pollutant.SO2, Averaging.TwentyFourHour), 9000m));
        }
    }

    [Fact]
    public void Negative_concentration_has_no_IAQI()
    {
        Assert.Null(AqiCalculator.Iaqi(S2012, new AqiTable(Pollutant.NO2, Averaging.OneHour), -1m));
    }

    private static int CeilDiv(int numerator, int denominator) => (numerator + denominator - 1) / denominator;
}
