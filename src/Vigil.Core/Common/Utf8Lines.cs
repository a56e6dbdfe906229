using System.Buffers;
using System.Buffers.Text;

namespace Vigil.Common;

/// <summary>
/// Lines of UTF-8 output in one pooled buffer (ArrayPool), for output measured in millions of lines: no string per
/// line or field. Return the buffer with <see cref="Dispose"/> once <see cref="Written"/> has been copied out.
/// </summary>
public sealed class Utf8Lines : IDisposable
{
    private byte[] _buffer;
    private int _length;

    public Utf8Lines(int capacity) => _buffer = ArrayPool<byte>.Shared.Rent(capacity);

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    public void Add(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        _length += bytes.Length;
    }

    public void Add(byte value)
    {
        Reserve(1)[0] = value;
        _length++;
    }

    public void Add(long value)
    {
        Utf8Formatter.TryFormat(value, Reserve(20), out var written);
        _length += written;
    }

    /// <summary>A whole number of 10^-<paramref name="decimals"/> units as a decimal number, e.g. 1234 with 2 → 12.34.</summary>
    public void AddFixed(Int128 units, int decimals)
    {
        var span = Reserve(42);
        ((long)(units / ExactPower(decimals))).TryFormat(span, out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
        if (decimals > 0)
        {
            span[written++] = (byte)'.';
            var fraction = (long)(units % ExactPower(decimals));
            for (var i = decimals - 1; i >= 0; i--)
            {
                span[written + i] = (byte)('0' + (fraction % 10));
                fraction /= 10;
            }

            written += decimals;
        }

        _length += written;
    }

    /// <summary>yyyy-MM-dd, then THH:mm when <paramref name="withTime"/>.</summary>
    public void Add(DateTime time, bool withTime)
    {
        var span = Reserve(16);
        Digits(span, time.Year, 4);
        span[4] = (byte)'-';
        Digits(span[5..], time.Month, 2);
        span[7] = (byte)'-';
        Digits(span[8..], time.Day, 2);
        if (withTime)
        {
            span[10] = (byte)'T';
            Digits(span[11..], time.Hour, 2);
            span[13] = (byte)':';
            Digits(span[14..], time.Minute, 2);
        }

        _length += withTime ? 16 : 10;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + count));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        return _buffer.AsSpan(_length);
    }

    private static void Digits(Span<byte> span, int value, int count)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            span[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    private static long ExactPower(int decimals)
    {
        var power = 1L;
        for (var i = 0; i < decimals; i++)
        {
            power *= 10;
        }

        return power;
    }
}
