using Vigil.Common;

namespace Vigil.Prevention;

/// <summary>The datum a coordinate is expressed in; stored with every coordinate so it is never guessed (issue 5, part 5).</summary>
public enum GeoDatum
{
    /// <summary>WGS-84, as GPS receivers and GeoJSON (RFC 7946) use.</summary>
    Wgs84,

    /// <summary>GCJ-02 火星坐标, as Chinese map services (AutoNavi/Amap, Tencent) require.</summary>
    Gcj02,
}

/// <summary>A point on the map in a stated datum (degrees).</summary>
public readonly record struct GeoPoint
{
    private GeoPoint(double latitude, double longitude, GeoDatum datum)
    {
        Latitude = latitude;
        Longitude = longitude;
        Datum = datum;
    }

    public double Latitude { get; }

    public double Longitude { get; }

    public GeoDatum Datum { get; }

    /// <summary>Validates a coordinate; problems name "latitude" or "longitude".</summary>
    public static Outcome<GeoPoint> Create(double latitude, double longitude, GeoDatum datum)
    {
        var problems = new List<Problem>();
        if (!double.IsFinite(latitude) || latitude is < -90 or > 90)
        {
            problems.Add(PreventionText.Problem("latitude", "coordinate.out_of_range", "Geo_OutOfRange", "latitude", latitude, -90, 90));
        }

        if (!double.IsFinite(longitude) || longitude is < -180 or > 180)
        {
            problems.Add(PreventionText.Problem("longitude", "coordinate.out_of_range", "Geo_OutOfRange", "longitude", longitude, -180, 180));
        }

        return problems.Count == 0 ? Outcome.Ok(new GeoPoint(latitude, longitude, datum)) : Outcome.Refused<GeoPoint>(problems);
    }

    public GeoPoint ToWgs84() => Datum == GeoDatum.Wgs84 ? this : ChinaDatumShift.ToWgs84(this);

    public GeoPoint ToGcj02() => Datum == GeoDatum.Gcj02 ? this : ChinaDatumShift.ToGcj02(this);

    public GeoPoint To(GeoDatum datum) => datum == GeoDatum.Wgs84 ? ToWgs84() : ToGcj02();

    internal static GeoPoint Unchecked(double latitude, double longitude, GeoDatum datum) => new(latitude, longitude, datum);
}

/// <summary>
/// The published WGS-84 → GCJ-02 transform (the formula widely reproduced in open source, e.g. the eviltransform and
/// coordtransform projects: Krasovsky 1940 ellipsoid, a = 6378245 m, e² = 0.00669342162296594323) and its inverse
/// by iteration, since the forward transform has no closed-form inverse. Points outside the rough bounding box of
/// China are not shifted, as the published transform does. Written here rather than taken from a package: it is a
/// dozen lines of arithmetic, and the core takes no packages (DESIGN principle 4).
/// </summary>
internal static class ChinaDatumShift
{
    private const double SemiMajorAxis = 6378245.0;
    private const double EccentricitySquared = 0.00669342162296594323;

    /// <summary>Stop when the forward image of the estimate is within ~1 mm (1e-8 degrees) of the GCJ-02 point.</summary>
    private const double Tolerance = 1e-8;

    private const int MaxIterations = 30;

    public static bool IsOutsideChina(double latitude, double longitude) =>
        longitude is < 72.004 or > 137.8347 || latitude is < 0.8293 or > 55.8271;

    public static GeoPoint ToGcj02(GeoPoint wgs)
    {
        var (dLat, dLon) = Offset(wgs.Latitude, wgs.Longitude);
        return GeoPoint.Unchecked(wgs.Latitude + dLat, wgs.Longitude + dLon, GeoDatum.Gcj02);
    }

    public static GeoPoint ToWgs84(GeoPoint gcj)
    {
        // Fixed-point iteration wgs ← gcj − offset(wgs): the offset changes slowly with position, so it converges
        // to well under a millimetre in a handful of steps.
        var (lat, lon) = (gcj.Latitude, gcj.Longitude);
        for (var i = 0; i < MaxIterations; i++)
        {
            var (dLat, dLon) = Offset(lat, lon);
            var (nextLat, nextLon) = (gcj.Latitude - dLat, gcj.Longitude - dLon);
            var converged = Math.Abs(nextLat - lat) < Tolerance && Math.Abs(nextLon - lon) < Tolerance;
            (lat, lon) = (nextLat, nextLon);
            if (converged)
            {
                break;
            }
        }

        return GeoPoint.Unchecked(lat, lon, GeoDatum.Wgs84);
    }

    private static (double Latitude, double Longitude) Offset(double latitude, double longitude)
    {
        if (IsOutsideChina(latitude, longitude))
        {
            return (0, 0);
        }

        var x = longitude - 105.0;
        var y = latitude - 35.0;
        var radLat = latitude / 180.0 * Math.PI;
        var sinLat = Math.Sin(radLat);
        var magic = 1 - (EccentricitySquared * sinLat * sinLat);
        var sqrtMagic = Math.Sqrt(magic);
        var dLat = LatitudeShift(x, y) * 180.0 / (SemiMajorAxis * (1 - EccentricitySquared) / (magic * sqrtMagic) * Math.PI);
        var dLon = LongitudeShift(x, y) * 180.0 / (SemiMajorAxis / sqrtMagic * Math.Cos(radLat) * Math.PI);
        return (dLat, dLon);
    }

    private static double LatitudeShift(double x, double y) =>
        -100.0 + (2.0 * x) + (3.0 * y) + (0.2 * y * y) + (0.1 * x * y) + (0.2 * Math.Sqrt(Math.Abs(x)))
        + (Wave(x) * 2.0 / 3.0)
        + (((20.0 * Math.Sin(y * Math.PI)) + (40.0 * Math.Sin(y / 3.0 * Math.PI))) * 2.0 / 3.0)
        + (((160.0 * Math.Sin(y / 12.0 * Math.PI)) + (320.0 * Math.Sin(y * Math.PI / 30.0))) * 2.0 / 3.0);

    private static double LongitudeShift(double x, double y) =>
        300.0 + x + (2.0 * y) + (0.1 * x * x) + (0.1 * x * y) + (0.1 * Math.Sqrt(Math.Abs(x)))
        + (Wave(x) * 2.0 / 3.0)
        + (((20.0 * Math.Sin(x * Math.PI)) + (40.0 * Math.Sin(x / 3.0 * Math.PI))) * 2.0 / 3.0)
        + (((150.0 * Math.Sin(x / 12.0 * Math.PI)) + (300.0 * Math.Sin(x / 30.0 * Math.PI))) * 2.0 / 3.0);

    private static double Wave(double x) => (20.0 * Math.Sin(6.0 * x * Math.PI)) + (20.0 * Math.Sin(2.0 * x * Math.PI));
}
