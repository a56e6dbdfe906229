using System.Globalization;
using System.Text;

namespace Vigil.Protocols.Hj212;

/// <summary>One CP entry as strings (see <see cref="Hj212CpEntry"/> for the span form).</summary>
public sealed record Hj212CpItem(int Group, string Key, string ItemCode, string Name, string Value);

/// <summary>
/// A materialised HJ 212 data segment: what is stored, displayed or built into a frame. Parsing produces
/// <see cref="Hj212Packet"/> first; this type is made on request.
/// </summary>
public sealed record Hj212Message(
    string? Qn,
    string St,
    string Cn,
    string Pw,
    string Mn,
    int? Flag,
    int? PacketCount,
    int? PacketNumber,
    string Cp)
{
    public Hj212PacketFlags Options => Flag is { } f ? Hj212FlagBits.Options(f) : Hj212PacketFlags.None;

    public IReadOnlyList<Hj212CpItem> Items()
    {
        var items = new List<Hj212CpItem>();
        foreach (var entry in new Hj212CpReader(Encoding.ASCII.GetBytes(Cp)))
        {
            items.Add(new Hj212CpItem(
                entry.Group,
                Encoding.ASCII.GetString(entry.Key),
                Encoding.ASCII.GetString(entry.ItemCode),
                Encoding.ASCII.GetString(entry.Name),
                Encoding.ASCII.GetString(entry.Value)));
        }

        return items;
    }

    /// <summary>The data segment in the field order of HJ 212-2017 table 4.</summary>
    public string ToDataSegment()
    {
        var text = new StringBuilder();
        if (Qn is not null)
        {
            text.Append("QN=").Append(Qn).Append(';');
        }

        text.Append("ST=").Append(St).Append(";CN=").Append(Cn).Append(";PW=").Append(Pw).Append(";MN=").Append(Mn).Append(';');
        if (Flag is { } flag)
        {
            text.Append("Flag=").Append(flag.ToString(CultureInfo.InvariantCulture)).Append(';');
        }

        if (PacketCount is { } count && PacketNumber is { } number)
        {
            text.Append("PNUM=").Append(count.ToString(CultureInfo.InvariantCulture))
                .Append(";PNO=").Append(number.ToString(CultureInfo.InvariantCulture)).Append(';');
        }

        return text.Append("CP=&&").Append(Cp).Append("&&").ToString();
    }

    public byte[] ToFrame() => Hj212Frame.Build(ToDataSegment());
}

/// <summary>Builds frames around a data segment (AQ-DATA framing and CRC).</summary>
public static class Hj212Frame
{
    /// <summary>The 4-digit length field cannot say more.</summary>
    public const int MaxDataLength = 9999;

    /// <summary>Bytes a frame needs: <c>##</c>, length, data, CRC, CR LF.</summary>
    public static int FrameLength(int dataLength) => dataLength + 12;

    /// <summary>Writes <c>##</c> + length + data + CRC (upper-case hex) + CR LF into <paramref name="destination"/>.</summary>
    public static bool TryWrite(ReadOnlySpan<byte> dataSegment, Span<byte> destination, out int written)
    {
        written = 0;
        var total = FrameLength(dataSegment.Length);
        if (dataSegment.Length > MaxDataLength || destination.Length < total)
        {
            return false;
        }

        destination[0] = (byte)'#';
        destination[1] = (byte)'#';
        var length = dataSegment.Length;
        for (var i = 5; i >= 2; i--)
        {
            destination[i] = (byte)('0' + (length % 10));
            length /= 10;
        }

        dataSegment.CopyTo(destination[6..]);
        var crc = Hj212Crc.Compute(dataSegment);
        var at = 6 + dataSegment.Length;
        for (var i = 3; i >= 0; i--)
        {
            destination[at + i] = (byte)"0123456789ABCDEF"[crc & 0xF];
            crc >>= 4;
        }

        destination[at + 4] = (byte)'\r';
        destination[at + 5] = (byte)'\n';
        written = total;
        return true;
    }

    /// <summary>Frames an ASCII data segment; a segment over 9999 bytes cannot be framed (internal invariant).</summary>
    public static byte[] Build(string dataSegment)
    {
        var data = Encoding.ASCII.GetBytes(dataSegment);
        var frame = new byte[FrameLength(data.Length)];
        if (!TryWrite(data, frame, out _))
        {
            throw new ArgumentException("The data segment exceeds 9999 bytes.", nameof(dataSegment));
        }

        return frame;
    }
}
