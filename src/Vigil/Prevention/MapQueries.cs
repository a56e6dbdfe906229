using Microsoft.EntityFrameworkCore;
using Vigil.Common;
using Vigil.Data;
using Vigil.Data.Prevention;
using Vigil.Host.Security;
using Vigil.Prevention;
using Vigil.Security.Access;

namespace Vigil.Host.Prevention;

/// <summary>A point on the prevention map: a risk point (coloured by its current colour) or a hazard (by grade).</summary>
internal sealed record MapPoint(
    Guid Id, string Kind, string? Name, string Colour, GeoPoint Location, EnterpriseRecord Enterprise, string? State = null, string? Grade = null);

/// <summary>The points of one map layer in the datum asked for, and how many had no place to draw.</summary>
internal sealed record MapLayer(IReadOnlyList<MapPoint> Points, GeoDatum Datum, int Unlocated);

/// <summary>Per division: enterprises, risk points by colour and open hazards by grade.</summary>
internal sealed record DivisionCount(
    string DivisionCode, string Level, string? Name, int Enterprises, IReadOnlyDictionary<string, int> RiskPoints, int Major, int General, int NotAssessed)
{
    /// <summary>Open hazards of every grade.</summary>
    public int OpenHazards => Major + General + NotAssessed;
}

/// <summary>
/// The map's data (DP-RISK electronic distribution maps), shared by the HTTP API and the web UI so the same
/// jurisdiction rules and filters hold: only enterprises the user sees (<see cref="EnterpriseGate.VisibleAsync"/>).
/// </summary>
internal sealed class MapQueries(EnterpriseGate gate, PreventionStore store, VigilDbContext db)
{
    /// <summary>Every colour a risk point can have now; "none" is a point not yet assessed.</summary>
    public static readonly string[] Colours = ["red", "orange", "yellow", "blue", "none"];

    /// <summary>Risk points with their current colour; <paramref name="colour"/> one of <see cref="Colours"/>.</summary>
    public async Task<Outcome<MapLayer>> RiskPointsAsync(Access access, string? colour, string? industry, string? district, string? datum)
    {
        var problems = new List<Problem>();
        var target = Datum(datum, problems);
        if (colour is not null && !RiskColourNames.TryParse(colour, out _) && colour != "none")
        {
            problems.Add(PreventionText.Problem("colour", "colour.unknown", colour));
        }

        CheckDistrict(district, problems);
        if (problems.Count > 0)
        {
            return Outcome.Refused<MapLayer>(problems);
        }

        var enterprises = (await gate.VisibleAsync(access, district, industry)).ToDictionary(e => e.Id);
        var points = await store.RiskPointsAsync(enterprises.Keys);
        var entries = await store.RiskEntriesAsync([.. points.Select(p => p.Id)]);
        var drawn = new List<MapPoint>();
        var unlocated = 0;
        foreach (var point in points)
        {
            var current = RiskApi.CurrentColour(entries[point.Id]) ?? "none";
            if (colour is not null && current != colour)
            {
                continue;
            }

            var enterprise = enterprises[point.EnterpriseId];
            if (Place(point.Latitude, point.Longitude, point.Datum, enterprise) is { } location)
            {
                drawn.Add(new MapPoint(point.Id, "riskPoint", point.Name, current, location.To(target), enterprise));
            }
            else
            {
                unlocated++;
            }
        }

        return Outcome.Ok(new MapLayer(drawn, target, unlocated));
    }

