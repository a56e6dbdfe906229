using BenchmarkDotNet.Attributes;
using Vigil.Monitoring;

namespace Vigil.Benchmarks;

/// <summary>
/// Per-row cost of the AQI path (issue 21) on a synthetic month of 100 stations (72,000 hourly rows, values like the
/// national publication, about 2 % missing), under each standard: reading a row's fields into columns, the engine's
/// hourly AQI of one row, the whole hourly and daily outputs as UTF-8 (both cores), and the decimal records the API
/// builds (AqiCalculator) for comparison.
/// </summary>
[MemoryDiagnoser]
public class AqiBenchmarks
{
    private const int Stations = 100;
    private const int Days = 30;
    private const int Rows = Stations * Days * 24;
    private const int EngineRows = 1024;

    private string[][] _records = [];
    private AqiInput _input = new();
    private long[] _nano = [];
    private HourlyConcentrations[] _decimals = [];
    private AqiStandard _standard = null!;

    [Params("HJ633-2012", "HJ633-2026")]
    public string Standard { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _standard = AqiStandards.ById(Standard)!;
        var random = new Random(21);
        var start = new DateTime(2026, 1, 1);
        var records = new List<string[]> { AqiCsv.InputHeader.Split(',') };
        for (var hour = 0; hour < Days * 24; hour++)
        {
            var time = start.AddHours(hour).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
            for (var s = 0; s < Stations; s++)
            {
                string Value(int max, bool decimals = false) => random.Next(50) == 0 ? "" : decimals
                    ? (random.Next(max * 10) / 10.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)
                    : random.Next(max).ToString(System.Globalization.CultureInfo.InvariantCulture);
                records.Add([time, $"S{s:0000}", Value(60), Value(120), Value(300), Value(200), Value(4, decimals: true), Value(250)]);
            }
        }

        _records = [.. records];
        _input = Read();
        _nano = new long[EngineRows * AqiInput.ValueCount];
        for (var i = 0; i < EngineRows; i++)
        {
            _input.Values(i).CopyTo(_nano.AsSpan(i * AqiInput.ValueCount));
        }

        decimal? At(long nano) => nano == AqiEngine.MissingNano ? null : nano / (decimal)ExactValue.NanoPerUnit;
        _decimals = [.. Enumerable.Range(0, EngineRows).Select(i => new HourlyConcentrations(
            At(_nano[i * 6]), At(_nano[(i * 6) + 1]), At(_nano[(i * 6) + 2]), At(_nano[(i * 6) + 3]), At(_nano[(i * 6) + 4]), At(_nano[(i * 6) + 5])))];
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public int Read_row_into_columns() => Read().Count;

    [Benchmark(OperationsPerInvoke = EngineRows)]
    public int Engine_hourly_AQI_of_a_row()
    {
        var sum = 0;
        for (var i = 0; i < EngineRows; i++)
        {
            _standard.Engine.Hourly(_nano.AsSpan(i * AqiInput.ValueCount, AqiInput.ValueCount), ExactValue.Missing, out var figures);
            sum += figures.Aqi;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = EngineRows)]
    public int Decimal_records_hourly_AQI_of_a_row()
    {
        var sum = 0;
        foreach (var hour in _decimals)
        {
            sum += AqiCalculator.Hourly(_standard, hour).Aqi ?? 0;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public long Hourly_output_per_row()
    {
        long bytes = 0;
        AqiCsv.WriteHourly(_input, _standard, block => bytes += block.Length);
        return bytes;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public long Daily_output_per_row()
    {
        long bytes = 0;
        AqiCsv.WriteDaily(_input, _standard, block => bytes += block.Length);
        return bytes;
    }

    private AqiInput Read()
    {
        var input = new AqiInput(Rows);
        foreach (var record in _records)
        {
            input.Add(new Record(record));
        }

        return input;
    }

    private readonly struct Record(string[] fields) : ICsvRecord
    {
        public int FieldCount => fields.Length;

        public ReadOnlySpan<char> Field(int index) => fields[index];
    }
}
