using System.Runtime.CompilerServices;

namespace Vigil.Monitoring;

/// <summary>The sub-indices of one result, in the order of <see cref="AqiEngine.HourlyTables"/> or <see cref="AqiEngine.DailyTables"/>.</summary>
[InlineArray(AqiEngine.MaxSubIndices)]
internal struct IaqiSlots
{
    private int _first;
}

/// <summary>
/// An AQI result without allocation: sub-indices (<see cref="IaqiColumn.None"/> where missing), the computed and
/// published AQI (−1 when none), bit masks over the sub-indices for the primary and exceeding pollutants, and the
/// category's index in <see cref="AqiStandard.Categories"/> (−1 when none).
/// </summary>
public struct AqiFigures
{
    internal IaqiSlots Iaqi;

    public int Count { readonly get; internal set; }

    public int Computed { readonly get; internal set; }

    public int Aqi { readonly get; internal set; }

    public bool Complete { readonly get; internal set; }

    public int PrimaryMask { readonly get; internal set; }

    public int ExceedingMask { readonly get; internal set; }

    public int Category { readonly get; internal set; }

    /// <summary>The sub-index in slot <paramref name="slot"/>.</summary>
    public readonly int IaqiAt(int slot) => Iaqi[slot];
}

/// <summary>
/// A standard compiled for computing (AQ-AQI): its breakpoint columns as lookup tables (<see cref="IaqiColumn"/>) and
/// the combination of sub-indices into the AQI. The one computation behind <see cref="AqiCalculator"/>, the CLI, the
/// station pages and the statistics. Inputs are the values valid in force: the caller decides validity (HJ 212 flags,
/// review verdicts) and passes <see cref="ExactValue.Missing"/> or <see cref="MissingNano"/> for the others.
/// </summary>
public sealed class AqiEngine
{
    public const int MaxSubIndices = 7;

    /// <summary>No valid value, in a row of measured values in units of 10⁻⁹.</summary>
    public const long MissingNano = long.MinValue;

    /// <summary>Real-time (hourly) AQI columns: 1-hour gases, PM on the 24-hour breakpoints (AQ-AQI).</summary>
    public static readonly AqiTable[] HourlyTables =
    [
        new(Pollutant.SO2, Averaging.OneHour), new(Pollutant.NO2, Averaging.OneHour), new(Pollutant.PM10, Averaging.TwentyFourHour),
        new(Pollutant.PM25, Averaging.TwentyFourHour), new(Pollutant.CO, Averaging.OneHour), new(Pollutant.O3, Averaging.OneHour),
    ];

    /// <summary>Daily AQI columns: 24-hour means, O₃ daily maximum 8-hour mean, O₃ maximum 1-hour value (AQ-AQI).</summary>
    public static readonly AqiTable[] DailyTables =
    [
        new(Pollutant.SO2, Averaging.TwentyFourHour), new(Pollutant.NO2, Averaging.TwentyFourHour), new(Pollutant.PM10, Averaging.TwentyFourHour),
        new(Pollutant.PM25, Averaging.TwentyFourHour), new(Pollutant.CO, Averaging.TwentyFourHour), new(Pollutant.O3, Averaging.EightHour),
        new(Pollutant.O3, Averaging.OneHour),
    ];

    private readonly Dictionary<AqiTable, IaqiColumn> _columns = [];
    private readonly IaqiColumn[] _hourly;
    private readonly IaqiColumn[] _daily;
    private readonly int[] _categoryMax;

    internal AqiEngine(AqiStandard standard)
    {
        Standard = standard;
        foreach (var table in HourlyTables.Concat(DailyTables).Distinct())
        {
            _columns[table] = new IaqiColumn(this, table, standard.Breakpoints(table), standard.IaqiLevels, standard);
        }

        _hourly = [.. HourlyTables.Select(t => _columns[t])];
        _daily = [.. DailyTables.Select(t => _columns[t])];
        _categoryMax = [.. standard.Categories.Select(c => c.MaxAqi ?? int.MaxValue)];
    }

    public AqiStandard Standard { get; }

    public IaqiColumn Column(AqiTable table) => _columns[table];

    /// <summary>
    /// Hourly AQI of six measured values in units of 10⁻⁹ (SO₂, NO₂, PM₁₀, PM₂.₅, CO, O₃; <see cref="MissingNano"/>
    /// when not valid). <paramref name="so2TwentyFourHour"/> is the SO₂ 24-hour mean HJ 633-2012 reports above 800.
    /// </summary>
    public void Hourly(ReadOnlySpan<long> nano, ExactValue so2TwentyFourHour, out AqiFigures figures)
    {
        figures = default;
        figures.Count = _hourly.Length;
        for (var i = 0; i < _hourly.Length; i++)
        {
            figures.Iaqi[i] = nano[i] == MissingNano ? IaqiColumn.None : _hourly[i].Iaqi(nano[i], i == 0 ? so2TwentyFourHour : ExactValue.Missing);
        }

        Combine(ref figures);
    }

    /// <summary>Hourly AQI of six exact values (SO₂, NO₂, PM₁₀, PM₂.₅, CO, O₃).</summary>
    public void Hourly(ReadOnlySpan<ExactValue> values, ExactValue so2TwentyFourHour, out AqiFigures figures)
    {
        figures = default;
        figures.Count = _hourly.Length;
        for (var i = 0; i < _hourly.Length; i++)
        {
            figures.Iaqi[i] = _hourly[i].Iaqi(values[i], i == 0 ? so2TwentyFourHour : ExactValue.Missing);
        }

        Combine(ref figures);
    }

    /// <summary>
    /// Daily AQI of seven values: the 24-hour means of SO₂, NO₂, PM₁₀, PM₂.₅ and CO, the O₃ daily maximum 8-hour mean
    /// and the O₃ maximum 1-hour value (which HJ 633-2012 also reports for an 8-hour mean above 800).
    /// </summary>
    public void Daily(ReadOnlySpan<ExactValue> values, out AqiFigures figures)
    {
        figures = default;
        figures.Count = _daily.Length;
        for (var i = 0; i < _daily.Length; i++)
        {
            figures.Iaqi[i] = _daily[i].Iaqi(values[i], i == 5 ? values[6] : ExactValue.Missing);
        }

        Combine(ref figures);
    }

    private void Combine(ref AqiFigures f)
    {
        var computed = IaqiColumn.None;
        var complete = true;
        for (var i = 0; i < f.Count; i++)
        {
            computed = Math.Max(computed, f.Iaqi[i]);
            complete &= f.Iaqi[i] != IaqiColumn.None;
        }

        // AQ-AQI: with a pollutant missing the AQI comes from the others; the standard may publish it only above a value.
        var s = Standard;
        var published = computed != IaqiColumn.None && (complete || s.PublishOnlyAboveAqi is not { } threshold || computed > threshold) ? computed : -1;
        f.Computed = computed;
        f.Complete = complete;
        f.Aqi = published;
        f.Category = -1;
        for (var i = 0; i < f.Count; i++)
        {
            // AQ-AQI: primary pollutant(s) only when AQI > 50, ties name all of them; exceeding when IAQI > 100.
            if (published > s.PrimaryPollutantAboveAqi && f.Iaqi[i] == published)
            {
                f.PrimaryMask |= 1 << i;
            }

            if (f.Iaqi[i] > s.ExceedingAboveIaqi)
            {
                f.ExceedingMask |= 1 << i;
            }
        }

        if (published >= 0)
        {
            var category = 0;
            while (published > _categoryMax[category])
            {
                category++;
            }

            f.Category = category;
        }
    }
}
