using System.Globalization;
using System.Text;
using Vigil.Monitoring.Intake;
using Vigil.Protocols.Hj212;

namespace Vigil.Monitoring;

/// <summary>
/// One pollutant's hourly value with where it came from and whether it counts (AQ-DATA flags, AQ-VALID), and what
/// decided that: <see cref="StationDay.RawFlags"/> or <see cref="StationDay.Review"/> (AQ-REVIEW 第二十四条).
/// </summary>
public sealed record HourValue(decimal? Value, string? Flag, bool Valid, string Source, string ValidityBy = StationDay.RawFlags);

/// <summary>One hour of a station: the six pollutants and the hourly AQI (AQ-AQI, real-time).</summary>
public sealed record StationHour(int Hour, IReadOnlyDictionary<Pollutant, HourValue> Values, AqiResult Aqi);

/// <summary>
/// A station's natural day: 24 hours, the daily values with their validity, and the daily AQI; <paramref name="Validity"/>
/// says what decided validity: <see cref="StationDay.Review"/> once a decided review covers any of its hours.
/// </summary>
public sealed record StationDaySeries(
    DateOnly Date,
    string StandardId,
    IReadOnlyList<StationHour> Hours,
    DailyConcentrations Daily,
    AqiResult DailyAqi,
    string Validity = StationDay.RawFlags);

/// <summary>
/// Derives a station-day from raw readings (pure; the raw data is only read). Hourly values are the 2061 hourly
/// <c>Avg</c>; where a station sends only minute data (2051) the hour is the mean of its valid minutes when there
/// are ≥ 45 of them (AQ-VALID). A value counts only when its flag is valid (N or S, AQ-DATA). Daily means need
/// ≥ 20 valid hours, the O₃ daily maximum 8-hour mean ≥ 6 hours per window (AQ-VALID). HJ 212 labels an hourly
/// value with the hour it starts; the natural day is the station's local (Asia/Shanghai) date of that label.
/// Reviewed data is the data (AQ-REVIEW 第二十四条): where the national centre has decided a review, its verdict on an
/// hour replaces the raw flag, and the hourly and daily AQI follow it.
/// </summary>
public static class StationDay
{
    /// <summary>Validity decided by the raw HJ 212 data flags: no decided review covers the hour.</summary>
    public const string RawFlags = "raw-flags";

    /// <summary>Validity decided by a review the national centre accepted (or decided finally).</summary>
    public const string Review = "review";

