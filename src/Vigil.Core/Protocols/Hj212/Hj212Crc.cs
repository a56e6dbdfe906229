using System.Buffers.Binary;

namespace Vigil.Protocols.Hj212;

/// <summary>
/// The HJ 212-2017 CRC-16 (AQ-DATA): start 0xFFFF; per byte <c>crc = (crc &gt;&gt; 8) ^ byte</c>, then eight
/// right shifts, XOR 0xA001 when the bit shifted out was 1. Not CRC-16/MODBUS: Modbus XORs the byte into the
/// low byte without first discarding it, so the two disagree on every non-empty input.
/// </summary>
public static class Hj212Crc
{
    // After (crc >> 8) ^ b the register holds a value below 256, so the eight shift rounds depend on that byte
    // alone: Full[v] is their 16-bit result. Only the high byte of the register survives into the next step, so
    // between bytes the state is one byte h, and h' = Step(h ^ b) with Step(v) = Full[v] >> 8. The rounds are
    // linear over GF(2), hence Step^k(x ^ y) = Step^k(x) ^ Step^k(y), which lets eight bytes be folded with eight
    // independent lookups (slicing-by-16) instead of a chain of sixteen dependent ones: the per-byte chain was
    // the bottleneck of packet intake.
    private static readonly ushort[] Full = BuildFull();

    // Sixteen 256-entry tables back to back (4 KiB, stays in L1): Steps[(k - 1) * 256 + x] = Step^k(x).
    private static readonly byte[] Steps = BuildSteps();

    public static ushort Compute(ReadOnlySpan<byte> dataSegment)
    {
        if (dataSegment.IsEmpty)
        {
            return 0xFFFF;
        }

        var steps = Steps;
        var last = dataSegment.Length - 1;
        uint h = 0xFF;
        var i = 0;
        for (; last - i >= 16; i += 16)
        {
            var w = BinaryPrimitives.ReadUInt64LittleEndian(dataSegment.Slice(i, 8));
            var v = BinaryPrimitives.ReadUInt64LittleEndian(dataSegment.Slice(i + 8, 8));
            h = (uint)(steps[(15 << 8) | (int)((h ^ w) & 0xFF)]
                ^ steps[(14 << 8) | (int)((w >> 8) & 0xFF)]
                ^ steps[(13 << 8) | (int)((w >> 16) & 0xFF)]
                ^ steps[(12 << 8) | (int)((w >> 24) & 0xFF)]
                ^ steps[(11 << 8) | (int)((w >> 32) & 0xFF)]
                ^ steps[(10 << 8) | (int)((w >> 40) & 0xFF)]
                ^ steps[(9 << 8) | (int)((w >> 48) & 0xFF)]
                ^ steps[(8 << 8) | (int)(w >> 56)]
                ^ steps[(7 << 8) | (int)(v & 0xFF)]
                ^ steps[(6 << 8) | (int)((v >> 8) & 0xFF)]
                ^ steps[(5 << 8) | (int)((v >> 16) & 0xFF)]
                ^ steps[(4 << 8) | (int)((v >> 24) & 0xFF)]
                ^ steps[(3 << 8) | (int)((v >> 32) & 0xFF)]
                ^ steps[(2 << 8) | (int)((v >> 40) & 0xFF)]
                ^ steps[(1 << 8) | (int)((v >> 48) & 0xFF)]
                ^ steps[(int)(v >> 56)]);
        }

        for (; i < last; i++)
        {
            h = steps[(int)(h ^ dataSegment[i])];
        }

        return Full[(int)(h ^ dataSegment[last])];
    }

    /// <summary>The step exactly as AQ-DATA words it, kept to prove the fast form against it in tests.</summary>
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

    private static ushort[] BuildFull()
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

    private static byte[] BuildSteps()
    {
        var full = BuildFull();
        var steps = new byte[16 * 256];
        for (var x = 0; x < 256; x++)
        {
            steps[x] = (byte)(full[x] >> 8);
        }

        for (var k = 1; k < 16; k++)
        {
            for (var x = 0; x < 256; x++)
            {
                steps[(k << 8) | x] = steps[steps[((k - 1) << 8) | x]];
            }
        }

        return steps;
    }
}
