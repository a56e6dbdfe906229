using System.Text.Json.Nodes;

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
}
