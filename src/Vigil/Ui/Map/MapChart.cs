using System.Text.Json.Nodes;
using Vigil.Host.Prevention;
using static Vigil.Host.Ui.BoardText;
using static Vigil.Host.Ui.UiText;

namespace Vigil.Host.Ui.Map;

/// <summary>
/// The ECharts option of the prevention map (DP-RISK electronic distribution map): the boundaries as a geo component,
/// districts shaded by their open hazards, risk points in their colour (red/orange/yellow/blue, grey when not yet
/// assessed) and hazards as diamonds (red major, yellow general, grey not yet assessed), each linking to its record.
/// </summary>
internal static class MapChart
{
    /// <summary>The district shade of no open hazards; <see cref="MostHazardsShade"/> is that of the most.</summary>
    public const string NoHazardsShade = "#f4f1ea";

    public const string MostHazardsShade = "#c45a3c";

    /// <summary>The colour a point is drawn in (GB 2894 safety colours for the four risk levels).</summary>
    public static string Paint(string colour) => colour switch
    {
        "red" => "#d7191c",
        "orange" => "#f28e2b",
        "yellow" => "#f2d40c",
        "blue" => "#2b6cd7",
        _ => "#8a8a8a",
    };

    /// <summary>Where a point's record is: a hazard's own page; a risk point's section (its assessment history) on its enterprise's page.</summary>
    public static string Href(MapPoint point) =>
        point.Kind == "hazard" ? $"hazards/{point.Id}" : $"enterprises/{point.Enterprise.Id}#rp-{point.Id}";

    /// <summary>The divisions' names in the user's language (<c>nameEn</c> for English when given), by <c>adcode</c>.</summary>
    public static Dictionary<string, string> Names(JsonNode boundaries) =>
        (boundaries["features"]?.AsArray() ?? []).Where(f => f?["properties"]?["adcode"] is not null).ToDictionary(
            f => f!["properties"]!["adcode"]!.GetValue<string>(),
            f => (IsEnglish ? f!["properties"]!["nameEn"] : null)?.GetValue<string>() ?? f!["properties"]!["name"]?.GetValue<string>() ?? "");

    public static object Option(JsonNode boundaries, IReadOnlyList<DivisionCount> counts, MapLayer riskPoints, MapLayer hazards, string riskName, string hazardName)
    {
        var names = Names(boundaries);
        var open = counts.ToDictionary(c => c.DivisionCode, c => c.OpenHazards);
        return new Dictionary<string, object?>
        {
            ["animation"] = false,
            ["tooltip"] = new { trigger = "item" },
            ["legend"] = new { top = 0, left = 0, data = new[] { riskName, hazardName } },
            ["visualMap"] = new
            {
                type = "continuous",
                min = 0,
                max = Math.Max(1, open.Values.DefaultIfEmpty(0).Max()),
                seriesIndex = 0,
                left = 0,
                bottom = 0,
                text = new[] { L("map.moreHazards"), L("map.fewerHazards") },
                calculable = false,
                inRange = new { color = new[] { NoHazardsShade, MostHazardsShade } },
            },
            ["geo"] = new
            {
                map = "vigil",
                nameProperty = "adcode",
                nameMap = names,
                roam = true,
                top = 40,
                bottom = 40,
                label = new { show = true, color = "#222222" },
                itemStyle = new { borderColor = "#555555", borderWidth = 1.2, areaColor = NoHazardsShade },
                emphasis = new { label = new { show = true } },
            },
            ["series"] = (object[])[
                new
                {
                    type = "map",
                    geoIndex = 0,
                    data = names.Select(n => new { name = n.Value, value = open.GetValueOrDefault(n.Key) }),
                },
                Points(riskName, "circle", 14, riskPoints),
                Points(hazardName, "diamond", 16, hazards),
            ],
        };
    }

    private static object Points(string name, string symbol, int size, MapLayer layer) => new
    {
        name,
        type = "scatter",
        coordinateSystem = "geo",
        symbol,
        symbolSize = size,
        itemStyle = new { borderColor = "#222222", borderWidth = 1, color = Paint("red") },
        data = layer.Points.Select(p => new
        {
            name = (p.Name ?? "") + " · " + p.Enterprise.Name,
            value = new[] { Math.Round(p.Location.Longitude, 6), Math.Round(p.Location.Latitude, 6) },
            href = Href(p),
            itemStyle = new { color = Paint(p.Colour) },
        }),
    };
}
