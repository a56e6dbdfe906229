namespace Vigil.Monitoring;

/// <summary>One sub-index (空气质量分指数): the column used and its IAQI, or null when the value is missing.</summary>
public sealed record SubIndex(AqiTable Table, decimal? Concentration, int? Iaqi);

/// <summary>
/// An AQI result (AQ-AQI). <see cref="Aqi"/> is what may be published; <see cref="ComputedAqi"/> is the
/// maximum of the sub-indices present, kept even when the standard withholds publication.
/// </summary>
public sealed record AqiResult(
    string StandardId,
    int? Aqi,
    int? ComputedAqi,
    bool Complete,
    IReadOnlyList<SubIndex> SubIndices,
    IReadOnlyList<AqiTable> PrimaryPollutants,
    IReadOnlyList<AqiTable> ExceedingPollutants,
    AqiCategory? Category)
{
    public int? IaqiOf(AqiTable table) => SubIndices.FirstOrDefault(s => s.Table == table)?.Iaqi;
}

/// <summary>
/// Hourly concentrations, µg/m³ except CO in mg/m³. <c>So2TwentyFourHour</c> is the SO₂ 24-hour mean, used only
/// by HJ 633-2012 when SO₂ 1-hour exceeds 800.
/// </summary>
public sealed record HourlyConcentrations(
    decimal? SO2,
    decimal? NO2,
    decimal? PM10,
    decimal? PM25,
    decimal? CO,
    decimal? O3,
    decimal? So2TwentyFourHour = null);

/// <summary>Daily values: 24-hour means, O₃ daily maximum 8-hour mean and O₃ maximum 1-hour value.</summary>
public sealed record DailyConcentrations(
    decimal? SO2,
    decimal? NO2,
    decimal? PM10,
    decimal? PM25,
    decimal? CO,
    decimal? O3EightHourMax,
    decimal? O3OneHourMax);

/// <summary>IAQI and AQI (AQ-AQI), with every number taken from the <see cref="AqiStandard"/> passed in.</summary>
public static class AqiCalculator
{
    /// <summary>
    /// The IAQI of one concentration in one column, or null when the column has no answer (a special case that
    /// needs a value not given, a negative concentration).
    /// </summary>
    public static int? Iaqi(AqiStandard standard, AqiTable table, decimal concentration, decimal? fallbackConcentration = null)
    {
        // AQ-AQI 2026: concentrations are rounded (GB/T 8170) before the IAQI.
        var c = standard.Round(table.Pollutant, concentration);
        if (c < 0)
        {
            return null;
        }

        foreach (var rule in standard.AboveBreakpointRules)
        {
            if (rule.Table == table && c > rule.Above)
            {
                if (rule.Iaqi is { } fixedIaqi)
                {
                    return fixedIaqi;
                }

                // HJ 633-2012: report the IAQI of the other averaging time instead (SO₂ 24-hour, O₃ 1-hour).
                return fallbackConcentration is { } other && rule.UseTable is { } use ? Iaqi(standard, use, other) : null;
            }
        }

        var breakpoints = standard.Breakpoints(table);
        var levels = standard.IaqiLevels;
        for (var i = 0; i + 1 < breakpoints.Count; i++)
        {
            if (breakpoints[i] is not { } low || breakpoints[i + 1] is not { } high)
            {
                break;
            }

            if (c < high)
            {
                // IAQI = (IH − IL)/(BPH − BPL) × (C − BPL) + IL, rounded up (全部进位取整数).
                return levels[i] + CeilingDivide((levels[i + 1] - levels[i]) * (c - low), high - low);
            }
        }

        var lastIndex = LastPresent(breakpoints);
        if (c == breakpoints[lastIndex])
        {
            return levels[lastIndex];
        }

        // Beyond the end of a column: only the top of the table has an answer (the cap); a column that stops
        // earlier without a special case has none.
        return lastIndex == breakpoints.Count - 1 ? standard.IaqiAboveHighestBreakpoint : null;
    }

