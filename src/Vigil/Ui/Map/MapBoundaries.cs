using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Common;
using Vigil.Security.Access;

namespace Vigil.Host.Ui.Map;

/// <summary>
/// The administrative boundaries the map draws (GeoJSON, WGS-84, one feature per division with an <c>adcode</c>
/// property): <c>boundaries.geojson</c> in the data directory when the administrator has put real boundaries there,
/// otherwise the SYNTHETIC demo set shipped with Vigil (made-up shapes for 310104 and 310112, labelled as such).
/// </summary>
internal static class MapBoundaries
{
    /// <summary>The file name of administrator-provided boundaries in the data directory.</summary>
    public const string FileName = "boundaries.geojson";

    /// <summary>The boundaries and whether they are the synthetic demo set.</summary>
    public static async Task<(JsonNode Boundaries, bool Synthetic)> LoadAsync(DataDirectoryPath dataDirectory)
    {
        var configured = Path.Combine(dataDirectory.Path, FileName);
        if (File.Exists(configured))
        {
            await using var file = File.OpenRead(configured);
            return (JsonNode.Parse(file)!, false);
        }

        await using var shipped = typeof(MapBoundaries).Assembly.GetManifestResourceStream("Vigil.Host.Ui.Map.demo-boundaries.geojson")!;
        return (JsonNode.Parse(shipped)!, true);
    }

    /// <summary>
    /// Checks boundaries before they replace the map's: a GeoJSON FeatureCollection whose every feature has an
    /// <c>adcode</c> (a GB/T 2260 division code), a <c>name</c>, and a Polygon or MultiPolygon geometry with
    /// longitude/latitude positions in range. Each problem names the field it concerns.
    /// </summary>
    public static IReadOnlyList<Problem> Check(JsonNode? boundaries)
    {
        var problems = new List<Problem>();
        if (boundaries?["type"]?.GetValueKind() != JsonValueKind.String || boundaries["type"]!.GetValue<string>() != "FeatureCollection"
            || boundaries["features"] is not JsonArray { Count: > 0 } features)
        {
            return [Problem("type", "boundaries.collection")];
        }

        for (var i = 0; i < features.Count; i++)
        {
            var field = $"features[{i}]";
            var properties = features[i]?["properties"];
            if (properties?["adcode"] is not JsonValue adcode || adcode.GetValueKind() != JsonValueKind.String || !Jurisdiction.IsDivisionCode(adcode.GetValue<string>()))
            {
                problems.Add(Problem(field + ".properties.adcode", "boundaries.adcode"));
            }

            if (properties?["name"] is not JsonValue name || name.GetValueKind() != JsonValueKind.String || name.GetValue<string>().Trim().Length == 0)
            {
                problems.Add(Problem(field + ".properties.name", "boundaries.name"));
            }

            var geometry = features[i]?["geometry"];
            var kind = geometry?["type"]?.GetValueKind() == JsonValueKind.String ? geometry["type"]!.GetValue<string>() : null;
            var depth = kind switch { "Polygon" => 3, "MultiPolygon" => 4, _ => 0 };
            if (depth == 0 || !Positions(geometry!["coordinates"], depth))
            {
                problems.Add(Problem(field + ".geometry", "boundaries.geometry"));
            }
        }

        return problems;
    }

    /// <summary>
    /// Replaces the boundaries the map draws with <paramref name="text"/> (already checked); the boundaries it replaces
    /// are kept under <c>boundaries-history/</c> with the time they were replaced, nothing is lost. Returns the SHA-256.
    /// </summary>
    public static async Task<string> ReplaceAsync(DataDirectoryPath dataDirectory, string text, DateTimeOffset at)
    {
        var current = Path.Combine(dataDirectory.Path, FileName);
        if (File.Exists(current))
        {
            var history = Directory.CreateDirectory(Path.Combine(dataDirectory.Path, "boundaries-history"));
            File.Copy(current, Path.Combine(history.FullName, at.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", System.Globalization.CultureInfo.InvariantCulture) + ".geojson"));
        }

        var temporary = current + ".new";
        await File.WriteAllTextAsync(temporary, text, Encoding.UTF8);
        File.Move(temporary, current, overwrite: true);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static Problem Problem(string field, string code) => new(field, code, BoardText.L(code, field));

    /// <summary>Nested arrays <paramref name="depth"/> deep ending in [longitude, latitude] pairs in range.</summary>
    private static bool Positions(JsonNode? node, int depth) => node is JsonArray { Count: > 0 } array && (depth == 1
        ? array.Count >= 2 && array[0] is JsonValue lon && array[1] is JsonValue lat
          && lon.GetValueKind() == JsonValueKind.Number && lat.GetValueKind() == JsonValueKind.Number
          && Math.Abs(lon.GetValue<double>()) <= 180 && Math.Abs(lat.GetValue<double>()) <= 90
        : array.All(child => Positions(child, depth - 1)));
}
