using System.Globalization;
using System.Text;
using Vigil.Common;

namespace Vigil.Monitoring;

/// <summary>One input row of <c>vigil aqi</c>: hourly concentrations of a station (µg/m³, CO mg/m³, O₃ 1-hour).</summary>
public sealed record HourlyRow(int Row, DateTime Time, string Station, HourlyConcentrations Values);

/// <summary>
/// The CSV contract of <c>vigil aqi</c> (issue 4): input <c>time,station,SO2,NO2,PM10,PM2.5,CO,O3</c>, hourly and
/// daily outputs. Pure: lines in, lines out; the host does the file I/O.
/// </summary>
public static class AqiCsv
{
    public const string InputHeader = "time,station,SO2,NO2,PM10,PM2.5,CO,O3";
    public const string HourlyHeader = "time,station,AQI,primary,category,IAQI_SO2,IAQI_NO2,IAQI_PM10,IAQI_PM2.5,IAQI_CO,IAQI_O3";
    public const string DailyHeader = "date,station,SO2,NO2,PM10,PM2.5,CO,O3_8h_max,O3_1h_max,AQI,primary,category";

    private static readonly string[] Columns = InputHeader.Split(',');
    private static readonly string[] TimeFormats = ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"];

    /// <summary>Reads the input; stops at the first bad row with a problem naming its row (1 = header) and column.</summary>
    public static Problem? TryRead(IEnumerable<string> lines, out List<HourlyRow> rows)
    {
        rows = [];
        var seen = new HashSet<(string, DateTime)>();
        var row = 0;
        foreach (var raw in lines)
        {
            row++;
            var line = raw.TrimEnd('\r');
            if (row == 1)
            {
                if (line.TrimStart('\uFEFF') != InputHeader)
                {
                    return Fail("row 1", "csv.header", InputHeader);
                }

                continue;
            }

            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != Columns.Length)
            {
                return Fail($"row {row}", "csv.columns", row, Columns.Length, fields.Length);
            }

            if (!DateTime.TryParseExact(fields[0], TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                return Fail($"row {row}, column time", "csv.time", row, fields[0]);
            }

            var station = fields[1].Trim();
            if (station.Length == 0)
            {
                return Fail($"row {row}, column station", "csv.station", row);
            }

            var values = new decimal?[6];
            for (var i = 0; i < 6; i++)
            {
                var text = fields[i + 2].Trim();
                if (text.Length == 0)
                {
                    continue;
                }

                if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                {
                    return Fail($"row {row}, column {Columns[i + 2]}", "csv.value", row, Columns[i + 2], text);
                }

                values[i] = value;
            }

            if (!seen.Add((station, time)))
            {
                return Fail($"row {row}", "csv.duplicate", row, station, fields[0]);
            }

            rows.Add(new HourlyRow(row, time, station, new HourlyConcentrations(values[0], values[1], values[2], values[3], values[4], values[5])));
        }

        return row == 0 ? Fail("row 1", "csv.header", InputHeader) : null;
    }

    /// <summary>The standard for a row: the forced one, else the one in force on the hour's date (AQ-STD).</summary>
    private static AqiStandard? PickStandard(AqiStandard? forced, int row, DateOnly date, out Problem? problem)
    {
        var standard = forced ?? AqiStandards.ForDate(date);
        problem = standard is null
            ? Fail($"row {row}, column time", "standard.none", row, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            : null;
        return standard;
    }

    /// <summary>Hourly output lines (without header) for rows already read; null and a problem if a row has no standard.</summary>
    public static Problem? TryHourly(IReadOnlyList<HourlyRow> rows, AqiStandard? forced, out List<string> output)
    {
        output = [];
        var so2ByHour = rows.Where(r => r.Values.SO2 is not null).ToDictionary(r => (r.Station, r.Time), r => r.Values.SO2);
        foreach (var row in rows)
        {
            if (PickStandard(forced, row.Row, DateOnly.FromDateTime(row.Time), out var problem) is not { } standard)
            {
                return problem;
            }

            // HJ 633-2012 reports the SO₂ 24-hour IAQI when the 1-hour value exceeds 800 (AQ-AQI): the station's
            // moving 24-hour mean ending at this hour, valid with ≥ 20 hourly values (AQ-VALID).
            var values = row.Values;
            if (values.SO2 > 800)
            {
                var window = Enumerable.Range(0, 24).Select(h => so2ByHour.GetValueOrDefault((row.Station, row.Time.AddHours(-h))));
                values = values with { So2TwentyFourHour = Validity.DailyMean(standard.Validity, window) };
            }

            var result = AqiCalculator.Hourly(standard, values);
            var line = new StringBuilder()
                .Append(row.Time.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture)).Append(',')
                .Append(row.Station).Append(',');
            AppendResult(line, result, hourly: true);
            foreach (var sub in result.SubIndices)
            {
                line.Append(',').Append(Number(sub.Iaqi));
            }

            output.Add(line.ToString());
        }

        return null;
    }

