using System.Numerics;
using System.Runtime.Intrinsics;

namespace Vigil.Protocols.Hj212;

/// <summary>
/// Parses HJ 212-2017 frames (AQ-DATA): <c>##</c> + 4-digit length + data segment + 4-hex CRC + CR LF.
/// Never throws: a malformed frame yields an <see cref="Hj212Error"/> that names the byte and the field.
/// </summary>
public static class Hj212Parser
{
    private const int HeaderLength = 6;
    private const int CrcLength = 4;

    /// <summary>Parses a whole frame, CR LF included.</summary>
    public static Hj212Error TryParse(ReadOnlySpan<byte> frame, out Hj212Packet packet)
    {
        packet = default;
        if (!frame.EndsWith("\r\n"u8))
        {
            return new Hj212Error(Hj212ErrorCode.Terminator, Math.Max(0, frame.Length - 2), Hj212Field.Terminator);
        }

        return Parse(frame, frame.Length - 2, out packet);
    }

    /// <summary>Parses a frame whose CR LF a line reader has already removed.</summary>
    public static Hj212Error TryParseLine(ReadOnlySpan<byte> line, out Hj212Packet packet) => Parse(line, line.Length, out packet);

    private static Hj212Error Parse(ReadOnlySpan<byte> frame, int bodyLength, out Hj212Packet packet)
    {
        packet = default;
        // Name the first wrong header byte; a frame that ends inside a correct header is too short.
        for (var i = 0; i < 2; i++)
        {
            if (i == bodyLength)
            {
                return new Hj212Error(Hj212ErrorCode.TooShort, i, Hj212Field.Header);
            }

            if (frame[i] != (byte)'#')
            {
                return new Hj212Error(Hj212ErrorCode.Header, i, Hj212Field.Header);
            }
        }

        if (bodyLength < HeaderLength + CrcLength)
        {
            return new Hj212Error(Hj212ErrorCode.TooShort, bodyLength, Hj212Field.Length);
        }

        var declared = 0;
        for (var i = 2; i < HeaderLength; i++)
        {
            var digit = frame[i] - (byte)'0';
            if (digit is < 0 or > 9)
            {
                return new Hj212Error(Hj212ErrorCode.LengthDigits, i, Hj212Field.Length);
            }

            declared = (declared * 10) + digit;
        }

        var dataLength = bodyLength - HeaderLength - CrcLength;
        if (declared != dataLength)
        {
            return new Hj212Error(Hj212ErrorCode.LengthMismatch, 2, Hj212Field.Length, declared, dataLength);
        }

        var crcAt = HeaderLength + dataLength;
        var received = 0;
        for (var i = crcAt; i < crcAt + CrcLength; i++)
        {
            var nibble = HexValue(frame[i]);
            if (nibble < 0)
            {
                return new Hj212Error(Hj212ErrorCode.CrcDigits, i, Hj212Field.Crc);
            }

            received = (received << 4) | nibble;
        }

        var data = frame.Slice(HeaderLength, dataLength);
        var computed = Hj212Crc.Compute(data);
        if (computed != received)
        {
            return new Hj212Error(Hj212ErrorCode.CrcMismatch, crcAt, Hj212Field.Crc, computed, received);
        }

        // The protocol is ASCII; a control or 8-bit byte that slipped past the CRC is still rejected.
        var bad = data.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E);
        if (bad >= 0)
        {
            return new Hj212Error(Hj212ErrorCode.InvalidByte, HeaderLength + bad, Hj212Field.DataSegment);
        }

        var error = ParseFields(data, out var index);
        if (error.IsError)
        {
            return error;
        }

