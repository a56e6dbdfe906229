using Vigil.Protocols.Hj212;
using static Vigil.Core.Tests.Protocols.Hj212.Hj212Samples;

namespace Vigil.Core.Tests.Protocols.Hj212;

public sealed class Hj212ReadingTests
{
    private static Hj212Message Message(string data)
    {
        Assert.False(Hj212Parser.TryParse(Frame(data), out var packet).IsError);
        return packet.ToMessage();
    }

    [Fact]
    public void Real_time_values_pair_with_their_flags_and_validity()
    {
        var readings = Hj212Readings.Read(Message(RealTimeData));

        Assert.Equal(6, readings.Count);
        var pm25 = readings.Single(r => r.ItemCode == "a34004");
        Assert.Equal(("Rtd", "48", 48m, Hj212DataFlag.Calibration, false), (pm25.Name, pm25.RawValue, pm25.Value, pm25.Flag, pm25.IsValid));
        var co = readings.Single(r => r.ItemCode == "a21005");
        Assert.Equal((1.6m, Hj212DataFlag.Normal, true), (co.Value, co.Flag, co.IsValid));
        Assert.False(readings.Single(r => r.ItemCode == "a05024").IsValid);
    }

    [Fact]
    public void Hourly_values_keep_every_statistic_and_a_flag_applies_only_within_its_group()
    {
        var readings = Hj212Readings.Read(Message(
            "QN=20220104140000123;ST=22;CN=2061;PW=123456;MN=STATION1;Flag=4;CP=&&DataTime=20220104140000;"
            + "a21026-Min=10,a21026-Avg=14,a21026-Max=-2.5,a21026-Flag=S;a21004-Avg=x"
            + "&&"));

        Assert.Equal(["Min", "Avg", "Max", "Avg"], readings.Select(r => r.Name));
        Assert.All(readings.Take(3), r => Assert.Equal(Hj212DataFlag.ManuallySet, r.Flag));
        Assert.Equal(-2.5m, readings[2].Value);

        // No flag sent: counts as normal; a value that is not a number stays raw.
        Assert.Null(readings[3].FlagText);
        Assert.True(readings[3].IsValid);
        Assert.Null(readings[3].Value);
        Assert.Equal("x", readings[3].RawValue);
    }

    [Fact]
    public void Unknown_flag_letter_is_not_valid()
    {
        var reading = Assert.Single(Hj212Readings.Read(Message("ST=22;CN=2011;PW=1;MN=A1;CP=&&a21026-Rtd=1,a21026-Flag=Z&&")));
        Assert.Null(reading.Flag);
        Assert.False(reading.IsValid);
    }

    [Fact]
    public void DataTime_is_read_as_the_station_local_time()
    {
        Assert.Equal(new DateTime(2022, 1, 4, 14, 0, 0, DateTimeKind.Unspecified), Hj212Readings.DataTime(Message(RealTimeData)));
        Assert.Null(Hj212Readings.DataTime(Message("ST=22;CN=2011;PW=1;MN=A1;CP=&&DataTime=2022&&")));
        Assert.Null(Hj212Readings.DataTime(Message("ST=22;CN=2011;PW=1;MN=A1;CP=&&&&")));
    }
}
