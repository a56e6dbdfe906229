using System.Text.Json;
using Vigil.Data.Prevention;
using Vigil.Host.Security;
using Vigil.Host.Web;
using Vigil.Prevention;

namespace Vigil.Host.Prevention;

/// <summary>What every prevention endpoint does first: sign-in and role, then the JSON body; shared readers of its fields.</summary>
internal static class PreventionEndpoint
{
    /// <summary>401 when signed out, 403 unless the user holds one of <paramref name="roles"/> somewhere.</summary>
    public static Task<(Access? Access, IResult? Problem)> RequireAsync(HttpContext http, IReadOnlyCollection<string> roles) =>
        http.RequestServices.GetRequiredService<CurrentUser>().RequireAsync(roles);

    public static Guid? Id(BodyReader body, string name, bool required = true)
    {
        var text = body.Text(name, required);
        if (text is null)
        {
            return null;
        }

        if (Guid.TryParse(text, out var id))
        {
            return id;
        }

        body.Add([PreventionText.Problem(name, "field.id", text)]);
        return null;
    }

    public static decimal? Number(BodyReader body, string name, decimal min, decimal max, bool required = false)
    {
        if (body.Element(name) is not { ValueKind: not JsonValueKind.Null } value)
        {
            if (required)
            {
                body.Add(name, "field.required");
            }

            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) && number >= min && number <= max)
        {
            return number;
        }

        body.Add(name, "field.range", min, max);
        return null;
    }

    public static DateOnly? Date(BodyReader body, string name, bool required = false)
    {
        var text = body.Text(name, required);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
        {
            return date;
        }

        body.Add(name, "field.date", text);
        return null;
    }

    /// <summary>An optional point: latitude and longitude together, with datum "wgs84" (default) or "gcj02".</summary>
    public static GeoPoint? Location(BodyReader body)
    {
        var latitude = Number(body, "latitude", -90, 90);
        var longitude = Number(body, "longitude", -180, 180);
        var datumText = body.Text("datum");
        var datum = ParseDatum(body, datumText);
        if (latitude is null && longitude is null)
        {
            return null;
        }

        if (latitude is null || longitude is null)
        {
            body.Add([PreventionText.Problem(latitude is null ? "latitude" : "longitude", "location.pair")]);
            return null;
        }

        var point = GeoPoint.Create((double)latitude, (double)longitude, datum ?? GeoDatum.Wgs84);
        body.Add(point.Problems);
        return point.IsSuccess ? point.Value : null;
    }

    private static GeoDatum? ParseDatum(BodyReader body, string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (DatumNames.TryParse(text) is { } datum)
        {
            return datum;
        }

        body.Add([PreventionText.Problem("datum", "datum.unknown", text)]);
        return null;
    }

    /// <summary>Evidence hashes: a JSON array of SHA-256 hex strings, each a file already stored.</summary>
    public static async Task<IReadOnlyList<EvidenceHash>> EvidenceAsync(BodyReader body, EvidenceStore evidence, string name = "evidence")
    {
        if (body.Element(name) is not { ValueKind: not JsonValueKind.Null } value)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > 20)
        {
            body.Add([PreventionText.Problem(name, "evidence.list")]);
            return [];
        }

        var hashes = new List<EvidenceHash>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var parsed = EvidenceHash.Parse($"{name}[{index++}]", item.ValueKind == JsonValueKind.String ? item.GetString() : null);
            body.Add(parsed.Problems);
            if (parsed.IsSuccess)
            {
                hashes.Add(parsed.Value);
            }
        }

        var missing = await evidence.MissingAsync([.. hashes.Select(h => h.Hex)]);
        body.Add(missing.Select(m => PreventionText.Problem(name, "evidence.unknown", m)));
        return hashes;
    }
}

/// <summary>The datums' names in JSON and query strings.</summary>
internal static class DatumNames
{
    public static string Of(GeoDatum datum) => datum == GeoDatum.Gcj02 ? "gcj02" : "wgs84";

    public static GeoDatum? TryParse(string? text) => text?.ToLowerInvariant() switch
    {
        "wgs84" or "wgs-84" => GeoDatum.Wgs84,
        "gcj02" or "gcj-02" => GeoDatum.Gcj02,
        _ => null,
    };

    /// <summary>A stored coordinate as a core point, or null.</summary>
    public static GeoPoint? Point(double? latitude, double? longitude, string? datum) =>
        latitude is { } lat && longitude is { } lon && TryParse(datum) is { } d && GeoPoint.Create(lat, lon, d) is { IsSuccess: true } p ? p.Value : null;
}
