using System.Buffers.Text;
using System.Text;

namespace Vigil.Protocols.Hj212;

/// <summary>Where a field's value sits in the frame; length 0 means the field is absent.</summary>
internal readonly record struct FieldSlice(int Start, int Length)
{
    public bool IsPresent => Length > 0;
}

/// <summary>Offsets of the data-segment fields, filled while parsing.</summary>
internal struct Hj212FieldIndex
{
    public FieldSlice Qn;
    public FieldSlice St;
    public FieldSlice Cn;
    public FieldSlice Pw;
    public FieldSlice Mn;
    public FieldSlice Flag;
    public FieldSlice PacketCount;
    public FieldSlice PacketNumber;
    public FieldSlice Cp;
    public FieldSlice Mac;
    public int Command;
    public int SystemCode;
    public int FlagValue;
    public int PacketCountValue;
    public int PacketNumberValue;
    public Hj212Deviations Deviations;
}

/// <summary>
/// Harmless departures of field loggers from HJ 212-2017 table 4 that the parser accepts: nothing about the packet is
/// ambiguous, but it is not to the letter of the standard, so the intake records a conformance note.
/// </summary>
[Flags]
public enum Hj212Deviations
{
    None = 0,

    /// <summary>MN with '_' or '-' (the standard: letters and digits).</summary>
    MnCharacters = 1,

    /// <summary>PW longer than 6 characters (up to <see cref="Hj212Parser.MaxLoggerPasswordLength"/>).</summary>
    LongPassword = 2,
}

/// <summary>
/// A parsed HJ 212-2017 frame that still points into the received bytes: fields are slices of the input,
/// turned into strings only when asked (<see cref="ToMessage"/>), so the intake path allocates nothing per field.
/// </summary>
public readonly ref struct Hj212Packet
{
    /// <summary>Offset of the data segment: after <c>##</c> and the 4-digit length.</summary>
    public const int DataSegmentOffset = 6;

    private readonly ReadOnlySpan<byte> _frame;
    private readonly Hj212FieldIndex _index;
    private readonly int _dataLength;

    internal Hj212Packet(ReadOnlySpan<byte> frame, int dataLength, scoped in Hj212FieldIndex index)
    {
        _frame = frame;
        _dataLength = dataLength;
        _index = index;
    }

    public ReadOnlySpan<byte> DataSegment => _frame.Slice(DataSegmentOffset, _dataLength);

    /// <summary>QN — 请求编码 (YYYYMMDDhhmmsszzz); empty when absent.</summary>
    public ReadOnlySpan<byte> Qn => Get(_index.Qn);

    /// <summary>ST — 系统编码.</summary>
    public ReadOnlySpan<byte> St => Get(_index.St);

    /// <summary>CN — 命令编码.</summary>
    public ReadOnlySpan<byte> Cn => Get(_index.Cn);

    /// <summary>PW — 访问密码.</summary>
    public ReadOnlySpan<byte> Pw => Get(_index.Pw);

    /// <summary>MN — 设备唯一标识 (the station's code).</summary>
    public ReadOnlySpan<byte> Mn => Get(_index.Mn);

    /// <summary>Departures from table 4 accepted while parsing (none for a packet to the letter of the standard).</summary>
    public Hj212Deviations Deviations => _index.Deviations;

    /// <summary>CP — 指令参数, without the surrounding <c>&amp;&amp;</c>.</summary>
    public ReadOnlySpan<byte> Cp => _frame.Slice(_index.Cp.Start, _index.Cp.Length);

    public int Command => _index.Command;

    public int SystemCode => _index.SystemCode;

    public bool HasFlag => _index.Flag.IsPresent;

    /// <summary>The raw Flag value (0 when absent).</summary>
    public int Flag => _index.FlagValue;

    public Hj212PacketFlags Options => Hj212FlagBits.Options(_index.FlagValue);

    public bool AnswerRequested => (Options & Hj212PacketFlags.AnswerRequested) != 0;

    /// <summary>PNUM — 总包数; null when the packet is not split.</summary>
    public int? PacketCount => _index.PacketCount.IsPresent ? _index.PacketCountValue : null;

    /// <summary>PNO — 包号, from 1.</summary>
    public int? PacketNumber => _index.PacketNumber.IsPresent ? _index.PacketNumberValue : null;

    public Hj212CpReader Items => new(Cp);

    /// <summary>MAC — the station's message authentication code as 8 hex digits; empty when the packet carries none.</summary>
    public ReadOnlySpan<byte> Mac => Get(_index.Mac);

    public bool HasMac => _index.Mac.IsPresent;

    /// <summary>
    /// Length of what the MAC covers: the data segment without its own <c>MAC=xxxxxxxx;</c> field (the MAC cannot
    /// cover itself; everything else the station says, CP included, is covered).
    /// </summary>
    public int MacCoveredLength => _dataLength - (HasMac ? MacFieldLength : 0);

    /// <summary>Copies what the MAC covers (see <see cref="MacCoveredLength"/>) into <paramref name="destination"/>.</summary>
    public void CopyMacCoveredData(Span<byte> destination)
    {
        if (!HasMac)
        {
            DataSegment.CopyTo(destination);
            return;
        }

        var fieldStart = _index.Mac.Start - "MAC="u8.Length - DataSegmentOffset;
        var data = DataSegment;
        data[..fieldStart].CopyTo(destination);
        data[(fieldStart + MacFieldLength)..].CopyTo(destination[fieldStart..]);
    }

    /// <summary><c>MAC=</c>, 8 hex digits and <c>;</c>.</summary>
    private const int MacFieldLength = 13;

    /// <summary>Materialises the packet (strings, items) for storage or display; off the hot path.</summary>
    public Hj212Message ToMessage() => new(
        _index.Qn.IsPresent ? Ascii(Qn) : null,
        Ascii(St),
        Ascii(Cn),
        Ascii(Pw),
        Ascii(Mn),
        HasFlag ? Flag : null,
        PacketCount,
        PacketNumber,
        Ascii(Cp));

    private ReadOnlySpan<byte> Get(FieldSlice slice) => slice.IsPresent ? _frame.Slice(slice.Start, slice.Length) : default;

    private static string Ascii(ReadOnlySpan<byte> bytes) => Encoding.ASCII.GetString(bytes);
}

