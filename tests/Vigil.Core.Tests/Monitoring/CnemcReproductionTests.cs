using System.Globalization;
using Vigil.Monitoring;

namespace Vigil.Core.Tests.Monitoring;

/// <summary>
/// The official CNEMC hourly publication of 2022-01-04 14:00 (tests/fixtures/cnemc) recomputed: every row with all
/// six 1-hour values must give the published AQI and primary pollutant(s) under the standard of that date.
/// </summary>
public sealed class CnemcReproductionTests
{
    [Fact]
    public void Hourly_AQI_and_primary_pollutants_match_all_1712_rows_of_2022_01_04T14_complete_or_not()
    {
        var (complete, incomplete, mismatches) = Reproduce();
        Assert.Equal("HJ633-2012", AqiStandards.ForDate(new DateOnly(2022, 1, 4))!.Id);
        Assert.Equal(1541, complete);
        Assert.Equal(171, incomplete);
        Assert.Empty(mismatches);
    }

    /// <summary>
    /// Recomputes every row; rows with a missing pollutant are held to the published rule too (AQI withheld at
    /// 100 or less, AQ-AQI).
    /// </summary>
    internal static (int Complete, int Incomplete, List<string> Mismatches) Reproduce()
    {
        var lines = File.ReadAllLines(Fixtures.Path("cnemc", "2022-01-04T14.csv"));
        var header = SplitCsv(lines[0]);
        int Col(string name) => Array.IndexOf(header, name);

        var complete = 0;
        var incomplete = 0;
        var mismatches = new List<string>();
        foreach (var line in lines.Skip(1))
        {
            var f = SplitCsv(line);

            // README: the 1-hour O3 is in the o3_24h column (the source's headers are swapped).
            var v = new[] { "so2", "no2", "pm10", "pm2_5", "co", "o3_24h" }
                .Select(c => f[Col(c)] is { Length: > 0 } text ? decimal.Parse(text, CultureInfo.InvariantCulture) : (decimal?)null)
                .ToArray();
            var time = DateTime.Parse(f[Col("timepoint")], CultureInfo.InvariantCulture);
            var standard = AqiStandards.ForDate(DateOnly.FromDateTime(time))!;
            var result = AqiCalculator.Hourly(standard, new HourlyConcentrations(v[0], v[1], v[2], v[3], v[4], v[5]));

            var expectedPrimary = f[Col("primarypollutant")].Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
            var actualPrimary = result.PrimaryPollutants.Select(Pollutants.ChineseName).ToHashSet();
            var expectedAqi = f[Col("aqi")] is { Length: > 0 } aqi ? int.Parse(aqi, CultureInfo.InvariantCulture) : (int?)null;
            if (result.Aqi != expectedAqi || !expectedPrimary.SetEquals(actualPrimary))
            {
                mismatches.Add($"{f[Col("stationcode")]}: {result.Aqi} {string.Join('/', actualPrimary)} vs {expectedAqi} {f[Col("primarypollutant")]}");
            }

            if (result.Complete)
            {
                complete++;
            }
            else
            {
                incomplete++;
            }
        }

        return (complete, incomplete, mismatches);
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
