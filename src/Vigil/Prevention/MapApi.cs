using Vigil.Common;

namespace Vigil.Host.Prevention;

/// <summary>
/// Map data (issue 5 part 5; DP-RISK "electronic distribution maps"): GeoJSON FeatureCollections (RFC 7946) of risk
/// points and hazards with filters, and counts per district and street. Coordinates are kept in their datum; the map
/// gets WGS-84 by default (as RFC 7946 requires) or GCJ-02 for Chinese base maps with <c>datum=gcj02</c>. The data
/// comes from <see cref="MapQueries"/>, which the web UI's map reads too.
/// </summary>
internal static class MapApi
{
    public static void MapPreventionMap(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/map").WithTags("Prevention").RequireAuthorization();
        group.MapGet("/risk-points", RiskPoints);
        group.MapGet("/hazards", Hazards);
        group.MapGet("/counts", Counts);
    }

    /// <summary><c>?colour=&amp;industry=&amp;district=&amp;datum=wgs84|gcj02</c>.</summary>
    private static async Task<IResult> RiskPoints(HttpContext http, MapQueries map, string? colour, string? industry, string? district, string? datum)
    {
        var (access, denied) = await PreventionEndpoint.RequireAsync(http, PreventionRoles.All);
        return access is null ? denied! : Collection(await map.RiskPointsAsync(access, colour, industry, district, datum), p => new
        {
            kind = p.Kind,
            name = p.Name,
            colour = p.Colour,
            enterpriseId = p.Enterprise.Id,
            enterpriseName = p.Enterprise.Name,
            industry = p.Enterprise.Industry,
            divisionCode = p.Enterprise.DivisionCode,
        });
    }

    /// <summary><c>?state=&amp;grade=&amp;open=true&amp;industry=&amp;district=&amp;datum=</c>; a hazard without its own place is drawn at its enterprise.</summary>
    private static async Task<IResult> Hazards(HttpContext http, MapQueries map, string? state, string? grade, bool? open, string? industry, string? district, string? datum)
    {
        var (access, denied) = await PreventionEndpoint.RequireAsync(http, PreventionRoles.All);
        return access is null ? denied! : Collection(await map.HazardsAsync(access, state, grade, open, industry, district, datum), p => new
        {
            kind = p.Kind,
            state = p.State,
            grade = p.Grade,
            colour = p.Colour,
            enterpriseId = p.Enterprise.Id,
            enterpriseName = p.Enterprise.Name,
            industry = p.Enterprise.Industry,
            divisionCode = p.Enterprise.DivisionCode,
        });
    }

    /// <summary>
    /// <c>?level=district|street&amp;industry=&amp;district=</c>: per division, enterprises, risk points by colour and open
    /// hazards by grade. Enterprises registered at district level only count under their district with no street.
    /// </summary>
    private static async Task<IResult> Counts(HttpContext http, MapQueries map, string? level, string? industry, string? district)
    {
        var (access, denied) = await PreventionEndpoint.RequireAsync(http, PreventionRoles.All);
        if (access is null)
        {
            return denied!;
        }

        var counts = await map.CountsAsync(access, level, industry, district);
        return !counts.IsSuccess ? Web.ApiProblems.From(counts) : TypedResults.Ok(counts.Value.Select(c => new
        {
            divisionCode = c.DivisionCode,
            level = c.Level,
            name = c.Name,
            enterprises = c.Enterprises,
            riskPoints = c.RiskPoints,
            openHazards = new { major = c.Major, general = c.General, notAssessed = c.NotAssessed },
        }));
    }

    private static IResult Collection(Outcome<MapLayer> layer, Func<MapPoint, object> properties) => !layer.IsSuccess
        ? Web.ApiProblems.From(layer)
        : Results.Json(new
        {
            type = "FeatureCollection",
            datum = DatumNames.Of(layer.Value.Datum),
            unlocated = layer.Value.Unlocated,
            features = layer.Value.Points.Select(p => new
            {
                type = "Feature",
                id = p.Id,
                geometry = new { type = "Point", coordinates = new[] { Math.Round(p.Location.Longitude, 7), Math.Round(p.Location.Latitude, 7) } },
                properties = properties(p),
            }),
        }, contentType: "application/geo+json");
}