    /// <summary>Real-time (hourly) AQI: 1-hour SO₂, NO₂, CO, O₃ and hourly PM on the PM 24-hour breakpoints (AQ-AQI).</summary>
    public static AqiResult Hourly(AqiStandard standard, HourlyConcentrations c) => Combine(standard,
    [
        Sub(standard, new AqiTable(Pollutant.SO2, Averaging.OneHour), c.SO2, c.So2TwentyFourHour),
        Sub(standard, new AqiTable(Pollutant.NO2, Averaging.OneHour), c.NO2),
        Sub(standard, new AqiTable(Pollutant.PM10, Averaging.TwentyFourHour), c.PM10),
        Sub(standard, new AqiTable(Pollutant.PM25, Averaging.TwentyFourHour), c.PM25),
        Sub(standard, new AqiTable(Pollutant.CO, Averaging.OneHour), c.CO),
        Sub(standard, new AqiTable(Pollutant.O3, Averaging.OneHour), c.O3),
    ]);

    /// <summary>Daily AQI: 24-hour means, O₃ daily maximum 8-hour mean and O₃ maximum 1-hour value (AQ-AQI).</summary>
    public static AqiResult Daily(AqiStandard standard, DailyConcentrations c) => Combine(standard,
    [
        Sub(standard, new AqiTable(Pollutant.SO2, Averaging.TwentyFourHour), c.SO2),
        Sub(standard, new AqiTable(Pollutant.NO2, Averaging.TwentyFourHour), c.NO2),
        Sub(standard, new AqiTable(Pollutant.PM10, Averaging.TwentyFourHour), c.PM10),
        Sub(standard, new AqiTable(Pollutant.PM25, Averaging.TwentyFourHour), c.PM25),
        Sub(standard, new AqiTable(Pollutant.CO, Averaging.TwentyFourHour), c.CO),
        Sub(standard, new AqiTable(Pollutant.O3, Averaging.EightHour), c.O3EightHourMax, c.O3OneHourMax),
        Sub(standard, new AqiTable(Pollutant.O3, Averaging.OneHour), c.O3OneHourMax),
    ]);

    private static SubIndex Sub(AqiStandard standard, AqiTable table, decimal? concentration, decimal? fallback = null) =>
        new(table, concentration, concentration is { } value ? Iaqi(standard, table, value, fallback) : null);

    private static AqiResult Combine(AqiStandard standard, SubIndex[] subIndices)
    {
        int? computed = subIndices.Any(s => s.Iaqi is not null) ? subIndices.Max(s => s.Iaqi ?? 0) : null;
        var complete = subIndices.All(s => s.Iaqi is not null);

        // AQ-AQI: with a pollutant missing the AQI comes from the others; HJ 633-2026 publishes it only above 100.
        var published = complete || standard.PublishOnlyAboveAqi is not { } threshold || computed > threshold ? computed : null;

        // AQ-AQI: primary pollutant(s) only when AQI > 50; ties name all of them.
        var primary = published is { } aqi && aqi > standard.PrimaryPollutantAboveAqi
            ? subIndices.Where(s => s.Iaqi == aqi).Select(s => s.Table).ToList()
            : [];
        var exceeding = subIndices.Where(s => s.Iaqi > standard.ExceedingAboveIaqi).Select(s => s.Table).ToList();
        return new AqiResult(
            standard.Id, published, computed, complete, subIndices, primary, exceeding,
            published is { } p ? standard.CategoryFor(p) : null);
    }

    private static int LastPresent(IReadOnlyList<decimal?> breakpoints)
    {
        var last = 0;
        while (last + 1 < breakpoints.Count && breakpoints[last + 1] is not null)
        {
            last++;
        }

        return last;
    }

    /// <summary>
    /// ⌈numerator / denominator⌉ exactly: decimal division of e.g. 50/35 is inexact, and a quotient that should be
    /// a whole number must not be pushed to the next integer by the last digit.
    /// </summary>
    private static int CeilingDivide(decimal numerator, decimal denominator)
    {
        var q = decimal.Ceiling(numerator / denominator);
        while (q > 0 && (q - 1) * denominator >= numerator)
        {
            q--;
        }

        while (q * denominator < numerator)
        {
            q++;
        }

        return (int)q;
    }
}