    /// <summary>
    /// Daily output per station and natural day (the hours whose local time falls on that date), in input order of
    /// first appearance: valid 24-hour means (AQ-VALID ≥ 20 hours), O₃ daily maximum 8-hour mean and maximum
    /// 1-hour value, then the daily AQI.
    /// </summary>
    public static Problem? TryDaily(IReadOnlyList<HourlyRow> rows, AqiStandard? forced, out List<string> output)
    {
        output = [];
        foreach (var day in rows.GroupBy(r => (r.Station, Date: DateOnly.FromDateTime(r.Time))))
        {
            if (PickStandard(forced, day.First().Row, day.Key.Date, out var problem) is not { } standard)
            {
                return problem;
            }

            var minimums = standard.Validity;
            decimal? Mean(Func<HourlyConcentrations, decimal?> pick) => Validity.DailyMean(minimums, day.Select(r => pick(r.Values)));
            var o3Hours = new decimal?[24];
            foreach (var r in day)
            {
                o3Hours[r.Time.Hour] = r.Values.O3;
            }

            var daily = new DailyConcentrations(
                Mean(v => v.SO2), Mean(v => v.NO2), Mean(v => v.PM10), Mean(v => v.PM25), Mean(v => v.CO),
                Validity.O3DailyMaxEightHour(minimums, o3Hours), Validity.MaxOneHour(o3Hours));
            var result = AqiCalculator.Daily(standard, daily);
            var line = new StringBuilder()
                .Append(day.Key.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',')
                .Append(day.Key.Station);
            foreach (var (value, decimals) in new[]
            {
                (daily.SO2, 1), (daily.NO2, 1), (daily.PM10, 1), (daily.PM25, 1), (daily.CO, 2), (daily.O3EightHourMax, 1), (daily.O3OneHourMax, 1),
            })
            {
                line.Append(',').Append(Number(value, decimals));
            }

            line.Append(',');
            AppendResult(line, result, hourly: false);
            output.Add(line.ToString());
        }

        return null;
    }

    /// <summary>Primary pollutant codes: O3 for the hour; O3_8h or O3_1h for the day, as the daily columns name them.</summary>
    public static string PrimaryCode(AqiTable table, bool hourly) => table.Pollutant != Pollutant.O3 || hourly
        ? Pollutants.Code(table.Pollutant)
        : table.Averaging == Averaging.EightHour ? "O3_8h" : "O3_1h";

    private static void AppendResult(StringBuilder line, AqiResult result, bool hourly) =>
        line.Append(Number(result.Aqi)).Append(',')
            .Append(string.Join(';', result.PrimaryPollutants.Select(t => PrimaryCode(t, hourly)))).Append(',')
            .Append(result.Category?.Name ?? string.Empty);

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    // Display only (the IAQI uses the unrounded mean or the standard's own rounding): GB/T 8170 half-to-even.
    private static string Number(decimal? value, int decimals) =>
        value is { } v ? decimal.Round(v, decimals, MidpointRounding.ToEven).ToString(CultureInfo.InvariantCulture) : string.Empty;

    private static Problem Fail(string field, string code, params object[] args) => new(field, code, MonitoringText.Catalog.Format(code, args));
}
