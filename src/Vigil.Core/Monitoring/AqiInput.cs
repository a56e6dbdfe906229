using Vigil.Common;

namespace Vigil.Monitoring;

/// <summary>One record of a CSV file as the host's reader hands it over: fields as spans, no string per field.</summary>
public interface ICsvRecord
{
    int FieldCount { get; }

    ReadOnlySpan<char> Field(int index);
}

/// <summary>
/// The rows of a <c>vigil aqi</c> input (<see cref="AqiCsv.InputHeader"/>), kept column by column: the time in ticks,
/// the station as a number, each concentration in units of 10⁻⁹ with the number of decimals it was written with
/// (the daily means are shown with the precision of their inputs, as <see cref="decimal"/> does). Reading stops at the
/// first bad row; <see cref="Finish"/> names it (row 1 = header) and its column.
/// </summary>
public sealed class AqiInput
{
    public const int ValueCount = 6;

    /// <summary>Largest integer part accepted: 10⁸ (µg/m³), so that a day's sum of 24 values stays exact in 64 bits.</summary>
    private const long MaxIntegerPart = 100_000_000;

    private static readonly string[] Columns = AqiCsv.InputHeader.Split(',');

    private readonly Dictionary<string, int> _stationIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _stationLookup;
    private readonly List<string> _stations = [];
    private readonly List<long> _lastTicks = [];
    private readonly List<bool> _unordered = [];
    private long[] _ticks;
    private int[] _station;
    private int[] _row;
    private long[] _nano;
    private byte[] _scale;
    private readonly char[] _lastTime = new char[19];
    private int _lastTimeLength;
    private long _lastTimeTicks;
    private int _previousStation = -1;
    private int _lines;
    private Problem? _problem;
    private int _problemRow = int.MaxValue;

    /// <param name="expectedRows">A guess of the number of rows, to size the columns once.</param>
    public AqiInput(int expectedRows = 1024)
    {
        _stationLookup = _stationIds.GetAlternateLookup<ReadOnlySpan<char>>();
        var capacity = Math.Max(16, expectedRows);
        _ticks = new long[capacity];
        _station = new int[capacity];
        _row = new int[capacity];
        _nano = new long[capacity * ValueCount];
        _scale = new byte[capacity * ValueCount];
    }

    public int Count { get; private set; }

    public IReadOnlyList<string> Stations => _stations;

    public long Ticks(int index) => _ticks[index];

    public int Station(int index) => _station[index];

    /// <summary>The row number in the file (1 = header).</summary>
    public int Row(int index) => _row[index];

    /// <summary>The six concentrations of a row in units of 10⁻⁹, <see cref="AqiEngine.MissingNano"/> where empty.</summary>
    public ReadOnlySpan<long> Values(int index) => _nano.AsSpan(index * ValueCount, ValueCount);

    /// <summary>The number of decimals each concentration was written with (at most 9).</summary>
    public ReadOnlySpan<byte> Scales(int index) => _scale.AsSpan(index * ValueCount, ValueCount);

