using System.Globalization;
using Vigil.Monitoring;

namespace Vigil.Host.Ui.Components;

/// <summary>
/// The ECharts option of a station-day: the hourly AQI as bars coloured by category (AQ-AQI), the pollutants as
/// lines, and every hour with a value whose flag makes it invalid (AQ-DATA, AQ-VALID) marked by a dark triangle.
/// </summary>
internal static class StationChart
{
    /// <summary>The pollutants drawn as lines (µg/m³); CO (mg/m³) is in the table only.</summary>
    public static readonly Pollutant[] Lines = [Pollutant.PM25, Pollutant.PM10, Pollutant.O3, Pollutant.NO2, Pollutant.SO2];

    public const string InvalidColour = "#5a0000";

    public static string Name(Pollutant pollutant) => pollutant switch
    {
        Pollutant.PM25 => "PM2.5",
        Pollutant.O3 => "O₃",
        Pollutant.NO2 => "NO₂",
        Pollutant.SO2 => "SO₂",
        _ => pollutant.ToString(),
    };

    public static object Option(StationDaySeries day, string invalidName)
    {
        var hours = day.Hours.OrderBy(h => h.Hour).ToList();
        return new Dictionary<string, object?>
        {
            ["animation"] = false,
            ["tooltip"] = new { trigger = "axis" },
            ["legend"] = new { top = 0, data = (string[])["AQI", .. Lines.Select(Name), invalidName] },
            ["grid"] = new { left = 48, right = 48, top = 40, bottom = 32 },
            ["xAxis"] = new { type = "category", data = hours.Select(h => h.Hour.ToString("00", CultureInfo.InvariantCulture) + ":00") },
            ["yAxis"] = new object[]
            {
                new { type = "value", name = "µg/m³" },
                new { type = "value", name = "AQI", splitLine = new { show = false } },
            },
            ["series"] = (object[])[
                new
                {
                    name = "AQI",
                    type = "bar",
                    yAxisIndex = 1,
                    barMaxWidth = 18,
                    data = hours.Select(h => h.Aqi.Aqi is { } aqi
                        ? new { value = (object)aqi, itemStyle = new { color = h.Aqi.Category?.Colour ?? "#999999", borderColor = "#333333", borderWidth = 1 } }
                        : new { value = (object)"-", itemStyle = new { color = "#999999", borderColor = "#333333", borderWidth = 0 } }),
                },
                .. Lines.Select(p => new
                {
                    name = Name(p),
                    type = "line",
                    yAxisIndex = 0,
                    connectNulls = false,
                    data = hours.Select(h => Point(h.Values.GetValueOrDefault(p))),
                }),
                new
                {
                    name = invalidName,
                    type = "scatter",
                    yAxisIndex = 0,
                    symbol = "triangle",
                    symbolSize = 14,
                    itemStyle = new { color = InvalidColour },
                    data = hours.Select((h, i) => (h, i)).Where(x => x.h.Values.Values.Any(v => v is { Valid: false, Flag: not null })).Select(x => new[] { x.i, 0 }),
                },
            ],
        };
    }

    private static object Point(HourValue? value) => value switch
    {
        { Value: { } v, Valid: true } => new { value = (object)v },
        { Value: { } v } => new { value = (object)v, symbol = "triangle", symbolSize = 12, itemStyle = new { color = InvalidColour } },
        _ => new { value = (object)"-" },
    };
}
