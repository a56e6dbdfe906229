using Microsoft.EntityFrameworkCore;
using Vigil.Common;
using Vigil.Data;
using Vigil.Data.Prevention;
using Vigil.Prevention;
using Vigil.Security.Access;

namespace Vigil.Host.Prevention;

/// <summary>
/// Map data (issue 5 part 5; DP-RISK "electronic distribution maps"): GeoJSON FeatureCollections (RFC 7946) of risk
/// points and hazards with filters, and counts per district and street. Coordinates are kept in their datum; the map
/// gets WGS-84 by default (as RFC 7946 requires) or GCJ-02 for Chinese base maps with <c>datum=gcj02</c>.
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
    private static async Task<IResult> RiskPoints(HttpContext http, EnterpriseGate gate, PreventionStore store, string? colour, string? industry, string? district, string? datum)
    {
        var (access, denied) = await PreventionEndpoint.RequireAsync(http, PreventionRoles.All);
        if (access is null)
        {
            return denied!;
        }

        var problems = new List<Problem>();
        var target = Datum(datum, problems);
        if (colour is not null && !RiskColourNames.TryParse(colour, out _) && colour != "none")
        {
            problems.Add(PreventionText.Problem("colour", "colour.unknown", colour));
        }

        CheckDistrict(district, problems);
        if (problems.Count > 0)
        {
            return Web.ApiProblems.From(ProblemKind.Invalid, problems);
        }

        var enterprises = (await gate.VisibleAsync(access, district, industry)).ToDictionary(e => e.Id);
        var points = await store.RiskPointsAsync(enterprises.Keys);
        var entries = await store.RiskEntriesAsync([.. points.Select(p => p.Id)]);
        var features = new List<object>();
        var unlocated = 0;
        foreach (var point in points)
        {
            var current = RiskApi.CurrentColour(entries[point.Id]) ?? "none";
            if (colour is not null && current != colour)
            {
                continue;
            }

            var enterprise = enterprises[point.EnterpriseId];
            var location = DatumNames.Point(point.Latitude, point.Longitude, point.Datum) ?? DatumNames.Point(enterprise.Latitude, enterprise.Longitude, enterprise.Datum);
            if (location is null)
            {
                unlocated++;
                continue;
            }

            features.Add(Feature(point.Id, location.Value.To(target), new
            {
                kind = "riskPoint",
                name = point.Name,
                colour = current,
                enterpriseId = enterprise.Id,
                enterpriseName = enterprise.Name,
                industry = enterprise.Industry,
                divisionCode = enterprise.DivisionCode,
            }));
        }

        return Collection(features, target, unlocated);
    }

    /// <summary><c>?state=&amp;grade=&amp;open=true&amp;industry=&amp;district=&amp;datum=</c>; a hazard without its own place is drawn at its enterprise.</summary>
    private static async Task<IResult> Hazards(
        HttpContext http, EnterpriseGate gate, PreventionStore store, string? state, string? grade, bool? open, string? industry, string? district, string? datum)
    {
        var (access, denied) = await PreventionEndpoint.RequireAsync(http, PreventionRoles.All);
        if (access is null)
        {
            return denied!;
        }

        var problems = new List<Problem>();
        var target = Datum(datum, problems);
        var filter = HazardFilter.Parse(state, grade, open);
        problems.AddRange(filter.Problems);
        CheckDistrict(district, problems);
        if (problems.Count > 0)
        {
            return Web.ApiProblems.From(ProblemKind.Invalid, problems);
        }

        var enterprises = (await gate.VisibleAsync(access, district, industry)).ToDictionary(e => e.Id);
        var features = new List<object>();
        var unlocated = 0;
        foreach (var hazard in await store.HazardsAsync(enterprises.Keys))
        {
            var file = hazard.File;
            if (!filter.Value.Admits(file))
            {
                continue;
            }

            var enterprise = enterprises[hazard.Header.EnterpriseId];
            var location = DatumNames.Point(hazard.Header.Latitude, hazard.Header.Longitude, hazard.Header.Datum) ?? DatumNames.Point(enterprise.Latitude, enterprise.Longitude, enterprise.Datum);
            if (location is null)
            {
                unlocated++;
                continue;
            }

            features.Add(Feature(hazard.Header.Id, location.Value.To(target), new
            {
                kind = "hazard",
                state = HazardFilter.StateName(file.State),
                grade = HazardFilter.GradeName(file.Grade),
                // Drawn by level: a major hazard red, a general one yellow, one not yet assessed grey.
                colour = file.Grade switch { HazardGrade.Major => "red", HazardGrade.General => "yellow", _ => "grey" },
                enterpriseId = enterprise.Id,
                enterpriseName = enterprise.Name,
                industry = enterprise.Industry,
                divisionCode = enterprise.DivisionCode,
            }));
        }

        return Collection(features, target, unlocated);
    }

    /// <summary>
    /// <c>?level=district|street&amp;industry=&amp;district=</c>: per division, enterprises, risk points by colour and open
    /// hazards by grade. Enterprises registered at district level only count under their district with no street.
    /// </summary>
    private static async Task<IResult> Counts(HttpContext http, EnterpriseGate gate, PreventionStore store, VigilDbContext db, string? level, string? industry, string? district)
    {
        var (access, denied) = await PreventionEndpoint.RequireAsync(http, PreventionRoles.All);
        if (access is null)
        {
            return denied!;
        }

        var problems = new List<Problem>();
        if (level is not (null or "district" or "street"))
        {
            problems.Add(PreventionText.Problem("level", "counts.level", level));
        }

        CheckDistrict(district, problems);
        if (problems.Count > 0)
        {
            return Web.ApiProblems.From(ProblemKind.Invalid, problems);
        }

        var enterprises = await gate.VisibleAsync(access, district, industry);
        var ids = enterprises.Select(e => e.Id).ToList();
        var points = (await store.RiskPointsAsync(ids)).ToLookup(p => p.EnterpriseId);
        var entries = await store.RiskEntriesAsync([.. points.SelectMany(g => g).Select(p => p.Id)]);
        var hazards = (await store.HazardsAsync(ids)).Select(h => (h.Header.EnterpriseId, File: h.File)).Where(h => h.File.State != HazardState.ClosedOut).ToLookup(h => h.EnterpriseId);
        string KeyOf(EnterpriseRecord e) => level == "street" && e.DivisionCode.Length >= 9 ? e.DivisionCode[..9] : e.DistrictCode;
        var keys = enterprises.Select(KeyOf).Distinct().ToList();
        var names = await db.Divisions.AsNoTracking().Where(d => keys.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name);
        var colours = new[] { "red", "orange", "yellow", "blue", "none" };
        return TypedResults.Ok(enterprises.GroupBy(KeyOf).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var colourOf = g.SelectMany(e => points[e.Id]).Select(p => RiskApi.CurrentColour(entries[p.Id]) ?? "none").ToList();
            var open = g.SelectMany(e => hazards[e.Id]).ToList();
            return new
            {
                divisionCode = g.Key,
                level = level == "street" && g.Key.Length == 9 ? "street" : "district",
                name = names.GetValueOrDefault(g.Key),
                enterprises = g.Count(),
                riskPoints = colours.ToDictionary(c => c, c => colourOf.Count(x => x == c)),
                openHazards = new
                {
                    major = open.Count(h => h.File.Grade == HazardGrade.Major),
                    general = open.Count(h => h.File.Grade == HazardGrade.General),
                    notAssessed = open.Count(h => h.File.Grade is null),
                },
            };
        }));
    }

    private static GeoDatum Datum(string? text, List<Problem> problems)
    {
        if (text is null)
        {
            return GeoDatum.Wgs84;
        }

        if (DatumNames.TryParse(text) is { } datum)
        {
            return datum;
        }

        problems.Add(PreventionText.Problem("datum", "datum.unknown", text));
        return GeoDatum.Wgs84;
    }

    private static void CheckDistrict(string? district, List<Problem> problems)
    {
        if (district is not null && !Jurisdiction.IsDivisionCode(district))
        {
            problems.Add(PreventionText.Problem("district", "district.invalid", district));
        }
    }

    private static object Feature(Guid id, GeoPoint point, object properties) => new
    {
        type = "Feature",
        id,
        geometry = new { type = "Point", coordinates = new[] { Math.Round(point.Longitude, 7), Math.Round(point.Latitude, 7) } },
        properties,
    };

    private static IResult Collection(List<object> features, GeoDatum datum, int unlocated) =>
        Results.Json(new { type = "FeatureCollection", datum = DatumNames.Of(datum), unlocated, features }, contentType: "application/geo+json");
}
