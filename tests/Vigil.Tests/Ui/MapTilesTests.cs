using System.Text.Json.Nodes;
using Vigil.Host.Ui.Map;
using Vigil.Prevention;

namespace Vigil.Tests.Ui;

/// <summary>
/// The optional tile base map (issue 6 part 2): its configuration is refused at start-up when it cannot work, and on
/// GCJ-02 tiles the WGS-84 boundaries are shifted exactly as points are, so districts and points sit on the tiles.
/// </summary>
public sealed class MapTilesTests
{
    private const string Square = """
        { "type": "FeatureCollection", "features": [
          { "type": "Feature", "properties": { "adcode": "310104", "name": "徐汇区" },
            "geometry": { "type": "Polygon", "coordinates": [[[121.40, 31.15], [121.47, 31.15], [121.47, 31.22], [121.40, 31.15]]] } },
          { "type": "Feature", "properties": { "adcode": "310112", "name": "闵行区" },
            "geometry": { "type": "MultiPolygon", "coordinates": [[[[121.30, 31.00], [121.40, 31.00], [121.40, 31.10], [121.30, 31.00]]]] } } ] }
        """;

    [Fact]
    public void On_gcj02_tiles_every_boundary_position_is_shifted_like_a_point_and_the_original_is_untouched()
    {
        var boundaries = JsonNode.Parse(Square)!;
        var shifted = MapTiles.Boundaries(boundaries, GeoDatum.Gcj02);

        var first = shifted["features"]![0]!["geometry"]!["coordinates"]![0]![0]!.AsArray();
        var expected = GeoPoint.Create(31.15, 121.40, GeoDatum.Wgs84).Value.ToGcj02();
        Assert.Equal(expected.Longitude, first[0]!.GetValue<double>(), 6);
        Assert.Equal(expected.Latitude, first[1]!.GetValue<double>(), 6);

        // The shift in Shanghai is some hundreds of metres east and south-north: never zero, never kilometres.
        Assert.InRange(first[0]!.GetValue<double>() - 121.40, 0.002, 0.01);
        var multi = shifted["features"]![1]!["geometry"]!["coordinates"]![0]![0]![2]!.AsArray();
        Assert.NotEqual(121.40, multi[0]!.GetValue<double>());

        Assert.Equal(121.40, boundaries["features"]![0]!["geometry"]!["coordinates"]![0]![0]![0]!.GetValue<double>());
    }

    [Fact]
    public void On_wgs84_tiles_the_boundaries_are_sent_as_they_are()
    {
        var boundaries = JsonNode.Parse(Square)!;
        Assert.True(JsonNode.DeepEquals(boundaries, MapTiles.Boundaries(boundaries, GeoDatum.Wgs84)));
    }

    [Theory]
    [InlineData(0, 4, "#f4f1ea")]
    [InlineData(4, 4, "#c45a3c")]
    [InlineData(2, 4, "#dca693")]
    public void Districts_are_shaded_on_the_scale_of_the_echarts_map(int open, int most, string colour) =>
        Assert.Equal(colour, MapTiles.Shade(open, most));

    [Fact]
    public void No_url_means_no_tiles_and_nothing_to_check()
    {
        var options = new MapTileOptions();
        Assert.False(options.Enabled);
        Assert.True(new MapTileOptionsValidation().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("https://t{s}.tianditu.gov.cn/vec_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=k", "01234567", "wgs84", null)]
    [InlineData("http://tiles.bureau.internal/{z}/{x}/{y}.png", "", "gcj02", null)]
    [InlineData("tiles/{z}/{x}/{y}.png", "", "wgs84", "absolute http(s)")]
    [InlineData("ftp://tiles.internal/{z}/{x}/{y}.png", "", "wgs84", "absolute http(s)")]
    [InlineData("http://tiles.internal/{z}/{x}.png", "", "wgs84", "placeholder {y}")]
    [InlineData("http://t{s}.tiles.internal/{z}/{x}/{y}.png", "", "wgs84", "Subdomains")]
    [InlineData("http://tiles.internal/{z}/{x}/{y}.png", "", "bd09", "Datum must be wgs84 or gcj02, not 'bd09'")]
    public void A_tile_configuration_that_cannot_work_is_refused_naming_the_setting(string url, string subdomains, string datum, string? failure)
    {
        var result = new MapTileOptionsValidation().Validate(null, new MapTileOptions { Url = url, Subdomains = subdomains, Datum = datum });
        if (failure is null)
        {
            Assert.True(result.Succeeded, result.FailureMessage);
        }
        else
        {
            Assert.Contains(failure, result.FailureMessage, StringComparison.Ordinal);
            Assert.Contains("Vigil:Map:Tiles:", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0, 22, true)]
    [InlineData(-1, 18, false)]
    [InlineData(3, 23, false)]
    [InlineData(10, 9, false)]
    public void Zoom_limits_are_checked_on_both_sides(int min, int max, bool valid) =>
        Assert.Equal(valid, new MapTileOptionsValidation().Validate(null, new MapTileOptions { Url = "http://t.internal/{z}/{x}/{y}.png", MinZoom = min, MaxZoom = max }).Succeeded);

    [Fact]
    public void Images_may_come_only_from_the_tile_origins_one_per_subdomain()
    {
        Assert.Empty(new MapTileOptions().Origins());
        Assert.Equal(["https://t0.tianditu.gov.cn", "https://t1.tianditu.gov.cn"],
            new MapTileOptions { Url = "https://t{s}.tianditu.gov.cn/vec_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}", Subdomains = "01" }.Origins());
        Assert.Equal(["http://tiles.internal:8080"], new MapTileOptions { Url = "http://tiles.internal:8080/{z}/{x}/{y}.png" }.Origins());
    }
}
