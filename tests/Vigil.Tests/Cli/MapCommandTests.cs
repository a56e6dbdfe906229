namespace Vigil.Tests.Cli;

/// <summary>`vigil map import-boundaries`: an administrator replaces the map's boundaries; bad files change nothing.</summary>
public sealed class MapCommandTests : IAsyncLifetime
{
    private const string Valid = """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"adcode":"310104","name":"徐汇区"},"geometry":{"type":"Polygon","coordinates":[[[121.40,31.14],[121.47,31.14],[121.45,31.22],[121.40,31.14]]]}},
          {"type":"Feature","properties":{"adcode":"310112","name":"闵行区"},"geometry":{"type":"MultiPolygon","coordinates":[[[[121.30,31.14],[121.47,31.14],[121.42,30.98],[121.30,31.14]]]]}}
        ]}
        """;

    private static readonly Dictionary<string, string> Admin = new() { ["VIGIL_USER"] = "admin", ["VIGIL_PASSWORD"] = VigilFactory.AdminPassword };
    private readonly VigilFactory _app = new();
    private readonly string _work = Directory.CreateTempSubdirectory("vigil-boundaries-").FullName;

    public Task InitializeAsync()
    {
        _ = _app.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private string Current => Path.Combine(_app.DataDirectory, "boundaries.geojson");

    private async Task<string> FileWith(string text)
    {
        var path = Path.Combine(_work, Guid.NewGuid().ToString("N") + ".geojson");
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    [Fact]
    public async Task Bad_boundaries_are_refused_with_each_field_named_and_nothing_changes()
    {
        var bad = await FileWith("""
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"adcode":"31010","name":""},"geometry":{"type":"Polygon","coordinates":[[[221.0,31.1],[121.4,31.2],[121.3,31.1]]]}}
            ]}
            """);
        var (exit, _, error) = await VigilProcess.RunAsync(null, "en_US.UTF-8", Admin, "map", "import-boundaries", bad, "--data", _app.DataDirectory);
        Assert.Equal(1, exit);
        Assert.Contains("features[0].properties.adcode", error, StringComparison.Ordinal);
        Assert.Contains("features[0].properties.name", error, StringComparison.Ordinal);
        Assert.Contains("features[0].geometry", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Current));

        var notGeoJson = await FileWith("{\"type\":\"Feature\"}");
        Assert.Equal(1, (await VigilProcess.RunAsync(null, "en_US.UTF-8", Admin, "map", "import-boundaries", notGeoJson, "--data", _app.DataDirectory)).ExitCode);
        Assert.False(File.Exists(Current));
    }

    [Fact]
    public async Task An_administrator_imports_boundaries_the_replaced_ones_are_kept_and_the_import_is_audited()
    {
        var path = await FileWith(Valid);
        var (refused, _, _) = await VigilProcess.RunAsync(null, "en_US.UTF-8", "map", "import-boundaries", path, "--data", _app.DataDirectory);
        Assert.Equal(3, refused);
        Assert.False(File.Exists(Current));

        var (exit, output, error) = await VigilProcess.RunAsync(null, "en_US.UTF-8", Admin, "map", "import-boundaries", path, "--data", _app.DataDirectory);
        Assert.True(exit == 0, error);
        Assert.Contains("Imported 2 division boundaries", output, StringComparison.Ordinal);
        Assert.Equal(Valid, await File.ReadAllTextAsync(Current));

        var second = await FileWith(Valid.Replace("徐汇区", "徐汇", StringComparison.Ordinal));
        Assert.Equal(0, (await VigilProcess.RunAsync(null, "en_US.UTF-8", Admin, "map", "import-boundaries", second, "--data", _app.DataDirectory)).ExitCode);
        Assert.Contains("\"徐汇\"", await File.ReadAllTextAsync(Current), StringComparison.Ordinal);
        var kept = Assert.Single(Directory.GetFiles(Path.Combine(_app.DataDirectory, "boundaries-history")));
        Assert.Equal(Valid, await File.ReadAllTextAsync(kept));

        using var auditor = await _app.As("审计员乙", "auditor", "000000");
        var audit = await auditor.GetJson("/api/audit?pageSize=50");
        Assert.Equal(2, audit["items"]!.AsArray().Count(e => e!["action"]!.GetValue<string>() == "map.boundaries.import"));
    }
}
