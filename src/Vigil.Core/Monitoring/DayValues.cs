using Vigil.Common;

namespace Vigil.Monitoring;

/// <summary>The rows of each station's natural day, days in order of first appearance and rows in input order.</summary>
internal sealed class StationDays
{
    private readonly int[] _order;
    private readonly int[] _start;

    private StationDays(int[] order, int[] start)
    {
        _order = order;
        _start = start;
    }

    public int Count => _start.Length - 1;

    public ReadOnlySpan<int> Rows(int day) => _order.AsSpan(_start[day], _start[day + 1] - _start[day]);

    public static StationDays Group(AqiInput input)
    {
        var dayOf = new int[input.Count];
        var lastDay = new long[input.Stations.Count];
        var lastIndex = new int[input.Stations.Count];
        Array.Fill(lastDay, long.MinValue);
        var index = new Dictionary<(int Station, long Day), int>();
        var sizes = new List<int>();
        for (var i = 0; i < input.Count; i++)
        {
            var station = input.Station(i);
            var day = input.Ticks(i) / TimeSpan.TicksPerDay;

            // Rows of a station usually follow each other within a day: the dictionary is asked once a day.
            if (lastDay[station] != day)
            {
                if (!index.TryGetValue((station, day), out var found))
                {
                    found = sizes.Count;
                    index[(station, day)] = found;
                    sizes.Add(0);
                }

                lastDay[station] = day;
                lastIndex[station] = found;
            }

            dayOf[i] = lastIndex[station];
            sizes[dayOf[i]]++;
        }

        var start = new int[sizes.Count + 1];
        for (var d = 0; d < sizes.Count; d++)
        {
            start[d + 1] = start[d] + sizes[d];
        }

        var next = start[..^1];
        var order = new int[input.Count];
        for (var i = 0; i < input.Count; i++)
        {
            order[next[dayOf[i]]++] = i;
        }

        return new StationDays(order, start);
    }
}

/// <summary>
/// A station-day's daily values from its hourly values in units of 10⁻⁹ (AQ-VALID, as <see cref="Validity"/>): the
/// 24-hour means with ≥ 20 values, the O₃ daily maximum 8-hour mean over windows inside the day with ≥ 6 values each
/// and ≥ 14 valid windows, the O₃ maximum 1-hour value. Each value keeps its sum, count and input decimals so it is
/// shown as the decimal computation shows it. Reused across days: no allocation per day.
/// </summary>
internal sealed class DayValues
{
    private const int Means = 5;
    private readonly long[] _sum = new long[AqiEngine.MaxSubIndices];
    private readonly int[] _count = new int[AqiEngine.MaxSubIndices];
    private readonly int[] _scale = new int[AqiEngine.MaxSubIndices];
    private readonly long[] _o3 = new long[24];
    private readonly int[] _o3Scale = new int[24];

    /// <summary>Fills <paramref name="values"/> in the order of <see cref="AqiEngine.DailyTables"/>.</summary>
    public void Compute(AqiInput input, ReadOnlySpan<int> rows, ValidityMinimums minimums, Span<ExactValue> values)
    {
        Array.Clear(_sum);
        Array.Clear(_count);
        Array.Clear(_scale);
        Array.Fill(_o3, AqiEngine.MissingNano);
        foreach (var row in rows)
        {
            var hourly = input.Values(row);
            var scales = input.Scales(row);
            for (var p = 0; p < Means; p++)
            {
                if (hourly[p] != AqiEngine.MissingNano)
                {
                    _sum[p] += hourly[p];
                    _count[p]++;
                    _scale[p] = Math.Max(_scale[p], scales[p]);
                }
            }

            var hour = (int)(input.Ticks(row) / TimeSpan.TicksPerHour % 24);
            _o3[hour] = hourly[5];
            _o3Scale[hour] = scales[5];
        }

        for (var p = 0; p < Means; p++)
        {
            values[p] = _count[p] >= minimums.DailyHours && _count[p] > 0 ? ExactValue.Mean(_sum[p], _count[p]) : Cleared(p);
        }

        values[5] = O3DailyMaxEightHour(minimums);
        values[6] = O3MaxOneHour();
    }

    /// <summary>Value <paramref name="slot"/> as <c>decimal.Round(value, decimals, ToEven)</c> prints it; empty when missing.</summary>
    public void AddShown(Utf8Lines lines, int slot, int decimals)
    {
        var count = _count[slot];
        var scale = _scale[slot];
        if (count == 0)
        {
            return;
        }

        // The sum in units of the inputs' decimals; a decimal quotient keeps at least that scale, and is exact at
        // the first scale that divides, else rounded.
        Int128 sum = _sum[slot] / (long)ExactValue.Pow10(9 - scale);
        var shown = decimals;
        for (var k = scale; k < decimals; k++)
        {
            if (sum * ExactValue.Pow10(k - scale) % count == 0)
            {
                shown = k;
                break;
            }
        }

        var numerator = shown >= scale ? sum * ExactValue.Pow10(shown - scale) : sum;
        var denominator = shown >= scale ? count : count * ExactValue.Pow10(scale - shown);
        var quotient = numerator / denominator;
        var twice = (numerator - (quotient * denominator)) * 2;
        if (twice > denominator || (twice == denominator && !Int128.IsEvenInteger(quotient)))
        {
            quotient++;
        }

        lines.AddFixed(quotient, shown);
    }

    private ExactValue O3DailyMaxEightHour(ValidityMinimums minimums)
    {
        var max = ExactValue.Missing;
        var validWindows = 0;
        for (var start = 0; start + 8 <= 24; start++)
        {
            long sum = 0;
            int count = 0, scale = 0;
            for (var h = start; h < start + 8; h++)
            {
                if (_o3[h] != AqiEngine.MissingNano)
                {
                    sum += _o3[h];
                    count++;
                    scale = Math.Max(scale, _o3Scale[h]);
                }
            }

            if (count >= minimums.O3EightHourHours && count > 0)
            {
                validWindows++;
                var mean = ExactValue.Mean(sum, count);

                // The first of equal maxima is kept (its decimals are the ones shown).
                if (!max.HasValue || !mean.AtMost(max))
                {
                    max = mean;
                    (_sum[5], _count[5], _scale[5]) = (sum, count, scale);
                }
            }
        }

        return validWindows >= minimums.O3DailyMaxWindows ? max : Cleared(5);
    }

    private ExactValue O3MaxOneHour()
    {
        var best = -1;
        for (var h = 0; h < 24; h++)
        {
            if (_o3[h] != AqiEngine.MissingNano && (best < 0 || _o3[h] > _o3[best]))
            {
                best = h;
            }
        }

        if (best < 0)
        {
            return Cleared(6);
        }

        (_sum[6], _count[6], _scale[6]) = (_o3[best], 1, _o3Scale[best]);
        return ExactValue.Nano(_o3[best]);
    }

    private ExactValue Cleared(int slot)
    {
        _count[slot] = 0;
        return ExactValue.Missing;
    }
}
