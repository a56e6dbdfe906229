using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Vigil.Host.Prevention;
using Vigil.Prevention;

namespace Vigil.Host.Ui.Map;

/// <summary>
/// An optional tile base map under the prevention map (issue 6 part 2), for deployments that have a tile service:
/// 天地图 (CGCS2000, which for a map is WGS-84), an intranet tile server, or GCJ-02 tiles such as 高德's. Without a
/// <see cref="Url"/> the map draws the boundaries alone, with nothing fetched from anywhere (the default).
/// Configuration section <c>Vigil:Map:Tiles</c>.
/// </summary>
internal sealed class MapTileOptions
{
    public const string Section = "Vigil:Map:Tiles";

    /// <summary>
    /// The tile URL template with <c>{z}</c>, <c>{x}</c>, <c>{y}</c> and optionally <c>{s}</c> (a subdomain), e.g.
    /// <c>https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&amp;REQUEST=GetTile&amp;VERSION=1.0.0&amp;LAYER=vec&amp;STYLE=default&amp;TILEMATRIXSET=w&amp;FORMAT=tiles&amp;TILEMATRIX={z}&amp;TILEROW={y}&amp;TILECOL={x}&amp;tk=KEY</c>.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>The datum the tiles are drawn in: <c>wgs84</c> (天地图, CGCS2000) or <c>gcj02</c> (高德, 腾讯).</summary>
    public string Datum { get; set; } = "wgs84";

    /// <summary>The values <c>{s}</c> takes, one character each (e.g. <c>01234567</c> for 天地图's t0–t7).</summary>
    public string Subdomains { get; set; } = "";

    /// <summary>The attribution the tile provider requires (e.g. "© 天地图 GS(2024)0568号"), shown on the map.</summary>
    public string Attribution { get; set; } = "";

    public int MinZoom { get; set; } = 3;

    public int MaxZoom { get; set; } = 18;

    /// <summary>Whether a tile base map is configured.</summary>
    public bool Enabled => Url is { Length: > 0 };

    /// <summary>The origins tiles come from (one per subdomain), which the Content-Security-Policy admits for images.</summary>
    public IReadOnlyCollection<string> Origins() => !Enabled
        ? []
        : (Subdomains.Length == 0 ? [Url!] : Subdomains.Select(s => Url!.Replace("{s}", s.ToString(), StringComparison.Ordinal)))
            .Select(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null)
            .OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The datum points and boundaries are sent in, so that they sit on the tiles.</summary>
    public GeoDatum TileDatum => DatumNames.TryParse(Datum) ?? GeoDatum.Wgs84;
}

