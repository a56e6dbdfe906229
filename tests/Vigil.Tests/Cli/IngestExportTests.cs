using Vigil.Tests.Monitoring;

namespace Vigil.Tests.Cli;

/// <summary>
/// `vigil stations add`, `vigil ingest` (the same checks as the TCP gateway) and `vigil export readings`, as a user runs
/// them: real processes on a data directory.
/// </summary>
public sealed class IngestExportTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Admin = new() { ["VIGIL_USER"] = "admin", ["VIGIL_PASSWORD"] = VigilFactory.AdminPassword };
    private readonly VigilFactory _app = new();

    /// <summary>Starting the server once creates the database and the first administrator the CLI signs in as.</summary>
    public Task InitializeAsync()
    {
        _ = _app.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<(int ExitCode, string Output, string Error)> Vigil(params string[] args) =>
        VigilProcess.RunAsync(null, "en_US.UTF-8", Admin, [.. args, "--data", _app.DataDirectory]);

    [Fact]
    public async Task Ingested_packets_are_exported_exactly_as_received_and_bad_lines_are_reported()
    {
        Assert.Equal(0, (await Vigil("stations", "add", "--code", "STATION0001", "--name", "测试站", "--division", "310104",
            "--password", "pw0001", "--lat", "31.18", "--lon", "121.43", "--items", "a21026", "a34004")).ExitCode);
        var file = Path.Combine(_app.DataDirectory, "packets.txt");
        await File.WriteAllLinesAsync(file,
        [
            GatewayEndToEndTests.Packet("STATION0001", 1, "pw0001", value: "10.50").TrimEnd(),
            GatewayEndToEndTests.Packet("STATION0001", 2, "pw0001").TrimEnd().Replace("a34004-Avg=35", "a34004-Avg=99", StringComparison.Ordinal),
            GatewayEndToEndTests.Packet("STATION0001", 3, "pw0001", value: "11").TrimEnd(),
        ]);

        var (code, output, error) = await Vigil("ingest", file);
        Assert.Equal(1, code);
        Assert.Contains("4 readings stored, 1 refusals logged", output, StringComparison.Ordinal);
        Assert.Contains("packets.txt:2", error, StringComparison.Ordinal);

        var (exported, csv, _) = await Vigil("export", "readings", "--station", "STATION0001", "--from", "2026-11-22T00:00", "--to", "2026-11-23T00:00");
        Assert.Equal(0, exported);
        Assert.Equal(
        [
            "time,station,item,value,flag,valid,validity",
            "2026-11-22T01:00:00,STATION0001,a21026,10.50,N,true,raw-flags",
            "2026-11-22T01:00:00,STATION0001,a34004,35,N,true,raw-flags",
            "2026-11-22T03:00:00,STATION0001,a21026,11,N,true,raw-flags",
            "2026-11-22T03:00:00,STATION0001,a34004,35,N,true,raw-flags",
        ], csv.Trim().Split('\n').Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public async Task The_official_sample_frame_is_accepted_for_its_registered_station()
    {
        var sample = Fixtures.Path("hj212", "appendix-example.txt");
        Assert.Equal(0, (await Vigil("stations", "add", "--code", "010000A8900016F000169DC0", "--name", "样例站", "--division", "110000",
            "--password", "100000", "--lat", "39.9", "--lon", "116.4")).ExitCode);
        var (code, output, error) = await Vigil("ingest", sample);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("0 readings stored, 0 refusals logged", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--password", "longer-than-the-32-characters-a-logger-uses", "password")]
    [InlineData("--code", "BAD.MN", "code")]
    [InlineData("--division", "Xuhui", "divisionCode")]
    public async Task Bad_station_registration_names_the_field_and_exits_2(string option, string value, string field)
    {
        var args = new Dictionary<string, string>
        {
            ["--code"] = "STATION0009", ["--name"] = "站", ["--division"] = "310104", ["--password"] = "pw0009", ["--lat"] = "31", ["--lon"] = "121",
        };
        args[option] = value;
        var (code, _, error) = await Vigil(["stations", "add", .. args.SelectMany(a => new[] { a.Key, a.Value })]);
        Assert.Equal(2, code);
        Assert.Contains(field, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_out_cli_is_refused_and_export_is_on_the_audit_trail()
    {
        var (refused, _, _) = await VigilProcess.RunAsync(null, "en_US.UTF-8", "export", "readings", "--station", "S", "--from", "2026-11-22T00:00", "--to", "2026-11-23T00:00", "--data", _app.DataDirectory);
        Assert.Equal(3, refused);
        Assert.Equal(0, (await Vigil("stations", "add", "--code", "STATION0002", "--name", "站", "--division", "310104", "--password", "pw0002", "--lat", "31", "--lon", "121")).ExitCode);
        Assert.Equal(0, (await Vigil("export", "readings", "--station", "STATION0002", "--from", "2026-11-22T00:00", "--to", "2026-11-23T00:00")).ExitCode);
        using var auditor = await _app.As("审计员甲", "auditor", "000000");
        var audit = await auditor.GetJson("/api/audit?pageSize=50");
        Assert.Contains(audit["items"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "readings.export");
        Assert.Contains(audit["items"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "station.register");
    }

    [Fact]
    public async Task Export_with_a_bad_time_exits_2()
    {
        var (code, _, error) = await Vigil("export", "readings", "--station", "S", "--from", "yesterday", "--to", "2026-11-23T00:00");
        Assert.Equal(2, code);
        Assert.Contains("--from", error, StringComparison.Ordinal);
    }
}
