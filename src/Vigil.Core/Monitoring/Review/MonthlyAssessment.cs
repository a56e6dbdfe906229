using Vigil.Monitoring.Intake;

namespace Vigil.Monitoring.Review;

/// <summary>
/// An hourly value a station delivered for one item: obtained (实际获取), and whether its HJ 212 flags call it
/// valid (N or S, AQ-DATA). Built from the raw readings by <see cref="MonthlyAssessment.HourlyValues"/>.
/// </summary>
public sealed record ObtainedHour(DateOnly Date, int Hour, string Item, bool FlagValid);

/// <summary>One item's month: its counts, rates and whether it meets the GB 3095 validity minimum (AQ-SCORE §三).</summary>
/// <param name="Item">HJ 212 item code.</param>
/// <param name="ForceMajeureHours">Hours marked invalid for force majeure: deducted from those expected.</param>
/// <param name="Capture">Obtained / expected.</param>
/// <param name="QcPass">QC-passed / expected.</param>
/// <param name="ValidDays">Days whose QC-passed hours make a valid daily value.</param>
/// <param name="RequiredDays">Valid days the month needs; null for items GB 3095 sets no minimum for (meteorology).</param>
/// <param name="Score">0 when the item misses the minimum (§三), else the station's score; null without O&amp;M points.</param>
public sealed record ItemAssessment(
    string Item,
    int ForceMajeureHours,
    Rate Capture,
    Rate QcPass,
    int ValidDays,
    int? RequiredDays,
    decimal? Score)
{
    /// <summary>Null when GB 3095 sets no minimum for the item.</summary>
    public bool? MeetsValidity => RequiredDays is { } required ? ValidDays >= required : null;
}

/// <summary>A station's monthly assessment figures (AQ-SCORE, 附录2) as far as data decides them.</summary>
/// <param name="Station">Station code.</param>
/// <param name="Year">Year assessed.</param>
/// <param name="Month">Month assessed, 1–12.</param>
/// <param name="Capture">数据获取率 over all items.</param>
/// <param name="QcPass">数据质控合格率 over all items.</param>
/// <param name="MeetsCapture">§四: capture ≥ 90%.</param>
/// <param name="MeetsQc">§四: QC pass rate above 80% (exactly 80% fails).</param>
/// <param name="QcPoints">§五: the data part out of 70; 0 when a §四 gate fails.</param>
/// <param name="OmPoints">§六: the centre's O&amp;M inspection points (0–30), an input; null when not given.</param>
/// <param name="Total">Out of 100: the mean of the item scores; null without O&amp;M points.</param>
/// <param name="FeeShare">§七: the share of the period's full O&amp;M fee the score earns; null without a total.</param>
/// <param name="Items">Per item.</param>
/// <param name="Validity">What decided the hours' validity: <see cref="StationDay.Review"/> when a decided review judged
/// any hour of the month's items (AQ-REVIEW 第二十四条), else <see cref="StationDay.RawFlags"/>.</param>
public sealed record StationMonthAssessment(
    string Station,
    int Year,
    int Month,
    Rate Capture,
    Rate QcPass,
    bool MeetsCapture,
    bool MeetsQc,
    decimal QcPoints,
    decimal? OmPoints,
    decimal? Total,
    decimal? FeeShare,
    IReadOnlyList<ItemAssessment> Items,
    string Validity = StationDay.RawFlags)
{
    /// <summary>§八: the station fails validity when any of its items misses the GB 3095 minimum.</summary>
    public bool MeetsValidity => Items.All(i => i.MeetsValidity != false);
}

