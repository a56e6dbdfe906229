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

/// <summary>
/// IAQI and AQI (AQ-AQI) of decimal values, with every number taken from the <see cref="AqiStandard"/> passed in: the
/// standard's <see cref="AqiEngine"/> computes, this builds the result records the API and pages show.
/// </summary>
public static class AqiCalculator
{
    /// <summary>
    /// The IAQI of one concentration in one column, or null when the column has no answer (a special case that
    /// needs a value not given, a negative concentration).
    /// </summary>
    public static int? Iaqi(AqiStandard standard, AqiTable table, decimal concentration, decimal? fallbackConcentration = null) =>
        Value(standard.Engine.Column(table).Iaqi(ExactValue.From(concentration), ExactValue.From(fallbackConcentration)));

    /// <summary>Real-time (hourly) AQI: 1-hour SO₂, NO₂, CO, O₃ and hourly PM on the PM 24-hour breakpoints (AQ-AQI).</summary>
    public static AqiResult Hourly(AqiStandard standard, HourlyConcentrations c)
    {
        decimal?[] values = [c.SO2, c.NO2, c.PM10, c.PM25, c.CO, c.O3];
        Span<ExactValue> exact = stackalloc ExactValue[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            exact[i] = ExactValue.From(values[i]);
        }

        standard.Engine.Hourly(exact, ExactValue.From(c.So2TwentyFourHour), out var figures);
        return Result(standard, AqiEngine.HourlyTables, values, figures);
    }

    /// <summary>Daily AQI: 24-hour means, O₃ daily maximum 8-hour mean and O₃ maximum 1-hour value (AQ-AQI).</summary>
    public static AqiResult Daily(AqiStandard standard, DailyConcentrations c)
    {
        decimal?[] values = [c.SO2, c.NO2, c.PM10, c.PM25, c.CO, c.O3EightHourMax, c.O3OneHourMax];
        Span<ExactValue> exact = stackalloc ExactValue[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            exact[i] = ExactValue.From(values[i]);
        }

        standard.Engine.Daily(exact, out var figures);
        return Result(standard, AqiEngine.DailyTables, values, figures);
    }

    private static AqiResult Result(AqiStandard standard, AqiTable[] tables, decimal?[] values, in AqiFigures f)
    {
        var subIndices = new SubIndex[tables.Length];
        var primary = new List<AqiTable>();
        var exceeding = new List<AqiTable>();
        for (var i = 0; i < tables.Length; i++)
        {
            subIndices[i] = new SubIndex(tables[i], values[i], Value(f.IaqiAt(i)));
            if ((f.PrimaryMask & (1 << i)) != 0)
            {
                primary.Add(tables[i]);
            }

            if ((f.ExceedingMask & (1 << i)) != 0)
            {
                exceeding.Add(tables[i]);
            }
        }

        return new AqiResult(
            standard.Id, Value(f.Aqi), Value(f.Computed), f.Complete, subIndices, primary, exceeding,
            f.Category >= 0 ? standard.Categories[f.Category] : null);
    }

    private static int? Value(int iaqi) => iaqi >= 0 ? iaqi : null;
}
