using System.Globalization;
using System.Text;
using Vigil.Common;

namespace Vigil.Monitoring;

/// <summary>
/// The CSV contract of <c>vigil aqi</c> (issue 4): input <c>time,station,SO2,NO2,PM10,PM2.5,CO,O3</c> read into an
/// <see cref="AqiInput"/>, hourly and daily outputs written as UTF-8 in blocks of lines. The rows are split into blocks
/// computed on every core; the blocks are handed to <c>write</c> in input order, so the output does not depend on the
/// number of cores. Pure: the host reads the file and writes the blocks.
/// </summary>
public static class AqiCsv
{
    public const string InputHeader = "time,station,SO2,NO2,PM10,PM2.5,CO,O3";
    public const string HourlyHeader = "time,station,AQI,primary,category,IAQI_SO2,IAQI_NO2,IAQI_PM10,IAQI_PM2.5,IAQI_CO,IAQI_O3";
    public const string DailyHeader = "date,station,SO2,NO2,PM10,PM2.5,CO,O3_8h_max,O3_1h_max,AQI,primary,category";

    private const int BlockRows = 16_384;

    /// <summary>Decimals shown for the daily values: means 1 (CO 2), O₃ 8-hour maximum 1, O₃ 1-hour maximum 1.</summary>
    private static readonly int[] DailyDecimals = [1, 1, 1, 1, 2, 1, 1];

    /// <summary>
    /// Hourly output, header first, in input order; null, or a problem naming the first row without a standard (then
    /// nothing is written).
    /// </summary>
    public static Problem? WriteHourly(AqiInput input, AqiStandard? forced, Action<ReadOnlyMemory<byte>> write)
    {
        if (MissingStandard(input, forced) is { } problem)
        {
            return problem;
        }

        var names = new OutputNames(input, hourly: true);
        var so2 = new So2History(input);
        WriteBlocks(HourlyHeader, (input.Count + BlockRows - 1) / BlockRows, write, (block, lines) =>
        {
            var picker = new StandardPicker(forced);
            Span<long> values = stackalloc long[AqiInput.ValueCount];
            for (var i = block * BlockRows; i < Math.Min(input.Count, (block + 1) * BlockRows); i++)
            {
                var standard = picker.For(input.Ticks(i));
                input.Values(i).CopyTo(values);

                // HJ 633-2012 reports the SO₂ 24-hour IAQI when the 1-hour value exceeds 800 (AQ-AQI): the station's
                // moving 24-hour mean ending at this hour, valid with ≥ 20 hourly values (AQ-VALID).
                var so2Day = values[0] != AqiEngine.MissingNano && values[0] > 800 * ExactValue.NanoPerUnit
                    ? so2.MovingMean(input.Station(i), input.Ticks(i), standard.Validity)
                    : ExactValue.Missing;
                standard.Engine.Hourly(values, so2Day, out var figures);
                lines.Add(new DateTime(input.Ticks(i)), withTime: true);
                lines.Add((byte)',');
                lines.Add(names.Station(input.Station(i)));
                lines.Add((byte)',');
                AddResult(lines, names, standard, figures);
                for (var k = 0; k < figures.Count; k++)
                {
                    lines.Add((byte)',');
                    AddNumber(lines, figures.IaqiAt(k));
                }

                lines.Add((byte)'\n');
            }
        });
        return null;
    }

    /// <summary>
    /// Daily output per station and natural day (the hours whose local time falls on that date), in input order of
    /// first appearance: valid 24-hour means (AQ-VALID ≥ 20 hours), O₃ daily maximum 8-hour mean and maximum 1-hour
    /// value, then the daily AQI; null, or a problem naming the first row without a standard.
    /// </summary>
    public static Problem? WriteDaily(AqiInput input, AqiStandard? forced, Action<ReadOnlyMemory<byte>> write)
    {
        if (MissingStandard(input, forced) is { } problem)
        {
            return problem;
        }

        var names = new OutputNames(input, hourly: false);
        var days = StationDays.Group(input);
        var blockDays = BlockRows / 24;
        WriteBlocks(DailyHeader, (days.Count + blockDays - 1) / blockDays, write, (block, lines) =>
        {
            var picker = new StandardPicker(forced);
            var day = new DayValues();
            Span<ExactValue> values = stackalloc ExactValue[AqiEngine.DailyTables.Length];
            for (var d = block * blockDays; d < Math.Min(days.Count, (block + 1) * blockDays); d++)
            {
                var rows = days.Rows(d);
                var first = rows[0];
                var standard = picker.For(input.Ticks(first));
                day.Compute(input, rows, standard.Validity, values);
                standard.Engine.Daily(values, out var figures);
                lines.Add(new DateTime(input.Ticks(first)), withTime: false);
                lines.Add((byte)',');
                lines.Add(names.Station(input.Station(first)));
                for (var k = 0; k < values.Length; k++)
                {
                    lines.Add((byte)',');
                    day.AddShown(lines, k, DailyDecimals[k]);
                }

                lines.Add((byte)',');
                AddResult(lines, names, standard, figures);
                lines.Add((byte)'\n');
            }
        });
        return null;
    }

    /// <summary>Primary pollutant codes: O3 for the hour; O3_8h or O3_1h for the day, as the daily columns name them.</summary>
    public static string PrimaryCode(AqiTable table, bool hourly) => table.Pollutant != Pollutant.O3 || hourly
        ? Pollutants.Code(table.Pollutant)
        : table.Averaging == Averaging.EightHour ? "O3_8h" : "O3_1h";