    /// <summary>Takes the next record of the file; false once a row is bad (then stop and call <see cref="Finish"/>).</summary>
    public bool Add<TRecord>(TRecord record)
        where TRecord : ICsvRecord, allows ref struct
    {
        var row = ++_lines;
        if (row == 1)
        {
            return IsHeader(record) || Stop(row, Fail("row 1", "csv.header", AqiCsv.InputHeader));
        }

        if (record.FieldCount == 1 && record.Field(0).IsEmpty)
        {
            return true;
        }

        if (record.FieldCount != Columns.Length)
        {
            return Stop(row, Fail($"row {row}", "csv.columns", row, Columns.Length, record.FieldCount));
        }

        if (!TryTime(record.Field(0), out var ticks))
        {
            return Stop(row, Fail($"row {row}, column time", "csv.time", row, record.Field(0).ToString()));
        }

        var station = record.Field(1).Trim();
        if (station.IsEmpty)
        {
            return Stop(row, Fail($"row {row}, column station", "csv.station", row));
        }

        Grow();
        var offset = Count * ValueCount;
        for (var i = 0; i < ValueCount; i++)
        {
            var text = record.Field(i + 2).Trim();
            if (text.IsEmpty)
            {
                _nano[offset + i] = AqiEngine.MissingNano;
                _scale[offset + i] = 0;
                continue;
            }

            switch (TryParseValue(text, out _nano[offset + i], out _scale[offset + i]))
            {
                case ValueParse.NotANumber:
                    return Stop(row, Fail($"row {row}, column {Columns[i + 2]}", "csv.value", row, Columns[i + 2], text.ToString()));
                case ValueParse.TooPrecise:
                    return Stop(row, Fail($"row {row}, column {Columns[i + 2]}", "csv.precision", row, Columns[i + 2], text.ToString()));
            }
        }

        var id = StationId(station);

        // Rows of a station usually come in time order: then a duplicate is the station's last time again. A
        // station out of order is checked in Finish.
        if (!_unordered[id])
        {
            if (ticks == _lastTicks[id])
            {
                return Stop(row, Duplicate(row, id, ticks));
            }

            _unordered[id] = ticks < _lastTicks[id];
            _lastTicks[id] = Math.Max(ticks, _lastTicks[id]);
        }

        _ticks[Count] = ticks;
        _station[Count] = id;
        _row[Count] = row;
        Count++;
        return true;
    }

    /// <summary>The first problem of the file in row order, or null when every row was read.</summary>
    public Problem? Finish()
    {
        if (_lines == 0)
        {
            return Fail("row 1", "csv.header", AqiCsv.InputHeader);
        }

        var unordered = new List<int>();
        for (var i = 0; i < Count; i++)
        {
            if (_unordered[_station[i]])
            {
                unordered.Add(i);
            }
        }

        // A duplicate is the second row of a station and time in row order (earlier rows are sorted first).
        unordered.Sort((a, b) => _station[a] != _station[b] ? _station[a].CompareTo(_station[b]) : _ticks[a] != _ticks[b] ? _ticks[a].CompareTo(_ticks[b]) : a.CompareTo(b));
        for (var k = 1; k < unordered.Count; k++)
        {
            int previous = unordered[k - 1], current = unordered[k];
            if (_station[previous] == _station[current] && _ticks[previous] == _ticks[current] && _row[current] < _problemRow)
            {
                _problemRow = _row[current];
                _problem = Duplicate(_row[current], _station[current], _ticks[current]);
            }
        }

        return _problem;
    }

    private bool Stop(int row, Problem problem)
    {
        _problem = problem;
        _problemRow = row;
        return false;
    }

