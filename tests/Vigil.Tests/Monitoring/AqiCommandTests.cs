using System.Globalization;
using System.Text;

namespace Vigil.Tests.Monitoring;

public sealed class AqiCommandTests
{
    private const string Header = "time,station,SO2,NO2,PM10,PM2.5,CO,O3";

    private static readonly Dictionary<string, string> ChineseNames = new()
    {
        ["SO2"] = "二氧化硫", ["NO2"] = "二氧化氮", ["PM10"] = "颗粒物(PM10)", ["PM2.5"] = "细颗粒物(PM2.5)", ["CO"] = "一氧化碳", ["O3"] = "臭氧1小时",
    };

    [Fact]
    public void Hourly_reproduces_the_official_AQI_and_primary_pollutant_of_every_row_of_CNEMC_2022_01_04T14()
    {
        // Build the command's input from the publication; the 1-hour O3 is the o3_24h column (README swap).
        var lines = File.ReadAllLines(Fixtures.Path("cnemc", "2022-01-04T14.csv"));
        var header = SplitCsv(lines[0]);
        int Col(string name) => Array.IndexOf(header, name);
        var rows = lines.Skip(1).Select(SplitCsv).ToList();
        var input = new StringBuilder(Header).Append('\n');
        foreach (var f in rows)
        {
            input.Append("2022-01-04T14:00,").Append(f[Col("stationcode")]);
            foreach (var column in new[] { "so2", "no2", "pm10", "pm2_5", "co", "o3_24h" })
            {
                input.Append(',').Append(f[Col(column)]);
            }

            input.Append('\n');
        }

        var (exit, output, error) = CliRunner.Run("zh-CN", "aqi", "--hourly", CliRunner.TempFile(input.ToString()));
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        var result = CliRunner.Lines(output);
        Assert.Equal("time,station,AQI,primary,category,IAQI_SO2,IAQI_NO2,IAQI_PM10,IAQI_PM2.5,IAQI_CO,IAQI_O3", result[0]);
        Assert.Equal(rows.Count + 1, result.Length);

        var complete = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var f = rows[i];
            var o = result[i + 1].Split(',');
            Assert.Equal(f[Col("stationcode")], o[1]);
            Assert.Equal(f[Col("aqi")], o[2]);
            var primary = o[3].Split(';', StringSplitOptions.RemoveEmptyEntries).Select(c => ChineseNames[c]).ToHashSet();
            Assert.True(primary.SetEquals(f[Col("primarypollutant")].Split(',', StringSplitOptions.RemoveEmptyEntries)), $"{o[1]}: {o[3]}");
            if (o.Skip(5).All(v => v.Length > 0))
            {
                complete++;
            }
        }

