using Vigil.Monitoring;

namespace Vigil.Core.Tests.Monitoring;

public sealed class PollutantTests
{
    [Theory]
    [InlineData(Pollutant.SO2, "SO2", "a21026")]
    [InlineData(Pollutant.NO2, "NO2", "a21004")]
    [InlineData(Pollutant.PM10, "PM10", "a34002")]
    [InlineData(Pollutant.PM25, "PM2.5", "a34004")]
    [InlineData(Pollutant.CO, "CO", "a21005")]
    [InlineData(Pollutant.O3, "O3", "a05024")]
    public void Pollutant_codes_follow_the_CSV_header_and_HJ212_item_codes_of_AQ_DATA(Pollutant pollutant, string code, string hj212)
    {
        Assert.Equal(code, Pollutants.Code(pollutant));
        Assert.True(Pollutants.TryParseCode(code, out var parsed));
        Assert.Equal(pollutant, parsed);
        Assert.Equal(hj212, Pollutants.Hj212Code(pollutant));
    }

    [Theory]
    [InlineData("SO2_24h", Pollutant.SO2, Averaging.TwentyFourHour)]
    [InlineData("PM2.5_24h", Pollutant.PM25, Averaging.TwentyFourHour)]
    [InlineData("O3_8h", Pollutant.O3, Averaging.EightHour)]
    [InlineData("CO_1h", Pollutant.CO, Averaging.OneHour)]
    public void Table_keys_round_trip(string key, Pollutant pollutant, Averaging averaging)
    {
        Assert.True(AqiTable.TryParse(key, out var table));
        Assert.Equal(new AqiTable(pollutant, averaging), table);
        Assert.Equal(key, table.Key);
    }

    [Theory]
    [InlineData("PM1_24h")]
    [InlineData("SO2_2h")]
    [InlineData("SO2")]
    [InlineData("_1h")]
    public void Unknown_table_keys_are_refused(string key)
    {
        Assert.False(AqiTable.TryParse(key, out _));
    }

    [Fact]
    public void Primary_pollutant_names_are_those_of_the_national_publication()
    {
        Assert.Equal("细颗粒物(PM2.5)", Pollutants.ChineseName(new AqiTable(Pollutant.PM25, Averaging.TwentyFourHour)));
        Assert.Equal("颗粒物(PM10)", Pollutants.ChineseName(new AqiTable(Pollutant.PM10, Averaging.TwentyFourHour)));
        Assert.Equal("臭氧1小时", Pollutants.ChineseName(new AqiTable(Pollutant.O3, Averaging.OneHour)));
        Assert.Equal("臭氧8小时", Pollutants.ChineseName(new AqiTable(Pollutant.O3, Averaging.EightHour)));
        Assert.Equal("二氧化硫", Pollutants.ChineseName(new AqiTable(Pollutant.SO2, Averaging.OneHour)));
        Assert.Equal("二氧化氮", Pollutants.ChineseName(new AqiTable(Pollutant.NO2, Averaging.OneHour)));
        Assert.Equal("一氧化碳", Pollutants.ChineseName(new AqiTable(Pollutant.CO, Averaging.OneHour)));
    }
}
