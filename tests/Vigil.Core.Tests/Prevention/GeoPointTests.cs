using Vigil.Prevention;

namespace Vigil.Core.Tests.Prevention;

/// <summary>Issue 5 part 5: coordinates keep their datum; WGS-84 ⇄ GCJ-02 by the published transform.</summary>
public sealed class GeoPointTests
{
    // Published test pairs of the eviltransform project (github.com/googollee/eviltransform, go/transform_test.go):
    // WGS-84 latitude, longitude → GCJ-02 latitude, longitude.
    public static TheoryData<string, double, double, double, double> PublishedPairs() => new()
    {
        { "Shanghai", 31.1774276, 121.5272106, 31.17530398364597, 121.531541859215 },
        { "Shenzhen", 22.543847, 113.912316, 22.540796131694766, 113.9171764808363 },
        { "Beijing", 39.911954, 116.377817, 39.91334545536069, 116.38404722455657 },
    };

    private static GeoPoint Point(double latitude, double longitude, GeoDatum datum) => GeoPoint.Create(latitude, longitude, datum).Value;

    [Theory]
    [MemberData(nameof(PublishedPairs))]
    public void WGS84_to_GCJ02_matches_the_published_pairs(string place, double wgsLat, double wgsLon, double gcjLat, double gcjLon)
    {
        var gcj = Point(wgsLat, wgsLon, GeoDatum.Wgs84).ToGcj02();
        Assert.Equal(GeoDatum.Gcj02, gcj.Datum);
        Assert.True(Math.Abs(gcj.Latitude - gcjLat) < 1e-9, $"{place} latitude {gcj.Latitude}");
        Assert.True(Math.Abs(gcj.Longitude - gcjLon) < 1e-9, $"{place} longitude {gcj.Longitude}");
    }

    [Theory]
    [MemberData(nameof(PublishedPairs))]
    public void GCJ02_to_WGS84_by_iteration_recovers_the_published_point_within_a_millimetre(string place, double wgsLat, double wgsLon, double gcjLat, double gcjLon)
    {
        var wgs = Point(gcjLat, gcjLon, GeoDatum.Gcj02).ToWgs84();
        Assert.Equal(GeoDatum.Wgs84, wgs.Datum);
        // 1e-8 degrees is about 1 mm.
        Assert.True(Math.Abs(wgs.Latitude - wgsLat) < 1e-8, $"{place} latitude {wgs.Latitude}");
        Assert.True(Math.Abs(wgs.Longitude - wgsLon) < 1e-8, $"{place} longitude {wgs.Longitude}");
    }

    [Fact]
    public void The_shift_inside_China_is_hundreds_of_metres()
    {
        var wgs = Point(31.2304, 121.4737, GeoDatum.Wgs84);
        var gcj = wgs.ToGcj02();
        Assert.InRange(Math.Abs(gcj.Longitude - wgs.Longitude), 0.001, 0.01);
    }

    [Theory]
    [InlineData(51.4779, -0.0015)]    // Greenwich
    [InlineData(35.6812, 139.7671)]   // Tokyo, east of the box
    [InlineData(-33.8688, 151.2093)]  // Sydney
    [InlineData(56.0, 100.0)]         // north of the box
    public void Points_outside_China_are_not_shifted(double latitude, double longitude)
    {
        Assert.Equal(Point(latitude, longitude, GeoDatum.Gcj02), Point(latitude, longitude, GeoDatum.Wgs84).ToGcj02());
        Assert.Equal(Point(latitude, longitude, GeoDatum.Wgs84), Point(latitude, longitude, GeoDatum.Gcj02).ToWgs84());
    }

    [Fact]
    public void Converting_to_the_same_datum_is_the_identity()
    {
        var gcj = Point(31.0, 121.0, GeoDatum.Gcj02);
        Assert.Equal(gcj, gcj.ToGcj02());
        Assert.Equal(gcj, gcj.To(GeoDatum.Gcj02));
        Assert.Equal(GeoDatum.Wgs84, gcj.To(GeoDatum.Wgs84).Datum);
    }

    [Theory]
    [InlineData(90.5, 0, "latitude")]
    [InlineData(-91, 0, "latitude")]
    [InlineData(0, 180.1, "longitude")]
    [InlineData(double.NaN, 0, "latitude")]
    public void Coordinates_out_of_range_are_refused_naming_the_field(double latitude, double longitude, string field) =>
        Assert.Equal(field, Assert.Single(GeoPoint.Create(latitude, longitude, GeoDatum.Wgs84).Problems).Field);
}
