using Vigil.Protocols.Hj212;

namespace Vigil.Core.Tests.Protocols.Hj212;

public sealed class Hj212CrcTests
{
    [Fact]
    public void Appendix_example_data_segment_has_CRC_1C80()
    {
        var data = "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&"u8;
        Assert.Equal(101, data.Length);
        Assert.Equal(0x1C80, Hj212Crc.Compute(data));
    }

    [Fact]
    public void Shared_appendix_file_parses_with_its_CRC()
    {
        var frame = File.ReadAllBytes(Fixtures.Path("hj212", "appendix-example.txt"));
        var error = Hj212Parser.TryParse(frame, out var packet);
        Assert.False(error.IsError, error.Code);
        Assert.Equal(1062, packet.Command);
    }

    [Fact]
    public void Table_driven_CRC_equals_the_bitwise_rule_of_AQ_DATA()
    {
        var random = new Random(212);
        for (var n = 0; n < 500; n++)
        {
            var data = new byte[random.Next(0, 300)];
            random.NextBytes(data);
            Assert.Equal(Hj212Crc.ComputeBitwise(data), Hj212Crc.Compute(data));
        }
    }

    [Fact]
    public void HJ212_CRC_is_not_CRC16_Modbus()
    {
        var data = "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&"u8;
        Assert.NotEqual(Modbus(data), Hj212Crc.Compute(data));
    }

    [Fact]
    public void Empty_data_segment_keeps_the_start_value()
    {
        Assert.Equal(0xFFFF, Hj212Crc.Compute([]));
    }

    private static ushort Modbus(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFF;
        foreach (var b in data)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1;
            }
        }

        return (ushort)crc;
    }
}
