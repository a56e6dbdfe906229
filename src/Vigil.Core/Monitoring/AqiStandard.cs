using System.Globalization;

namespace Vigil.Monitoring;

/// <summary>An AQI category (空气质量指数级别) with its names and colour (AQ-AQI).</summary>
public sealed record AqiCategory(int Level, int? MaxAqi, string ChineseName, string EnglishName, string Colour)
{
    /// <summary>The name in the current UI culture: English for an English UI, Chinese otherwise (zh-CN first).</summary>
    public string Name => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? EnglishName : ChineseName;
}

/// <summary>
/// What replaces the breakpoint interpolation above a concentration (AQ-AQI special cases): either another
/// table's IAQI (HJ 633-2012: SO₂ 1-hour → 24-hour, O₃ 8-hour → 1-hour) or a fixed IAQI (HJ 633-2026).
/// </summary>
public sealed record AboveBreakpointRule(AqiTable Table, decimal Above, AqiTable? UseTable, int? Iaqi);

/// <summary>How concentrations are rounded before the IAQI (AQ-AQI 2026: GB/T 8170).</summary>
public enum ConcentrationRoundingMethod
{
    None,
    GbT8170,
}

/// <summary>Minimum data for a valid statistic (AQ-VALID, GB 3095 table 4).</summary>
public sealed record ValidityMinimums(
    int HourMinutes,
    int DailyHours,
    int O3EightHourHours,
    int O3DailyMaxWindows,
    int AnnualDays,
    int MonthDays,
    int FebruaryDays);

/// <summary>
/// One version of the AQI technical rule (HJ 633) with its air-quality standard (GB 3095), loaded from data
/// (AQ-STD): breakpoints, special cases, rounding, publication of incomplete hours, categories, validity.
/// </summary>
public sealed class AqiStandard
{
    private readonly IReadOnlyDictionary<AqiTable, decimal?[]> _breakpoints;
    private readonly IReadOnlyDictionary<Pollutant, int> _decimals;

    internal AqiStandard(
        string id,
        string title,
        string airQualityStandard,
        DateOnly effectiveFrom,
        DateOnly? effectiveUntil,
        int[] iaqiLevels,
        IReadOnlyDictionary<AqiTable, decimal?[]> breakpoints,
        IReadOnlyList<AboveBreakpointRule> rules,
        int iaqiAboveHighestBreakpoint,
        int primaryPollutantAboveAqi,
        int exceedingAboveIaqi,
        ConcentrationRoundingMethod rounding,
        IReadOnlyDictionary<Pollutant, int> decimals,
        int? publishOnlyAboveAqi,
        IReadOnlyList<AqiCategory> categories,
        ValidityMinimums validity)
    {
        Id = id;
        Title = title;
        AirQualityStandard = airQualityStandard;
        EffectiveFrom = effectiveFrom;
        EffectiveUntil = effectiveUntil;
        IaqiLevels = iaqiLevels;
        _breakpoints = breakpoints;
        AboveBreakpointRules = rules;
        IaqiAboveHighestBreakpoint = iaqiAboveHighestBreakpoint;
        PrimaryPollutantAboveAqi = primaryPollutantAboveAqi;
        ExceedingAboveIaqi = exceedingAboveIaqi;
        Rounding = rounding;
        _decimals = decimals;
        PublishOnlyAboveAqi = publishOnlyAboveAqi;
        Categories = categories;
        Validity = validity;
        Engine = new AqiEngine(this);
    }

    /// <summary>This standard compiled for computing: the lookup tables every AQI in Vigil is computed with.</summary>
    public AqiEngine Engine { get; }

    /// <summary>HJ633-2012 or HJ633-2026.</summary>
    public string Id { get; }

    public string Title { get; }

    public string AirQualityStandard { get; }

    public DateOnly EffectiveFrom { get; }

    /// <summary>Last day in force; null while current.</summary>
    public DateOnly? EffectiveUntil { get; }

    public IReadOnlyList<int> IaqiLevels { get; }

    public IReadOnlyList<AboveBreakpointRule> AboveBreakpointRules { get; }

    public int IaqiAboveHighestBreakpoint { get; }

    public int PrimaryPollutantAboveAqi { get; }

    public int ExceedingAboveIaqi { get; }

    public ConcentrationRoundingMethod Rounding { get; }

    /// <summary>With a pollutant missing, the AQI is published only above this value; null = always published.</summary>
    public int? PublishOnlyAboveAqi { get; }

    public IReadOnlyList<AqiCategory> Categories { get; }

    public ValidityMinimums Validity { get; }

    /// <summary>AQ-STD: the hour's own local date picks the version.</summary>
    public bool IsInForceOn(DateOnly date) => date >= EffectiveFrom && (EffectiveUntil is not { } until || date <= until);

    /// <summary>The breakpoints of a column, aligned with <see cref="IaqiLevels"/>; null where the table has none.</summary>
    public IReadOnlyList<decimal?> Breakpoints(AqiTable table) => _breakpoints[table];

    public AqiCategory CategoryFor(int aqi) => Categories.First(c => c.MaxAqi is not { } max || aqi <= max);

    /// <summary>The decimals a pollutant's concentration is rounded to under <see cref="ConcentrationRoundingMethod.GbT8170"/>.</summary>
    public int DecimalsOf(Pollutant pollutant) => _decimals.GetValueOrDefault(pollutant);

    public override string ToString() => Id;
}