    /// <summary>AQ-STD: the first row whose date has no standard in force (unless one is forced).</summary>
    private static Problem? MissingStandard(AqiInput input, AqiStandard? forced)
    {
        var picker = new StandardPicker(forced);
        for (var i = 0; i < input.Count; i++)
        {
            if (picker.TryFor(input.Ticks(i)) is null)
            {
                var row = input.Row(i);
                var date = new DateTime(input.Ticks(i)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                return new Problem($"row {row}, column time", "standard.none", MonitoringText.Catalog.Format("standard.none", row, date));
            }
        }

        return null;
    }

    /// <summary>Blocks computed in parallel a few at a time and written in order, each in a pooled buffer.</summary>
    private static void WriteBlocks(string header, int blocks, Action<ReadOnlyMemory<byte>> write, Action<int, Utf8Lines> compute)
    {
        write(Encoding.UTF8.GetBytes(header + "\n"));
        var wave = Math.Max(2, Environment.ProcessorCount * 2);
        var buffers = new Utf8Lines[wave];
        for (var start = 0; start < blocks; start += wave)
        {
            var count = Math.Min(wave, blocks - start);
            Parallel.For(0, count, k =>
            {
                buffers[k] = new Utf8Lines(BlockRows * 64);
                compute(start + k, buffers[k]);
            });
            for (var k = 0; k < count; k++)
            {
                write(buffers[k].Written);
                buffers[k].Dispose();
            }
        }
    }

    private static void AddResult(Utf8Lines lines, OutputNames names, AqiStandard standard, in AqiFigures figures)
    {
        AddNumber(lines, figures.Aqi);
        lines.Add((byte)',');
        var separator = false;
        for (var k = 0; k < figures.Count; k++)
        {
            if ((figures.PrimaryMask & (1 << k)) != 0)
            {
                if (separator)
                {
                    lines.Add((byte)';');
                }

                lines.Add(names.Primary(k));
                separator = true;
            }
        }

        lines.Add((byte)',');
        if (figures.Category >= 0)
        {
            lines.Add(names.Category(standard, figures.Category));
        }
    }

    private static void AddNumber(Utf8Lines lines, int value)
    {
        if (value >= 0)
        {
            lines.Add(value);
        }
    }

    /// <summary>The standard of a row: the forced one, else the one in force on its date, looked up once per day.</summary>
    private sealed class StandardPicker(AqiStandard? forced)
    {
        private long _day = long.MinValue;
        private AqiStandard? _standard;

        public AqiStandard? TryFor(long ticks)
        {
            var day = ticks / TimeSpan.TicksPerDay;
            if (day != _day)
            {
                _day = day;
                _standard = forced ?? AqiStandards.ForDate(DateOnly.FromDayNumber((int)day));
            }

            return _standard;
        }

        public AqiStandard For(long ticks) => TryFor(ticks)!;
    }

    /// <summary>UTF-8 of the station codes, primary pollutant codes and category names (in the caller's UI language).</summary>
    private sealed class OutputNames
    {
        private readonly byte[][] _stations;
        private readonly byte[][] _primary;
        private readonly Dictionary<AqiStandard, byte[][]> _categories;

        public OutputNames(AqiInput input, bool hourly)
        {
            _stations = [.. input.Stations.Select(Encoding.UTF8.GetBytes)];
            var tables = hourly ? AqiEngine.HourlyTables : AqiEngine.DailyTables;
            _primary = [.. tables.Select(t => Encoding.UTF8.GetBytes(PrimaryCode(t, hourly)))];
            _categories = AqiStandards.All.ToDictionary(s => s, s => s.Categories.Select(c => Encoding.UTF8.GetBytes(c.Name)).ToArray());
        }

        public byte[] Station(int id) => _stations[id];

        public byte[] Primary(int slot) => _primary[slot];

        public byte[] Category(AqiStandard standard, int index) => _categories[standard][index];
    }

    /// <summary>The SO₂ hours of the stations that ever exceed 800, for the moving 24-hour mean (rarely needed).</summary>
    private sealed class So2History
    {
        private readonly Dictionary<(int Station, long Ticks), long> _so2 = [];

        public So2History(AqiInput input)
        {
            var stations = new HashSet<int>();
            for (var i = 0; i < input.Count; i++)
            {
                var so2 = input.Values(i)[0];
                if (so2 != AqiEngine.MissingNano && so2 > 800 * ExactValue.NanoPerUnit)
                {
                    stations.Add(input.Station(i));
                }
            }

            for (var i = 0; stations.Count > 0 && i < input.Count; i++)
            {
                if (stations.Contains(input.Station(i)) && input.Values(i)[0] != AqiEngine.MissingNano)
                {
                    _so2[(input.Station(i), input.Ticks(i))] = input.Values(i)[0];
                }
            }
        }

        /// <summary>AQ-VALID: the mean of the station's SO₂ over the 24 hours ending at this one, with ≥ 20 values.</summary>
        public ExactValue MovingMean(int station, long ticks, ValidityMinimums minimums)
        {
            long sum = 0;
            var count = 0;
            for (var h = 0; h < 24; h++)
            {
                if (_so2.TryGetValue((station, ticks - (h * TimeSpan.TicksPerHour)), out var value))
                {
                    sum += value;
                    count++;
                }
            }

            return count >= minimums.DailyHours && count > 0 ? ExactValue.Mean(sum, count) : ExactValue.Missing;
        }
    }
}