        packet = new Hj212Packet(frame, dataLength, index);
        return Hj212Error.None;
    }

    private static Hj212Error ParseFields(ReadOnlySpan<byte> data, out Hj212FieldIndex index)
    {
        index = default;
        var p = 0;
        while (true)
        {
            var at = HeaderLength + p;
            if (p >= data.Length)
            {
                return new Hj212Error(Hj212ErrorCode.MissingField, at, Hj212Field.CP);
            }

            var rest = data[p..];
            var eq = rest.IndexOf((byte)'=');
            if (eq <= 0)
            {
                return new Hj212Error(Hj212ErrorCode.FieldSyntax, at, Hj212Field.DataSegment);
            }

            var key = rest[..eq];
            if (key.SequenceEqual("CP"u8))
            {
                var cpAt = p + eq + 1;
                var cp = data[cpAt..];
                if (cp.Length < 4 || !cp.StartsWith("&&"u8) || !cp.EndsWith("&&"u8))
                {
                    return new Hj212Error(Hj212ErrorCode.FieldSyntax, HeaderLength + cpAt, Hj212Field.CP);
                }

                var content = cp[2..^2];
                var cpError = ValidateCp(content, HeaderLength + cpAt + 2);
                if (cpError.IsError)
                {
                    return cpError;
                }

                index.Cp = new FieldSlice(HeaderLength + cpAt + 2, content.Length);
                break;
            }

            var valueAt = p + eq + 1;
            var semi = data[valueAt..].IndexOf((byte)';');
            if (semi < 0)
            {
                return new Hj212Error(Hj212ErrorCode.FieldSyntax, HeaderLength + valueAt, Hj212Field.DataSegment);
            }

            var value = data.Slice(valueAt, semi);
            var slice = new FieldSlice(HeaderLength + valueAt, semi);
            var fieldError = Assign(ref index, key, value, slice, at);
            if (fieldError.IsError)
            {
                return fieldError;
            }

            p = valueAt + semi + 1;
        }

        return CheckRequired(index);
    }

    private static Hj212Error Assign(ref Hj212FieldIndex index, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, FieldSlice slice, int at)
    {
        var field = key switch
        {
            _ when key.SequenceEqual("QN"u8) => Hj212Field.QN,
            _ when key.SequenceEqual("ST"u8) => Hj212Field.ST,
            _ when key.SequenceEqual("CN"u8) => Hj212Field.CN,
            _ when key.SequenceEqual("PW"u8) => Hj212Field.PW,
            _ when key.SequenceEqual("MN"u8) => Hj212Field.MN,
            _ when key.SequenceEqual("Flag"u8) => Hj212Field.Flag,
            _ when key.SequenceEqual("PNUM"u8) => Hj212Field.PNUM,
            _ when key.SequenceEqual("PNO"u8) => Hj212Field.PNO,
            _ when key.SequenceEqual("MAC"u8) => Hj212Field.MAC,
            _ => Hj212Field.None,
        };
        if (field == Hj212Field.None)
        {
            return new Hj212Error(Hj212ErrorCode.UnknownField, at, Hj212Field.DataSegment);
        }

        ref var target = ref SliceOf(ref index, field);
        if (target.IsPresent)
        {
            return new Hj212Error(Hj212ErrorCode.DuplicateField, at, field);
        }

        // Field formats of HJ 212-2017 table 4 (QN 17 digits, ST 2, CN 4, PW up to 6, MN up to 24 alphanumerics), with
        // the harmless deviations of field loggers noted: MN with '_' or '-', PW longer than 6 (issue 11, item 4).
        var ok = field switch
        {
            Hj212Field.QN => value.Length == 17 && AllDigits(value),
            Hj212Field.ST => TryNumber(value, 2, 2, out index.SystemCode),
            Hj212Field.CN => TryNumber(value, 4, 4, out index.Command),
            Hj212Field.PW => Note(ref index, value.Length is >= 1 and <= 6, value.Length is > 6 and <= MaxLoggerPasswordLength, Hj212Deviations.LongPassword),
            Hj212Field.MN => value.Length is >= 1 and <= 24 && Note(
                ref index, !value.ContainsAnyExcept(AlphaNumeric), !value.ContainsAnyExcept(LoggerMnCharacters), Hj212Deviations.MnCharacters),
            Hj212Field.Flag => TryNumber(value, 1, 3, out index.FlagValue) && index.FlagValue <= 255,
            Hj212Field.PNUM => TryNumber(value, 1, 4, out index.PacketCountValue) && index.PacketCountValue >= 1,
            Hj212Field.MAC => value.Length == 2 * MacLength && !value.ContainsAnyExcept(HexDigits),
            _ => TryNumber(value, 1, 4, out index.PacketNumberValue) && index.PacketNumberValue >= 1,
        };
        if (!ok)
        {
            return new Hj212Error(Hj212ErrorCode.FieldValue, slice.Start, field);
        }

        target = slice;
        return Hj212Error.None;
    }

    private static Hj212Error CheckRequired(in Hj212FieldIndex index)
    {
        var end = index.Cp.Start;
        if (!index.St.IsPresent)
        {
            return new Hj212Error(Hj212ErrorCode.MissingField, end, Hj212Field.ST);
        }

        if (!index.Cn.IsPresent)
        {
            return new Hj212Error(Hj212ErrorCode.MissingField, end, Hj212Field.CN);
        }

        if (!index.Pw.IsPresent)
        {
            return new Hj212Error(Hj212ErrorCode.MissingField, end, Hj212Field.PW);
        }

        if (!index.Mn.IsPresent)
        {
            return new Hj212Error(Hj212ErrorCode.MissingField, end, Hj212Field.MN);
        }

        // HJ 212-2017 6.3.3: the D bit announces PNUM and PNO.
        if ((Hj212FlagBits.Options(index.FlagValue) & Hj212PacketFlags.Split) != 0)
        {
            if (!index.PacketCount.IsPresent)
            {
                return new Hj212Error(Hj212ErrorCode.MissingField, end, Hj212Field.PNUM);
            }

            if (!index.PacketNumber.IsPresent)
            {
                return new Hj212Error(Hj212ErrorCode.MissingField, end, Hj212Field.PNO);
            }
        }

        if (index.PacketCount.IsPresent != index.PacketNumber.IsPresent)
        {
            return new Hj212Error(Hj212ErrorCode.MissingField, end, index.PacketCount.IsPresent ? Hj212Field.PNO : Hj212Field.PNUM);
        }

        if (index.PacketNumber.IsPresent && index.PacketNumberValue > index.PacketCountValue)
        {
            return new Hj212Error(Hj212ErrorCode.SplitNumbering, index.PacketNumber.Start, Hj212Field.PNO);
        }

        return Hj212Error.None;
    }

    /// <summary>Every CP entry must be key=value with a non-empty key; an empty CP (<c>&amp;&amp;&amp;&amp;</c>) is allowed.</summary>
    private static Hj212Error ValidateCp(ReadOnlySpan<byte> cp, int offset)
    {
        if (cp.IsEmpty)
        {
            return Hj212Error.None;
        }

        // Only '=', ';', ',' and '&' matter, about four in every 32 bytes. Sixteen bytes at a time are compared
        // at once and the matches visited through a bit mask; a per-byte branch or a search call per entry cost
        // most of the parse time of a real-time packet before this (see docs/benchmarks.md).
        var state = new CpState();
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            var equals = Vector128.Create((byte)'=');
            var semicolon = Vector128.Create((byte)';');
            var comma = Vector128.Create((byte)',');
            var ampersand = Vector128.Create((byte)'&');
            for (; i + 16 <= cp.Length; i += 16)
            {
                var v = Vector128.Create(cp.Slice(i, 16));
                var matches = (Vector128.Equals(v, equals) | Vector128.Equals(v, semicolon) | Vector128.Equals(v, comma) | Vector128.Equals(v, ampersand))
                    .ExtractMostSignificantBits();
                while (matches != 0)
                {
                    var at = i + BitOperations.TrailingZeroCount(matches);
                    if (!state.Accept(cp[at], at))
                    {
                        return new Hj212Error(Hj212ErrorCode.CpSyntax, offset + state.Start, Hj212Field.CP);
                    }

                    matches &= matches - 1;
                }
            }
        }

        for (; i < cp.Length; i++)
        {
            if (cp[i] is (byte)'=' or (byte)';' or (byte)',' or (byte)'&' && !state.Accept(cp[i], i))
            {
                return new Hj212Error(Hj212ErrorCode.CpSyntax, offset + state.Start, Hj212Field.CP);
            }
        }

        return state.HasEquals ? Hj212Error.None : new Hj212Error(Hj212ErrorCode.CpSyntax, offset + state.Start, Hj212Field.CP);
    }

    /// <summary>Where the current CP entry started and whether its '=' has been seen after a non-empty key.</summary>
    private struct CpState
    {
        public int Start;
        public bool HasEquals;

        public bool Accept(byte special, int at)
        {
            switch (special)
            {
                case (byte)'=':
                    if (!HasEquals)
                    {
                        HasEquals = at > Start;
                        return HasEquals;
                    }

                    return true;
                case (byte)'&':
                    return false;
                default:
                    if (!HasEquals)
                    {
                        return false;
                    }

                    Start = at + 1;
                    HasEquals = false;
                    return true;
            }
        }
    }

    private static ref FieldSlice SliceOf(ref Hj212FieldIndex index, Hj212Field field)
    {
        switch (field)
        {
            case Hj212Field.QN: return ref index.Qn;
            case Hj212Field.ST: return ref index.St;
            case Hj212Field.CN: return ref index.Cn;
            case Hj212Field.PW: return ref index.Pw;
            case Hj212Field.MN: return ref index.Mn;
            case Hj212Field.Flag: return ref index.Flag;
            case Hj212Field.PNUM: return ref index.PacketCount;
            case Hj212Field.MAC: return ref index.Mac;
            default: return ref index.PacketNumber;
        }
    }

    /// <summary>Bytes of a MAC (seed 004 §8.2.4: the leftmost 4 bytes), carried as 8 hex digits of either case.</summary>
    private const int MacLength = 4;

    private static readonly System.Buffers.SearchValues<byte> HexDigits =
        System.Buffers.SearchValues.Create("0123456789ABCDEFabcdef"u8);

    /// <summary>Longest PW accepted from a field logger (the standard says 6).</summary>
    public const int MaxLoggerPasswordLength = 32;

    /// <summary>True when the value conforms; else, when it is a known harmless deviation, notes it and accepts it.</summary>
    private static bool Note(ref Hj212FieldIndex index, bool conforms, bool deviates, Hj212Deviations deviation)
    {
        if (conforms)
        {
            return true;
        }

        if (deviates)
        {
            index.Deviations |= deviation;
        }

        return deviates;
    }

    private static readonly System.Buffers.SearchValues<byte> LoggerMnCharacters =
        System.Buffers.SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-"u8);

    private static readonly System.Buffers.SearchValues<byte> AlphaNumeric =
        System.Buffers.SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    private static bool AllDigits(ReadOnlySpan<byte> value) => !value.ContainsAnyExceptInRange((byte)'0', (byte)'9');

    private static bool TryNumber(ReadOnlySpan<byte> value, int minDigits, int maxDigits, out int number)
    {
        number = 0;
        if (value.Length < minDigits || value.Length > maxDigits || !AllDigits(value))
        {
            return false;
        }

        foreach (var b in value)
        {
            number = (number * 10) + (b - (byte)'0');
        }

        return true;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - (byte)'0',
        >= (byte)'A' and <= (byte)'F' => b - (byte)'A' + 10,
        >= (byte)'a' and <= (byte)'f' => b - (byte)'a' + 10,
        _ => -1,
    };
}
