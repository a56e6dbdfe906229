namespace Vigil.Protocols.Hj212;

/// <summary>
/// The HJ 212-2017 CRC-16 (AQ-DATA): start 0xFFFF; per byte <c>crc = (crc &gt;&gt; 8) ^ byte</c>, then eight
/// right shifts, XOR 0xA001 when the bit shifted out was 1. Not CRC-16/MODBUS: Modbus XORs the byte into the
/// low byte without first discarding it, so the two disagree on every non-empty input.
/// </summary>
public static class Hj212Crc
{
    // After (crc >> 8) ^ b the register holds a value below 256, so the eight shift rounds depend on that byte
    // alone: one 256-entry table makes the CRC a lookup per byte (the hot path of every received packet).
    private static readonly ushort[] Table = BuildTable();

    public static ushort Compute(ReadOnlySpan<byte> dataSegment)
    {
        var table = Table;
        uint crc = 0xFFFF;
        foreach (var b in dataSegment)
        {
            crc = table[(int)((crc >> 8) ^ b)];
        }

        return (ushort)crc;
    }

    /// <summary>The step exactly as AQ-DATA words it, kept to prove the table against it in tests.</summary>
    internal static ushort ComputeBitwise(ReadOnlySpan<byte> dataSegment)
    {
        uint crc = 0xFFFF;
        foreach (var b in dataSegment)
        {
            crc = (crc >> 8) ^ b;
            for (var i = 0; i < 8; i++)
            {
                var carry = (crc & 1) != 0;
                crc >>= 1;
                if (carry)
                {
                    crc ^= 0xA001;
                }
            }
        }

        return (ushort)crc;
    }

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (uint v = 0; v < 256; v++)
        {
            var crc = v;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1;
            }

            table[v] = (ushort)crc;
        }

        return table;
    }
}