    /// <param name="date">The local natural day.</param>
    /// <param name="readings">The raw readings (any days; others are skipped).</param>
    /// <param name="zone">The stations' time zone.</param>
    /// <param name="standard">The AQI standard to compute with.</param>
    /// <param name="verdicts">Verdicts of decided reviews by local date, hour and HJ 212 item; none: the raw flags decide.</param>
    public static StationDaySeries Build(
        DateOnly date, IEnumerable<RawReading> readings, TimeZoneInfo zone, AqiStandard standard,
        IReadOnlyDictionary<(DateOnly Date, int Hour, string Item), Review.ReviewMark>? verdicts = null)
    {
        var byHour = new Dictionary<(int Hour, Pollutant Pollutant), HourValue>();
        var minutes = new Dictionary<(int Hour, Pollutant Pollutant), List<decimal?>>();
        foreach (var reading in readings)
        {
            var local = TimeZoneInfo.ConvertTime(reading.DataTime, zone);
            if (DateOnly.FromDateTime(local.DateTime) != date || !TryPollutant(reading.Item, out var pollutant) || reading.Field != "Avg")
            {
                continue;
            }

            var parsed = decimal.TryParse(reading.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number);
            var valid = parsed && IsValidFlag(reading.Flag);
            var value = valid ? number : (decimal?)null;
            if (reading.Command == 2061)
            {
                byHour[(local.Hour, pollutant)] = verdicts?.GetValueOrDefault((date, local.Hour, reading.Item)) is { } verdict
                    ? new HourValue(parsed && verdict.Valid ? number : null, reading.Flag, parsed && verdict.Valid, "2061", Review)
                    : new HourValue(value, reading.Flag, valid, "2061");
            }
            else if (reading.Command == 2051)
            {
                if (!minutes.TryGetValue((local.Hour, pollutant), out var list))
                {
                    minutes[(local.Hour, pollutant)] = list = [];
                }

                list.Add(value);
            }
        }

        foreach (var ((hour, pollutant), values) in minutes)
        {
            if (!byHour.ContainsKey((hour, pollutant)))
            {
                var mean = Validity.HourlyMeanFromMinutes(standard.Validity, values);
                var verdict = verdicts?.GetValueOrDefault((date, hour, Pollutants.Hj212Code(pollutant)));
                var counts = mean is not null && verdict?.Valid != false;
                byHour[(hour, pollutant)] = new HourValue(counts ? decimal.Round(mean!.Value, 3) : null, null, counts, "2051", verdict is null ? RawFlags : Review);
            }
        }

        decimal? At(int hour, Pollutant p) => byHour.TryGetValue((hour, p), out var v) && v.Valid ? v.Value : null;
        var hours = new List<StationHour>(24);
        for (var hour = 0; hour < 24; hour++)
        {
            var values = Pollutants.All.ToDictionary(p => p, p => byHour.GetValueOrDefault((hour, p)) ?? new HourValue(null, null, false, ""));
            var aqi = AqiCalculator.Hourly(standard, new HourlyConcentrations(
                At(hour, Pollutant.SO2), At(hour, Pollutant.NO2), At(hour, Pollutant.PM10), At(hour, Pollutant.PM25), At(hour, Pollutant.CO), At(hour, Pollutant.O3)));
            hours.Add(new StationHour(hour, values, aqi));
        }

        decimal? Daily(Pollutant p) => Validity.DailyMean(standard.Validity, Enumerable.Range(0, 24).Select(h => At(h, p)));
        var o3 = Enumerable.Range(0, 24).Select(h => At(h, Pollutant.O3)).ToList();
        var daily = new DailyConcentrations(
            Daily(Pollutant.SO2), Daily(Pollutant.NO2), Daily(Pollutant.PM10), Daily(Pollutant.PM25), Daily(Pollutant.CO),
            Validity.O3DailyMaxEightHour(standard.Validity, o3), Validity.MaxOneHour(o3));
        var validity = byHour.Values.Any(v => v.ValidityBy == Review) ? Review : RawFlags;
        return new StationDaySeries(date, standard.Id, hours, daily, AqiCalculator.Daily(standard, daily), validity);
    }

    /// <summary>
    /// The validity in force of one stored reading and what decided it (AQ-REVIEW 第二十四条): a decided review's verdict
    /// on its local hour and item for hourly (2061) and minute (2051) averages, whose hour the review judged; otherwise
    /// (real-time and daily data, or an hour no decided review judged) its raw flag. The reading itself is not changed.
    /// </summary>
    public static (bool Valid, string By) ValidityOf(
        RawReading reading, TimeZoneInfo zone, IReadOnlyDictionary<(DateOnly Date, int Hour, string Item), Review.ReviewMark>? verdicts)
    {
        if (reading.Field == "Avg" && reading.Command is 2061 or 2051 && verdicts is { Count: > 0 })
        {
            var local = TimeZoneInfo.ConvertTime(reading.DataTime, zone);
            if (verdicts.GetValueOrDefault((DateOnly.FromDateTime(local.DateTime), local.Hour, reading.Item)) is { } verdict)
            {
                return (verdict.Valid, Review);
            }
        }

        return (IsValidFlag(reading.Flag), RawFlags);
    }

    /// <summary>Whether a stored HJ 212 data flag leaves the value valid (no flag at all: valid).</summary>
    internal static bool IsValidFlag(string? flag) =>
        flag is null || Hj212DataFlags.TryParse(Encoding.ASCII.GetBytes(flag), out var parsed) && parsed.IsValid();

    private static bool TryPollutant(string item, out Pollutant pollutant)
    {
        foreach (var p in Pollutants.All)
        {
            if (Pollutants.Hj212Code(p) == item)
            {
                pollutant = p;
                return true;
            }
        }

        pollutant = default;
        return false;
    }
}