    /// <summary>Hazards by state, grade, open only; a hazard without its own place is drawn at its enterprise.</summary>
    public async Task<Outcome<MapLayer>> HazardsAsync(Access access, string? state, string? grade, bool? open, string? industry, string? district, string? datum)
    {
        var problems = new List<Problem>();
        var target = Datum(datum, problems);
        var filter = HazardFilter.Parse(state, grade, open);
        problems.AddRange(filter.Problems);
        CheckDistrict(district, problems);
        if (problems.Count > 0)
        {
            return Outcome.Refused<MapLayer>(problems);
        }

        var enterprises = (await gate.VisibleAsync(access, district, industry)).ToDictionary(e => e.Id);
        var drawn = new List<MapPoint>();
        var unlocated = 0;
        foreach (var hazard in await store.HazardsAsync(enterprises.Keys))
        {
            var file = hazard.File;
            if (!filter.Value.Admits(file))
            {
                continue;
            }

            var enterprise = enterprises[hazard.Header.EnterpriseId];
            if (Place(hazard.Header.Latitude, hazard.Header.Longitude, hazard.Header.Datum, enterprise) is { } location)
            {
                // Drawn by level: a major hazard red, a general one yellow, one not yet assessed grey.
                var colour = file.Grade switch { HazardGrade.Major => "red", HazardGrade.General => "yellow", _ => "grey" };
                drawn.Add(new MapPoint(hazard.Header.Id, "hazard", file.Description, colour, location.To(target), enterprise,
                    HazardFilter.StateName(file.State), HazardFilter.GradeName(file.Grade)));
            }
            else
            {
                unlocated++;
            }
        }

        return Outcome.Ok(new MapLayer(drawn, target, unlocated));
    }

    /// <summary>
    /// Counts per district (or street with <paramref name="level"/> "street"). Enterprises registered at district level
    /// only count under their district with no street.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<DivisionCount>>> CountsAsync(Access access, string? level, string? industry, string? district)
    {
        var problems = new List<Problem>();
        if (level is not (null or "district" or "street"))
        {
            problems.Add(PreventionText.Problem("level", "counts.level", level));
        }

        CheckDistrict(district, problems);
        if (problems.Count > 0)
        {
            return Outcome.Refused<IReadOnlyList<DivisionCount>>(problems);
        }

        var enterprises = await gate.VisibleAsync(access, district, industry);
        var ids = enterprises.Select(e => e.Id).ToList();
        var points = (await store.RiskPointsAsync(ids)).ToLookup(p => p.EnterpriseId);
        var entries = await store.RiskEntriesAsync([.. points.SelectMany(g => g).Select(p => p.Id)]);
        var hazards = (await store.HazardsAsync(ids)).Select(h => (h.Header.EnterpriseId, File: h.File)).Where(h => h.File.State != HazardState.ClosedOut).ToLookup(h => h.EnterpriseId);
        string KeyOf(EnterpriseRecord e) => level == "street" && e.DivisionCode.Length >= 9 ? e.DivisionCode[..9] : e.DistrictCode;
        var keys = enterprises.Select(KeyOf).Distinct().ToList();
        var names = await db.Divisions.AsNoTracking().Where(d => keys.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name);
        return Outcome.Ok<IReadOnlyList<DivisionCount>>([.. enterprises.GroupBy(KeyOf).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var colourOf = g.SelectMany(e => points[e.Id]).Select(p => RiskApi.CurrentColour(entries[p.Id]) ?? "none").ToList();
            var open = g.SelectMany(e => hazards[e.Id]).ToList();
            return new DivisionCount(
                g.Key,
                level == "street" && g.Key.Length == 9 ? "street" : "district",
                names.GetValueOrDefault(g.Key),
                g.Count(),
                Colours.ToDictionary(c => c, c => colourOf.Count(x => x == c)),
                open.Count(h => h.File.Grade == HazardGrade.Major),
                open.Count(h => h.File.Grade == HazardGrade.General),
                open.Count(h => h.File.Grade is null));
        })]);
    }

    private static GeoPoint? Place(double? latitude, double? longitude, string? datum, EnterpriseRecord enterprise) =>
        DatumNames.Point(latitude, longitude, datum) ?? DatumNames.Point(enterprise.Latitude, enterprise.Longitude, enterprise.Datum);

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

    /// <summary>A district filter must be a division code (GB/T 2260).</summary>
    public static void CheckDistrict(string? district, List<Problem> problems)
    {
        if (district is not null && !Jurisdiction.IsDivisionCode(district))
        {
            problems.Add(PreventionText.Problem("district", "district.invalid", district));
        }
    }
}
