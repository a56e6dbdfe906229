using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Vigil.Protocols.Hj212;

namespace Vigil.Benchmarks;

/// <summary>
/// HJ 212 intake hot path: framing, length, CRC, data-segment fields and CP syntax for realistic 2011 (real-time) and
/// 2061 (hourly) packets of an air station (6 pollutants + 5 meteorological items), 1,024 distinct packets per batch.
/// </summary>
[MemoryDiagnoser]
public class Hj212ParseBenchmarks
{
    private const int Batch = 1024;

    private static readonly (string Code, double Base)[] Items =
    [
        ("a21026", 14), ("a21004", 52), ("a34002", 74), ("a34004", 48), ("a21005", 1.6), ("a05024", 23),
        ("a01007", 2.1), ("a01008", 270), ("a01001", -3.5), ("a01002", 41), ("a01006", 1021.3),
    ];

    private byte[][] _realTime = [];
    private byte[][] _hourly = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2017);
        _realTime = [.. Enumerable.Range(0, Batch).Select(i => Build(random, i, "2011", hourly: false))];
        _hourly = [.. Enumerable.Range(0, Batch).Select(i => Build(random, i, "2061", hourly: true))];
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Parse_2011_realtime()
    {
        var ok = 0;
        foreach (var frame in _realTime)
        {
            if (!Hj212Parser.TryParse(frame, out var packet).IsError)
            {
                ok += packet.Command;
            }
        }

        return ok;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Parse_2061_hourly()
    {
        var ok = 0;
        foreach (var frame in _hourly)
        {
            if (!Hj212Parser.TryParse(frame, out var packet).IsError)
            {
                ok += packet.Command;
            }
        }

        return ok;
    }

    /// <summary>Parse and read every value and flag as numbers (what intake does next), still without strings.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public decimal Parse_and_read_values_2011()
    {
        var sum = 0m;
        foreach (var frame in _realTime)
        {
            if (Hj212Parser.TryParse(frame, out var packet).IsError)
            {
                continue;
            }

            foreach (var entry in packet.Items)
            {
                if (entry.TryGetDecimal(out var value))
                {
                    sum += value;
                }
                else if (entry.TryGetDataFlag(out var flag) && !flag.IsValid())
                {
                    sum -= 1;
                }
            }
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Crc_only_2011()
    {
        var crc = 0;
        foreach (var frame in _realTime)
        {
            crc ^= Hj212Crc.Compute(frame.AsSpan(6, frame.Length - 12));
        }

        return crc;
    }

    private static byte[] Build(Random random, int index, string command, bool hourly)
    {
        var time = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMinutes(index);
        var cp = new StringBuilder("DataTime=").Append(time.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture));
        foreach (var (code, baseValue) in Items)
        {
            var value = baseValue * (0.8 + (random.NextDouble() * 0.4));
            var flag = random.Next(50) == 0 ? "M" : "N";
            cp.Append(';');
            if (hourly)
            {
                cp.Append(CultureInfo.InvariantCulture, $"{code}-Min={value * 0.8:0.0},{code}-Avg={value:0.0},{code}-Max={value * 1.2:0.0},{code}-Flag={flag}");
            }
            else
            {
                cp.Append(CultureInfo.InvariantCulture, $"{code}-Rtd={value:0.0},{code}-Flag={flag}");
            }
        }

        var data = string.Create(
            CultureInfo.InvariantCulture,
            $"QN={time:yyyyMMddHHmmss}{index % 1000:000};ST=22;CN={command};PW=123456;MN=AIR{index % 64:000000000000000000000};Flag=5;CP=&&{cp}&&");
        return Hj212Frame.Build(data);
    }
}
