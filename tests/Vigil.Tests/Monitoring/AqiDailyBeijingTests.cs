using System.Globalization;
using System.Text;

namespace Vigil.Tests.Monitoring;

/// <summary>
/// <c>vigil aqi --daily</c> over a real year (Dongsi, Beijing, 2016, tests/fixtures/beijing; CO converted from µg/m³
/// to mg/m³). Expected values were computed independently with a short Python script (exact fractions).
/// </summary>
public sealed class AqiDailyBeijingTests
{
    [Fact]
    public void Daily_AQI_of_Dongsi_2016_matches_an_independent_computation()
    {
        var lines = File.ReadAllLines(Fixtures.Path("beijing", "PRSA_Data_Dongsi_2016.csv"));
        var header = lines[0].Split(',').Select(h => h.Trim('"')).ToArray();
        int Col(string name) => Array.IndexOf(header, name);
        string Value(string[] f, string column, decimal scale = 1) =>
            f[Col(column)] == "NA" ? string.Empty : (decimal.Parse(f[Col(column)], CultureInfo.InvariantCulture) / scale).ToString(CultureInfo.InvariantCulture);

        var input = new StringBuilder("time,station,SO2,NO2,PM10,PM2.5,CO,O3\n");
        foreach (var f in lines.Skip(1).Select(l => l.Split(',')))
        {
            var time = new DateTime(int.Parse(f[Col("year")], CultureInfo.InvariantCulture), int.Parse(f[Col("month")], CultureInfo.InvariantCulture), int.Parse(f[Col("day")], CultureInfo.InvariantCulture), int.Parse(f[Col("hour")], CultureInfo.InvariantCulture), 0, 0, DateTimeKind.Unspecified);
            input.Append(CultureInfo.InvariantCulture, $"{time:yyyy-MM-ddTHH:mm},Dongsi,{Value(f, "SO2")},{Value(f, "NO2")},{Value(f, "PM10")},{Value(f, "PM2.5")},{Value(f, "CO", 1000)},{Value(f, "O3")}\n");
        }

        var (exit, output, error) = CliRunner.Run("zh-CN", "aqi", "--daily", CliRunner.TempFile(input.ToString()));
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        var days = CliRunner.Lines(output).Skip(1).ToDictionary(l => l[..10], l => l.Split(','));
        Assert.Equal(366, days.Count);

        // 2016-01-01: means 35.46, 100.625, 196.5, 178.83, CO 3.2; O₃ 8-hour max 6.75, 1-hour max 10 → AQI 229 (PM2.5).
        Assert.Equal(["35.5", "100.6", "196.5", "178.8", "3.2", "6.8", "10", "229", "PM2.5", "重度污染"], days["2016-01-01"][2..]);
        Assert.Equal(("54", "PM2.5"), (days["2016-07-15"][9], days["2016-07-15"][10]));
        Assert.Equal(("437", "PM2.5", "严重污染"), (days["2016-12-20"][9], days["2016-12-20"][10], days["2016-12-20"][11]));

        Assert.Equal(344, days.Values.Count(d => d[9].Length > 0));
        Assert.Equal(163, days.Values.Count(d => d[10] == "PM2.5"));
        Assert.Equal(70, days.Values.Count(d => d[10] == "O3_8h"));
        Assert.Equal(5, days.Values.Count(d => d[10] == "O3_1h"));
        Assert.Equal(2, days.Values.Count(d => d[10] == "PM10;PM2.5"));
    }
}