/// <summary>
/// Capture and QC pass rates and the monthly score of a station (AQ-SCORE, 附录2), from its raw hourly values and the
/// review verdicts in force. Pure. Decisions where 附录2 leaves a gap:
/// <list type="bullet">
/// <item>Obtained = an hourly value received for the item and hour (a 2061 hourly value with any flag, or ≥ 45
/// valid minutes of 2051 data where no hourly value came).</item>
/// <item>QC-passed = an obtained value the review left valid; an hour no review has judged counts by its flags
/// (N/S valid), so the rate is meaningful before the monthly review and exact after it.</item>
/// <item>Force majeure hours (expected minus) are the hours a review the national centre decided marked invalid with
/// reason force-majeure and evidence attached (第十八条(三) 「附有关证明材料」): the caller passes only decided
/// verdicts, and a mark without evidence leaves the hour expected, so the assessed agency cannot shrink its own
/// denominator by a note.</item>
/// <item>§三's GB 3095 minimum for a month is the annual rule's monthly part: ≥ 27 valid daily values (25 in
/// February), a daily value needing ≥ 20 QC-passed hours (SO₂, NO₂, PM₁₀, PM₂.₅, CO) or a valid O₃ daily maximum
/// 8-hour mean; meteorological items have no minimum.</item>
/// <item>§三 "该项目考核总分为0分": an item missing the minimum scores 0; the station's total is the mean of its
/// item scores, so the zero weighs on the station's fee instead of being a number nobody reads.</item>
/// </list>
/// </summary>
public static class MonthlyAssessment
{
    /// <summary>The §六 O&amp;M part is at most 30 points.</summary>
    public const decimal MaxOmPoints = 30m;

    /// <summary>§五: the data part is at most 70 points.</summary>
    public const decimal MaxQcPoints = 70m;

    /// <summary>The hourly values a station obtained, from its raw readings (local dates in Asia/Shanghai).</summary>
    public static IReadOnlyList<ObtainedHour> HourlyValues(IEnumerable<RawReading> readings, TimeZoneInfo zone, ValidityMinimums minimums)
    {
        var hourly = new Dictionary<(DateOnly, int, string), bool>();
        var minutes = new Dictionary<(DateOnly, int, string), int>();
        foreach (var reading in readings)
        {
            if (reading.Field != "Avg" || reading.Command is not (2061 or 2051))
            {
                continue;
            }

            var local = TimeZoneInfo.ConvertTime(reading.DataTime, zone);
            var key = (DateOnly.FromDateTime(local.DateTime), local.Hour, reading.Item);
            var valid = StationDay.IsValidFlag(reading.Flag);
            if (reading.Command == 2061)
            {
                hourly[key] = valid;
            }
            else if (valid)
            {
                minutes[key] = minutes.GetValueOrDefault(key) + 1;
            }
        }

        foreach (var (key, count) in minutes)
        {
            if (!hourly.ContainsKey(key) && Validity.IsHourValid(minimums, count))
            {
                hourly[key] = true;
            }
        }

        return [.. hourly.Select(h => new ObtainedHour(h.Key.Item1, h.Key.Item2, h.Key.Item3, h.Value))];
    }

    /// <summary>The month's figures.</summary>
    /// <param name="station">Station code.</param>
    /// <param name="year">Year.</param>
    /// <param name="month">Month 1–12.</param>
    /// <param name="items">The items the station measures (each is expected 24 values a day).</param>
    /// <param name="obtained">The hourly values obtained (see <see cref="HourlyValues"/>).</param>
    /// <param name="verdicts">The verdicts in force per hour and item: those of reviews the centre has decided.</param>
    /// <param name="minimums">Validity minimums of the standard in force.</param>
    /// <param name="omPoints">§六 points from the centre's inspection, 0–30, or null when not yet known.</param>
    public static StationMonthAssessment Assess(
        string station, int year, int month, IReadOnlyList<string> items, IEnumerable<ObtainedHour> obtained,
        IReadOnlyDictionary<(DateOnly Date, int Hour, string Item), ReviewMark> verdicts, ValidityMinimums minimums, decimal? omPoints)
    {
        if (omPoints is < 0 or > MaxOmPoints)
        {
            throw new ArgumentOutOfRangeException(nameof(omPoints), omPoints, "O&M points are 0 to 30.");
        }

        var first = new DateOnly(year, month, 1);
        var days = DateTime.DaysInMonth(year, month);
        var byItem = obtained.Where(h => h.Date.Year == year && h.Date.Month == month).ToLookup(h => h.Item);
        var counts = items.Select(item => Count(item, first, days, byItem[item], verdicts, minimums)).ToList();
        var capture = DataRates.CaptureRate(counts.Sum(c => c.Obtained), counts.Sum(c => c.Expected));
        var qc = DataRates.QcPassRate(counts.Sum(c => c.Passed), counts.Sum(c => c.Expected));
        var meetsCapture = DataRates.MeetsCaptureMinimum(capture);
        var meetsQc = DataRates.MeetsQcMinimum(qc);
        var qcPoints = meetsCapture && meetsQc ? QcPoints(qc) : 0m;
        decimal? stationScore = omPoints is { } om ? (meetsCapture && meetsQc ? qcPoints + om : 0m) : null;
        var assessed = counts.Select(c => new ItemAssessment(
            c.Item, c.ForceMajeure, DataRates.CaptureRate(c.Obtained, c.Expected), DataRates.QcPassRate(c.Passed, c.Expected),
            c.ValidDays, c.RequiredDays, c.RequiredDays is { } required && c.ValidDays < required ? 0m : stationScore)).ToList();
        decimal? total = stationScore is null || assessed.Count == 0 ? stationScore : decimal.Round(assessed.Average(i => i.Score!.Value), 2);
        var reviewed = verdicts.Keys.Any(k => k.Date.Year == year && k.Date.Month == month && items.Contains(k.Item));
        return new StationMonthAssessment(
            station, year, month, capture, qc, meetsCapture, meetsQc, qcPoints, omPoints, total, total is { } t ? FeeShare(t) : null, assessed,
            reviewed ? StationDay.Review : StationDay.RawFlags);
    }

