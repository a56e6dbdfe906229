namespace Vigil.Monitoring;

/// <summary>Why a yearly statistic is invalid (AQ-VALID): too few days overall, or a month short of its minimum.</summary>
public sealed record AnnualValidity(bool IsValid, int ValidDays, IReadOnlyList<int> MonthsShort);

/// <summary>Validity of statistics (AQ-VALID, GB 3095 table 4) with minimums taken from the standard.</summary>
public static class Validity
{
    /// <summary>AQ-VALID: a 1-hour mean needs ≥ 45 minutes of sampling in the hour.</summary>
    public static bool IsHourValid(ValidityMinimums minimums, int samplingMinutes) => samplingMinutes >= minimums.HourMinutes;

    /// <summary>
    /// AQ-VALID: the 1-hour mean of a station sending minute data (CN 2051 carries one value per minute); each valid
    /// minute value is a minute of sampling, so the mean needs ≥ 45 of them; null when invalid.
    /// </summary>
    public static decimal? HourlyMeanFromMinutes(ValidityMinimums minimums, IEnumerable<decimal?> minuteValues) =>
        MeanIfAtLeast(minuteValues, minimums.HourMinutes);

    /// <summary>AQ-VALID: a 24-hour mean needs ≥ 20 hourly values in the natural day; null when invalid.</summary>
    public static decimal? DailyMean(ValidityMinimums minimums, IEnumerable<decimal?> hourlyValues) =>
        MeanIfAtLeast(hourlyValues, minimums.DailyHours);

    /// <summary>AQ-VALID: an O₃ 8-hour mean needs ≥ 6 hourly values in the 8 hours; null when invalid.</summary>
    public static decimal? EightHourMean(ValidityMinimums minimums, IEnumerable<decimal?> eightHours) =>
        MeanIfAtLeast(eightHours, minimums.O3EightHourHours);

    /// <summary>
    /// AQ-VALID: the O₃ daily maximum 8-hour mean is the largest 8-hour moving mean within the natural day, so
    /// only windows inside the day count (hours 0–7 … 16–23, 17 windows). HJ 663 asks for ≥ 14 valid windows.
    /// </summary>
    /// <param name="minimums">Minimums of the standard in force.</param>
    /// <param name="dayHours">24 slots, hour 0 to 23 of the day; null = no valid hourly value.</param>
    public static decimal? O3DailyMaxEightHour(ValidityMinimums minimums, IReadOnlyList<decimal?> dayHours)
    {
        if (dayHours.Count != 24)
        {
            throw new ArgumentException("A day has 24 hourly slots.", nameof(dayHours));
        }

        decimal? max = null;
        var validWindows = 0;
        for (var start = 0; start + 8 <= 24; start++)
        {
            if (EightHourMean(minimums, dayHours.Skip(start).Take(8)) is { } mean)
            {
                validWindows++;
                max = max is { } m && m >= mean ? m : mean;
            }
        }

        return validWindows >= minimums.O3DailyMaxWindows ? max : null;
    }

    /// <summary>O₃ maximum 1-hour value of the day (no minimum count in AQ-VALID beyond valid hours).</summary>
    public static decimal? MaxOneHour(IEnumerable<decimal?> dayHours) => dayHours.Max();

    /// <summary>AQ-VALID: an annual mean needs ≥ 324 daily means and ≥ 27 in each month (≥ 25 in February).</summary>
    public static AnnualValidity Annual(ValidityMinimums minimums, int year, IEnumerable<DateOnly> validDays)
    {
        var days = validDays.Where(d => d.Year == year).Distinct().ToList();
        var shortMonths = Enumerable.Range(1, 12)
            .Where(month => days.Count(d => d.Month == month) < (month == 2 ? minimums.FebruaryDays : minimums.MonthDays))
            .ToList();
        return new AnnualValidity(days.Count >= minimums.AnnualDays && shortMonths.Count == 0, days.Count, shortMonths);
    }

    private static decimal? MeanIfAtLeast(IEnumerable<decimal?> values, int minimum)
    {
        var sum = 0m;
        var count = 0;
        foreach (var value in values)
        {
            if (value is { } v)
            {
                sum += v;
                count++;
            }
        }

        return count >= minimum && count > 0 ? sum / count : null;
    }
}

/// <summary>A rate with its parts, so a report can show how it was obtained (AQ-SCORE).</summary>
public sealed record Rate(int Numerator, int Denominator)
{
    /// <summary>The ratio; 0 when nothing was expected.</summary>
    public decimal Value => Denominator <= 0 ? 0m : (decimal)Numerator / Denominator;
}

/// <summary>Capture and QC pass rates of a station's month (AQ-SCORE definitions).</summary>
public static class DataRates
{
    /// <summary>AQ-SCORE: hourly values expected = 24 × days × items, minus hours lost to force majeure.</summary>
    public static int ExpectedHourlyValues(int days, int items, int forceMajeureHours) =>
        Math.Max(0, (24 * days * items) - forceMajeureHours);

    /// <summary>AQ-SCORE: capture rate (数据获取率) = hourly values obtained / expected.</summary>
    public static Rate CaptureRate(int obtained, int expected) => new(obtained, expected);

    /// <summary>AQ-SCORE: QC pass rate (质控合格率) = QC-passed hourly values / expected.</summary>
    public static Rate QcPassRate(int qcPassed, int expected) => new(qcPassed, expected);

    /// <summary>AQ-SCORE: the capture rate must be ≥ 90%.</summary>
    public static bool MeetsCaptureMinimum(Rate capture) => capture.Denominator > 0 && capture.Numerator * 10L >= capture.Denominator * 9L;

    /// <summary>AQ-SCORE: the QC pass rate must be above 80% (exactly 80% fails: §四 is the stricter rule).</summary>
    public static bool MeetsQcMinimum(Rate qc) => qc.Denominator > 0 && qc.Numerator * 10L > qc.Denominator * 8L;
}