        Assert.Equal(1541, complete);
    }

    [Fact]
    public void Hourly_prints_English_category_under_an_English_UI()
    {
        var file = CliRunner.TempFile($"{Header}\n2022-01-04T14:00,S1,14,52,74,48,1.6,23\n");
        var (exit, output, _) = CliRunner.Run("en-US", "aqi", "--hourly", file);
        Assert.Equal(0, exit);
        Assert.Equal("2022-01-04T14:00,S1,67,PM2.5,Good,5,26,62,67,16,8", CliRunner.Lines(output)[1]);
    }

    [Fact]
    public void Each_hours_date_picks_the_standard_unless_forced()
    {
        // PM2.5 61 with O3 missing: 2026 scores 101 (published), 2012 scores 83 (withheld, ≤ 100 with a pollutant missing).
        var file = CliRunner.TempFile($"{Header}\n2026-02-28T23:00,S1,5,10,20,61,0.5,\n2026-03-01T00:00,S1,5,10,20,61,0.5,\n");
        var (_, byDate, _) = CliRunner.Run("zh-CN", "aqi", "--hourly", file);
        Assert.Equal(
            ["2026-02-28T23:00,S1,,,,2,5,20,83,5,", "2026-03-01T00:00,S1,101,PM2.5,轻度污染,2,5,20,101,5,"],
            CliRunner.Lines(byDate).Skip(1));

        var (_, forced, _) = CliRunner.Run("zh-CN", "aqi", "--hourly", file, "--standard", "HJ633-2026");
        Assert.Equal("2026-02-28T23:00,S1,101,PM2.5,轻度污染,2,5,20,101,5,", CliRunner.Lines(forced)[1]);
    }

    [Fact]
    public void Hourly_SO2_above_800_uses_the_stations_24h_moving_mean_under_2012()
    {
        var input = new StringBuilder(Header).Append('\n');
        for (var hour = 0; hour < 24; hour++)
        {
            var so2 = hour == 23 ? 900 : 100;
            input.Append(CultureInfo.InvariantCulture, $"2022-01-04T{hour:00}:00,S1,{so2},10,20,10,0.5,30\n");
        }

        // The mean at 23:00 is (23 × 100 + 900) / 24 = 133.3: 50 + ⌈50 × 83.3 / 100⌉ = 92. Under 2026 the same hour scores 200.
        input.Append("2022-01-05T12:00,S2,900,10,20,10,0.5,30\n");
        var file = CliRunner.TempFile(input.ToString());
        var lines = CliRunner.Lines(CliRunner.Run("zh-CN", "aqi", "--hourly", file).Out);
        Assert.Equal("2022-01-04T23:00,S1,92,SO2,良,92,5,20,15,5,10", lines[24]);

        // S2 has no history: no 24-hour mean, so SO₂ has no IAQI and the AQI (≤ 100 from the others) is withheld.
        Assert.Equal("2022-01-05T12:00,S2,,,,,5,20,15,5,10", lines[25]);

        var forced = CliRunner.Lines(CliRunner.Run("zh-CN", "aqi", "--hourly", file, "--standard", "HJ633-2026").Out);
        Assert.Equal("2022-01-04T23:00,S1,200,SO2,中度污染,200,5,20,15,5,10", forced[24]);
    }

    [Fact]
    public void Daily_means_need_20_hours_and_O3_uses_the_8h_max_and_1h_max()
    {
        var input = new StringBuilder(Header).Append('\n');
        for (var hour = 0; hour < 24; hour++)
        {
            // S1 has all 24 hours; S2 only 19, so its 24-hour means are not valid; S3 has exactly 20.
            var o3 = hour is >= 12 and < 20 ? 200 : 40;
            input.Append(CultureInfo.InvariantCulture, $"2022-06-01T{hour:00}:00,S1,10,20,40,20,0.8,{o3}\n");
            if (hour < 19)
            {
                input.Append(CultureInfo.InvariantCulture, $"2022-06-01T{hour:00}:00,S2,10,20,40,20,0.8,40\n");
            }

            if (hour < 20)
            {
                input.Append(CultureInfo.InvariantCulture, $"2022-06-01T{hour:00}:00,S3,10,20,40,20,0.8,40\n");
            }
        }

        var (exit, output, _) = CliRunner.Run("zh-CN", "aqi", "--daily", CliRunner.TempFile(input.ToString()));
        Assert.Equal(0, exit);
        var lines = CliRunner.Lines(output);
        Assert.Equal("date,station,SO2,NO2,PM10,PM2.5,CO,O3_8h_max,O3_1h_max,AQI,primary,category", lines[0]);

        // O₃ 8-hour max 200: 100 + ⌈50 × 40 / 55⌉ = 137 → primary O3_8h, 轻度污染.
        Assert.Equal("2022-06-01,S1,10,20,40,20,0.8,200,200,137,O3_8h,轻度污染", lines[1]);

        // S2: 19 hours → no valid 24-hour mean (AQ-VALID: 20); O₃ still has 14 valid 8-hour windows. With five
        // pollutants missing, the O₃ AQI of 40 (≤ 100) is withheld.
        Assert.Equal("2022-06-01,S2,,,,,,40,40,,,", lines[2]);

        // S3: exactly 20 hours → valid means; AQI = PM10 40 → 40, no primary pollutant at ≤ 50.
        Assert.Equal("2022-06-01,S3,10,20,40,20,0.8,40,40,40,,优", lines[3]);
    }

    public static TheoryData<string, string> BadRows => new()
    {
        { "time,station,SO2\n", "第 1 行：表头必须为 time,station,SO2,NO2,PM10,PM2.5,CO,O3" },
        { $"{Header}\n2022-01-04T14:00,S1,1,2,3,4,5\n", "第 2 行：应有 8 列，实际 7 列" },
        { $"{Header}\n2022-01-04T14:00,S1,1,2,3,4,5,6\n2022-01-04 15:00,S1,1,2,3,4,5,6\n", "第 3 行，time 列：“2022-01-04 15:00”不是形如 2022-01-04T14:00 的本地时间" },
        { $"{Header}\n2022-01-04T14:00,,1,2,3,4,5,6\n", "第 2 行，station 列：站点为空" },
        { $"{Header}\n2022-01-04T14:00,S1,1,2,3,-4,5,6\n", "第 2 行，PM2.5 列：“-4”不是非负数" },
        { $"{Header}\n2022-01-04T14:00,S1,1,2,3,4,5,6\n2022-01-04T14:00,S1,1,2,3,4,5,6\n", "第 3 行：站点 S1 在 2022-01-04T14:00 已有一行" },
        { $"{Header}\n2011-01-04T14:00,S1,1,2,3,4,5,6\n", "第 2 行：2011-01-04 没有有效的 AQI 标准" },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public void Bad_row_gets_one_stderr_line_naming_row_and_column_and_exit_2(string input, string message)
    {
        var (exit, output, error) = CliRunner.Run("zh-CN", "aqi", "--hourly", CliRunner.TempFile(input));
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal([message], CliRunner.Lines(error));
    }

    [Fact]
    public void Bad_row_message_is_English_under_an_English_UI()
    {
        var (exit, _, error) = CliRunner.Run("en-US", "aqi", "--daily", CliRunner.TempFile($"{Header}\n2022-01-04T14:00,S1,1,x,3,4,5,6\n"));
        Assert.Equal(2, exit);
        Assert.Equal("row 2, column NO2: 'x' is not a non-negative number", error.Trim());
    }

    [Fact]
    public void Hourly_and_daily_together_or_neither_is_a_usage_error()
    {
        var file = CliRunner.TempFile($"{Header}\n");
        Assert.Equal(2, CliRunner.Run("zh-CN", "aqi", "--hourly", file, "--daily", file).Exit);
        Assert.Equal(2, CliRunner.Run("zh-CN", "aqi").Exit);
        Assert.Equal(2, CliRunner.Run("zh-CN", "aqi", "--hourly", file + ".missing").Exit);
    }

    [Fact]
    public void Unknown_standard_is_refused_by_the_parser()
    {
        var file = CliRunner.TempFile($"{Header}\n");
        Assert.NotEqual(0, CliRunner.Run("zh-CN", "aqi", "--hourly", file, "--standard", "HJ633-1999").Exit);
    }

    private static string[] SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var ch in line)
        {
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (ch == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(ch);
            }
        }

        fields.Add(current.ToString());
        return [.. fields];
    }
}
