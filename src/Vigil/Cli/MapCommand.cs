using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Data;
using Vigil.Host.Ui;
using Vigil.Host.Ui.Map;

namespace Vigil.Host.Cli;

/// <summary>
/// <c>vigil map import-boundaries FILE</c>: an administrator replaces the map's district boundaries (GeoJSON) with
/// real ones; the boundaries replaced are kept, and the import is on the audit trail. Exit 1 with every problem named
/// when the file is not usable boundaries (nothing changes), 3 when not allowed.
/// </summary>
internal static class MapCommand
{
    public static Command Create()
    {
        var data = CliData.DataOption();
        var file = new Argument<FileInfo>("file") { Description = "GeoJSON FeatureCollection / 行政区划边界 GeoJSON" };
        var import = new Command("import-boundaries", "Import administrative boundaries for the map / 导入地图行政区划边界") { file, data };
        import.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            return await CliData.RunSignedInAsync(parse, data, CliData.Administrators, async (services, access) =>
            {
                var path = parse.GetValue(file)!;
                string text;
                JsonNode? boundaries;
                try
                {
                    text = await File.ReadAllTextAsync(path.FullName, cancellationToken);
                    boundaries = JsonNode.Parse(text);
                }
                catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
                {
                    await error.WriteLineAsync(BoardText.L("boundaries.unreadable", path.FullName, e.Message));
                    return 1;
                }

                var problems = MapBoundaries.Check(boundaries);
                foreach (var problem in problems)
                {
                    await error.WriteLineAsync(problem.Message);
                }

                if (problems.Count > 0)
                {
                    return 1;
                }

                var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
                var sha256 = await MapBoundaries.ReplaceAsync(services.GetRequiredService<DataDirectoryPath>(), text, now);
                var db = services.GetRequiredService<VigilDbContext>();
                var division = access.Assignments.First(a => CliData.Administrators.Contains(a.RoleId)).DivisionCode;
                db.Audit(access.Audit(CliData.Administrators[0], "map.boundaries.import", "Boundaries", sha256, division,
                    new { features = boundaries!["features"]!.AsArray().Count }), now);
                await db.SaveChangesAsync(cancellationToken);
                await parse.InvocationConfiguration.Output.WriteLineAsync(BoardText.L("boundaries.imported", boundaries["features"]!.AsArray().Count, sha256));
                return 0;
            });
        });
        return new Command("map", "Map data / 地图数据") { import };
    }
}
