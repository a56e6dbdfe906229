using System.Globalization;
using Vigil.Monitoring;

namespace Vigil.Core.Tests.Monitoring;

/// <summary>
/// The official CNEMC hourly publication of 2022-01-04 14:00 (../shared/data/cnemc) recomputed: every row with all
/// six 1-hour values must give the published AQI and primary pollutant(s) under the standard of that date.
/// </summary>
public sealed class CnemcReproductionTests
{
    [Fact]
    public void Hourly_AQI_and_primary_pollutants_match_every_complete_row_of_2022_01_04T14()
    {
        var lines = File.ReadAllLines(SharedData.Path("cnemc", "2022-01-04T14.csv"));
        var header = SplitCsv(lines[0]);
        int Col(string name) => Array.IndexOf(header, name);

        var checkedRows = 0;
        var mismatches = new List<string>();
        foreach (var line in lines.Skip(1))
        {
            var f = SplitCsv(line);

            // README: the 1-hour O3 is in the o3_24h column (the source's headers are swapped).
            var values = new[] { "so2", "no2", "pm10", "pm2_5", "co", "o3_24h" }.Select(c => f[Col(c)]).ToArray();
            if (values.Any(string.IsNullOrEmpty))
            {
                continue;
            }

            var v = values.Select(x => decimal.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            var time = DateTime.Parse(f[Col("timepoint")], CultureInfo.InvariantCulture);
            var standard = AqiStandards.ForDate(DateOnly.FromDateTime(time))!;
            var result = AqiCalculator.Hourly(standard, new HourlyConcentrations(v[0], v[1], v[2], v[3], v[4], v[5]));

            var expectedPrimary = f[Col("primarypollutant")].Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
            var actualPrimary = result.PrimaryPollutants.Select(Pollutants.ChineseName).ToHashSet();
            var expectedAqi = int.Parse(f[Col("aqi")], CultureInfo.InvariantCulture);
            if (result.Aqi != expectedAqi || !expectedPrimary.SetEquals(actualPrimary))
            {
                mismatches.Add($"{f[Col("stationcode")]}: {result.Aqi} {string.Join('/', actualPrimary)} vs {expectedAqi} {f[Col("primarypollutant")]}");
            }

            checkedRows++;
        }

        Assert.Equal("HJ633-2012", AqiStandards.ForDate(new DateOnly(2022, 1, 4))!.Id);
        Assert.Equal(1541, checkedRows);
        Assert.Empty(mismatches);
    }

    /// <summary>Splits a CSV line with double-quoted fields (the multi-pollutant primary column is quoted).</summary>
    internal static string[] SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
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