/// <summary>One CP entry such as <c>a34004-Rtd=35.2</c>: item code <c>a34004</c>, name <c>Rtd</c>.</summary>
public readonly ref struct Hj212CpEntry
{
    internal Hj212CpEntry(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, int group)
    {
        Key = key;
        Value = value;
        Group = group;
        var dash = key.IndexOf((byte)'-');
        ItemCode = dash < 0 ? default : key[..dash];
        Name = dash < 0 ? key : key[(dash + 1)..];
    }

    public ReadOnlySpan<byte> Key { get; }

    public ReadOnlySpan<byte> Value { get; }

    /// <summary>Pollutant or parameter code (e.g. a34004); empty for plain keys such as DataTime.</summary>
    public ReadOnlySpan<byte> ItemCode { get; }

    /// <summary>The field after the dash (Rtd, Avg, Min, Max, Cou, Flag, ZsRtd…) or the whole plain key.</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>0-based index of the <c>;</c>-separated group the entry belongs to.</summary>
    public int Group { get; }

    public bool TryGetDecimal(out decimal value) => Utf8Parser.TryParse(Value, out value, out var consumed) && consumed == Value.Length;

    public bool TryGetDataFlag(out Hj212DataFlag flag) => Hj212DataFlags.TryParse(Value, out flag);
}

/// <summary>Walks the CP entries: groups separated by <c>;</c>, entries within a group by <c>,</c>.</summary>
public ref struct Hj212CpReader
{
    private ReadOnlySpan<byte> _rest;
    private int _group;
    private bool _done;

    public Hj212CpReader(ReadOnlySpan<byte> cp)
    {
        _rest = cp;
        _done = cp.IsEmpty;
        Current = default;
    }

    public Hj212CpEntry Current { get; private set; }

    public readonly Hj212CpReader GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_done)
        {
            return false;
        }

        var end = _rest.IndexOfAny((byte)';', (byte)',');
        var entry = end < 0 ? _rest : _rest[..end];
        var eq = entry.IndexOf((byte)'=');
        Current = eq < 0 ? new Hj212CpEntry(entry, default, _group) : new Hj212CpEntry(entry[..eq], entry[(eq + 1)..], _group);
        if (end < 0)
        {
            _done = true;
        }
        else
        {
            if (_rest[end] == (byte)';')
            {
                _group++;
            }

            _rest = _rest[(end + 1)..];
        }

        return true;
    }
}
