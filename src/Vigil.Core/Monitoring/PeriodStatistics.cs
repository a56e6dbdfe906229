namespace Vigil.Monitoring;

/// <summary>A period mean of one pollutant with how many valid daily means it rests on and whether that is enough.</summary>
public sealed record PeriodMean(Pollutant Pollutant, decimal? Mean, int ValidDays, int RequiredDays, bool Valid, IReadOnlyList<int> MonthsShort);

/// <summary>
/// Monthly and annual means from daily means (AQ-VALID, GB 3095 table 4): a monthly mean needs ≥ 27 daily means
/// (≥ 25 in February); an annual mean ≥ 324 daily means and the monthly minimum in every month. An invalid period
/// reports its count but no mean: "data that misses these minimums is invalid". Annual means are defined for SO₂,
/// NO₂, PM₁₀ and PM₂.₅; CO and O₃ are evaluated by percentiles (HJ 663) and are not averaged here.
/// </summary>
public static class PeriodStatistics
{
    private static readonly Pollutant[] MonthlyPollutants = [Pollutant.SO2, Pollutant.NO2, Pollutant.PM10, Pollutant.PM25, Pollutant.CO];
    private static readonly Pollutant[] AnnualPollutants = [Pollutant.SO2, Pollutant.NO2, Pollutant.PM10, Pollutant.PM25];

    public static IReadOnlyList<PeriodMean> Monthly(ValidityMinimums minimums, int year, int month, IReadOnlyDictionary<DateOnly, DailyConcentrations> days)
    {
        var required = month == 2 ? minimums.FebruaryDays : minimums.MonthDays;
        return [.. MonthlyPollutants.Select(p =>
        {
            var values = days.Where(d => d.Key.Year == year && d.Key.Month == month).Select(d => DailyValue(d.Value, p)).OfType<decimal>().ToList();
            var valid = values.Count >= required;
            return new PeriodMean(p, valid ? values.Average() : null, values.Count, required, valid, valid ? [] : [month]);
        })];
    }

    public static IReadOnlyList<PeriodMean> Annual(ValidityMinimums minimums, int year, IReadOnlyDictionary<DateOnly, DailyConcentrations> days) =>
        [.. AnnualPollutants.Select(p =>
        {
            var valid = days.Where(d => d.Key.Year == year && DailyValue(d.Value, p) is not null).ToList();
            var check = Validity.Annual(minimums, year, valid.Select(d => d.Key));
            return new PeriodMean(p, check.IsValid ? valid.Average(d => DailyValue(d.Value, p)!.Value) : null,
                check.ValidDays, minimums.AnnualDays, check.IsValid, check.MonthsShort);
        })];

    private static decimal? DailyValue(DailyConcentrations day, Pollutant pollutant) => pollutant switch
    {
        Pollutant.SO2 => day.SO2,
        Pollutant.NO2 => day.NO2,
        Pollutant.PM10 => day.PM10,
        Pollutant.PM25 => day.PM25,
        _ => day.CO,
    };
}