/// <summary>Refuses a tile configuration that cannot work, at start-up, naming the setting.</summary>
internal sealed class MapTileOptionsValidation : IValidateOptions<MapTileOptions>
{
    public ValidateOptionsResult Validate(string? name, MapTileOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!Uri.TryCreate(options.Url!.Replace("{s}", "a", StringComparison.Ordinal), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            failures.Add($"{MapTileOptions.Section}:Url must be an absolute http(s) URL template.");
        }

        failures.AddRange(new[] { "{z}", "{x}", "{y}" }.Where(p => !options.Url.Contains(p, StringComparison.Ordinal))
            .Select(p => $"{MapTileOptions.Section}:Url lacks the placeholder {p}."));
        if (options.Url.Contains("{s}", StringComparison.Ordinal) && options.Subdomains.Length == 0)
        {
            failures.Add($"{MapTileOptions.Section}:Subdomains must list the values of {{s}}.");
        }

        if (DatumNames.TryParse(options.Datum) is null)
        {
            failures.Add($"{MapTileOptions.Section}:Datum must be wgs84 or gcj02, not '{options.Datum}'.");
        }

        if (options.MinZoom < 0 || options.MaxZoom > 22 || options.MinZoom > options.MaxZoom)
        {
            failures.Add($"{MapTileOptions.Section}:MinZoom/MaxZoom must satisfy 0 ≤ MinZoom ≤ MaxZoom ≤ 22.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>
/// What the tiled map (Leaflet, <c>wwwroot/js/prevention-tiles.js</c>) draws: the same districts, shading, points and
/// links as the ECharts map (<see cref="MapChart"/>), with every coordinate in the tiles' datum. The boundaries are
/// WGS-84 by contract (<see cref="MapBoundaries"/>), so on GCJ-02 tiles each of their positions is shifted too.
/// </summary>
internal static class MapTiles
{
    /// <summary>The tile layer's settings for the browser.</summary>
    public static object Layer(MapTileOptions options) => new
    {
        url = options.Url,
        subdomains = options.Subdomains,
        attribution = options.Attribution,
        minZoom = options.MinZoom,
        maxZoom = options.MaxZoom,
    };

    /// <summary>The boundaries in <paramref name="datum"/>: a copy with every position shifted when the tiles are GCJ-02.</summary>
    public static JsonNode Boundaries(JsonNode boundaries, GeoDatum datum)
    {
        var copy = boundaries.DeepClone();
        if (datum == GeoDatum.Gcj02)
        {
            foreach (var feature in copy["features"]!.AsArray())
            {
                Shift(feature!["geometry"]!["coordinates"]!.AsArray());
            }
        }

        return copy;
    }

    /// <summary>The districts' fill (shaded by open hazards as on the ECharts map) and the points, each linking to its record.</summary>
    public static object Layers(JsonNode boundaries, IReadOnlyList<DivisionCount> counts, MapLayer riskPoints, MapLayer hazards)
    {
        var open = counts.ToDictionary(c => c.DivisionCode, c => c.OpenHazards);
        var most = Math.Max(1, open.Values.DefaultIfEmpty(0).Max());
        return new
        {
            fills = MapChart.Names(boundaries).Keys.ToDictionary(code => code, code => new { colour = Shade(open.GetValueOrDefault(code), most), open = open.GetValueOrDefault(code) }),
            points = riskPoints.Points.Select(p => Point(p, "circle")).Concat(hazards.Points.Select(p => Point(p, "diamond"))),
        };
    }

    /// <summary>The ECharts map's visual scale (<see cref="MapChart.NoHazardsShade"/> to <see cref="MapChart.MostHazardsShade"/>), as one colour.</summary>
    public static string Shade(int openHazards, int most)
    {
        var t = Math.Clamp((double)openHazards / most, 0, 1);
        var (none, mostShade) = (Convert.FromHexString(MapChart.NoHazardsShade.AsSpan(1)), Convert.FromHexString(MapChart.MostHazardsShade.AsSpan(1)));
        return "#" + Convert.ToHexStringLower([.. none.Zip(mostShade, (from, to) => (byte)Math.Round(from + ((to - from) * t)))]);
    }

    private static object Point(MapPoint p, string symbol) => new
    {
        name = (p.Name ?? "") + " · " + p.Enterprise.Name,
        lat = Math.Round(p.Location.Latitude, 7),
        lon = Math.Round(p.Location.Longitude, 7),
        colour = MapChart.Paint(p.Colour),
        symbol,
        href = MapChart.Href(p),
    };

    /// <summary>Shifts every [longitude, latitude] position below <paramref name="node"/> from WGS-84 to GCJ-02.</summary>
    private static void Shift(JsonArray node)
    {
        if (node.Count >= 2 && node[0] is JsonValue lon && node[1] is JsonValue lat)
        {
            var shifted = GeoPoint.Create(lat.GetValue<double>(), lon.GetValue<double>(), GeoDatum.Wgs84).Value.ToGcj02();
            node[0] = Math.Round(shifted.Longitude, 7);
            node[1] = Math.Round(shifted.Latitude, 7);
            return;
        }

        foreach (var child in node)
        {
            Shift(child!.AsArray());
        }
    }
}