    private Problem Duplicate(int row, int station, long ticks)
    {
        var time = new DateTime(ticks);
        var text = time.Second == 0
            ? time.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture)
            : time.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        return Fail($"row {row}", "csv.duplicate", row, _stations[station], text);
    }

    private static bool IsHeader<TRecord>(TRecord record)
        where TRecord : ICsvRecord, allows ref struct
    {
        if (record.FieldCount != Columns.Length)
        {
            return false;
        }

        for (var i = 0; i < Columns.Length; i++)
        {
            var field = i == 0 ? record.Field(0).TrimStart('\uFEFF') : record.Field(i);
            if (!field.SequenceEqual(Columns[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Files list every station for an hour, then the next hour: the time is parsed once per hour.</summary>
    private bool TryTime(ReadOnlySpan<char> text, out long ticks)
    {
        if (_lastTimeLength > 0 && text.SequenceEqual(_lastTime.AsSpan(0, _lastTimeLength)))
        {
            ticks = _lastTimeTicks;
            return true;
        }

        if (!TryParseTime(text, out ticks))
        {
            return false;
        }

        text.CopyTo(_lastTime);
        _lastTimeLength = text.Length;
        _lastTimeTicks = ticks;
        return true;
    }

    /// <summary>The station's number; in a file that repeats its station order hour after hour, the next one is guessed.</summary>
    private int StationId(ReadOnlySpan<char> code)
    {
        var guess = _previousStation + 1 < _stations.Count ? _previousStation + 1 : 0;
        if (guess < _stations.Count && code.SequenceEqual(_stations[guess]))
        {
            return _previousStation = guess;
        }

        if (_stationLookup.TryGetValue(code, out var id))
        {
            return _previousStation = id;
        }

        _previousStation = id = _stations.Count;
        var text = code.ToString();
        _stationIds[text] = id;
        _stations.Add(text);
        _lastTicks.Add(long.MinValue);
        _unordered.Add(false);
        return id;
    }

    private void Grow()
    {
        if (Count < _ticks.Length)
        {
            return;
        }

        var capacity = _ticks.Length * 2;
        Array.Resize(ref _ticks, capacity);
        Array.Resize(ref _station, capacity);
        Array.Resize(ref _row, capacity);
        Array.Resize(ref _nano, capacity * ValueCount);
        Array.Resize(ref _scale, capacity * ValueCount);
    }

    /// <summary>yyyy-MM-ddTHH:mm or yyyy-MM-ddTHH:mm:ss, a valid local date and time, nothing around it.</summary>
    internal static bool TryParseTime(ReadOnlySpan<char> text, out long ticks)
    {
        ticks = 0;
        if ((text.Length != 16 && text.Length != 19) || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':'
            || (text.Length == 19 && text[16] != ':'))
        {
            return false;
        }

        if (!TryDigits(text[..4], out var year) || !TryDigits(text.Slice(5, 2), out var month) || !TryDigits(text.Slice(8, 2), out var day)
            || !TryDigits(text.Slice(11, 2), out var hour) || !TryDigits(text.Slice(14, 2), out var minute))
        {
            return false;
        }

        var second = 0;
        if ((text.Length == 19 && !TryDigits(text.Slice(17, 2), out second)) || year < 1 || month is < 1 or > 12
            || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        ticks = new DateTime(year, month, day, hour, minute, second).Ticks;
        return true;
    }

    private enum ValueParse
    {
        Ok,
        NotANumber,
        TooPrecise,
    }

    /// <summary>
    /// A non-negative decimal number (digits with at most one point, as <c>decimal.TryParse</c> with
    /// <c>AllowDecimalPoint</c> reads it) in units of 10⁻⁹ and the number of decimals written (at most 9 are kept;
    /// more are accepted when they are zeros).
    /// </summary>
    private static ValueParse TryParseValue(ReadOnlySpan<char> text, out long nano, out byte scale)
    {
        nano = 0;
        scale = 0;
        var point = text.IndexOf('.');
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? [] : text[(point + 1)..];
        if (whole.IsEmpty && fraction.IsEmpty)
        {
            return ValueParse.NotANumber;
        }

        long integer = 0;
        foreach (var ch in whole)
        {
            var digit = unchecked((uint)(ch - '0'));
            if (digit > 9)
            {
                return ValueParse.NotANumber;
            }

            // Stays below 10⁹ whatever the length: the limit is checked once at the end.
            integer = Math.Min((integer * 10) + digit, MaxIntegerPart);
        }

        long decimals = 0;
        var tooPrecise = integer >= MaxIntegerPart;
        for (var i = 0; i < fraction.Length; i++)
        {
            var digit = unchecked((uint)(fraction[i] - '0'));
            if (digit > 9)
            {
                return ValueParse.NotANumber;
            }

            if (i < 9)
            {
                decimals = (decimals * 10) + digit;
            }
            else
            {
                tooPrecise |= digit != 0;
            }
        }

        if (tooPrecise)
        {
            return ValueParse.TooPrecise;
        }

        scale = (byte)Math.Min(fraction.Length, 9);
        nano = (integer * ExactValue.NanoPerUnit) + (decimals * ExactValue.NanoSteps[9 - scale]);
        return ValueParse.Ok;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var ch in text)
        {
            if (!char.IsAsciiDigit(ch))
            {
                return false;
            }

            value = (value * 10) + (ch - '0');
        }

        return true;
    }

    private static Problem Fail(string field, string code, params object[] args) => new(field, code, MonitoringText.Catalog.Format(code, args));
}