    /// <summary>§五: QC pass rate ≥ 90% → 70 points; from 80% up to 90% → 70 × rate / 90%, to two decimals.</summary>
    public static decimal QcPoints(Rate qc) =>
        qc.Denominator > 0 && qc.Numerator * 10L >= qc.Denominator * 9L
            ? MaxQcPoints
            : decimal.Round(MaxQcPoints * qc.Numerator / (qc.Denominator * 0.9m), 2);

    /// <summary>§七: below 80 points no fee; 95 and above the full fee; in between score / 95 of it.</summary>
    public static decimal FeeShare(decimal score) => score < 80m ? 0m : score >= 95m ? 1m : decimal.Round(score / 95m, 4);

    private sealed record ItemCounts(string Item, int Expected, int Obtained, int Passed, int ForceMajeure, int ValidDays, int? RequiredDays);

    private static ItemCounts Count(
        string item, DateOnly first, int days, IEnumerable<ObtainedHour> hours,
        IReadOnlyDictionary<(DateOnly Date, int Hour, string Item), ReviewMark> verdicts, ValidityMinimums minimums)
    {
        var forceMajeure = verdicts
            .Where(v => v.Key.Item == item && v.Key.Date.Year == first.Year && v.Key.Date.Month == first.Month && v.Value is { Valid: false, Reason: InvalidReason.ForceMajeure, Evidence: { Length: > 0 } })
            .Select(v => v.Key).ToHashSet();
        var obtained = hours.Where(h => !forceMajeure.Contains((h.Date, h.Hour, h.Item))).ToList();
        var passed = obtained.Where(h => verdicts.TryGetValue((h.Date, h.Hour, h.Item), out var mark) ? mark.Valid : h.FlagValid).ToList();
        var required = RequiredDays(item, first.Month, minimums);
        var validDays = required is null ? 0 : passed.GroupBy(h => h.Date).Count(day => IsValidDay(item, [.. day.Select(h => h.Hour)], minimums));
        return new ItemCounts(item, DataRates.ExpectedHourlyValues(days, 1, forceMajeure.Count), obtained.Count, passed.Count, forceMajeure.Count, validDays, required);
    }

    private static readonly string[] DailyMeanItems = [.. new[] { Pollutant.SO2, Pollutant.NO2, Pollutant.PM10, Pollutant.PM25, Pollutant.CO }.Select(Pollutants.Hj212Code)];

    private static int? RequiredDays(string item, int month, ValidityMinimums minimums) =>
        DailyMeanItems.Contains(item) || item == Pollutants.Hj212Code(Pollutant.O3)
            ? month == 2 ? minimums.FebruaryDays : minimums.MonthDays
            : null;

    private static bool IsValidDay(string item, IReadOnlyCollection<int> passedHours, ValidityMinimums minimums)
    {
        if (item != Pollutants.Hj212Code(Pollutant.O3))
        {
            return passedHours.Count >= minimums.DailyHours;
        }

        var slots = Enumerable.Range(0, 24).Select(h => passedHours.Contains(h) ? 1m : (decimal?)null).ToList();
        return Validity.O3DailyMaxEightHour(minimums, slots) is not null;
    }
}
