using System.Text.Json.Nodes;
using Vigil.Tests.Cli;

namespace Vigil.Tests.Prevention;

/// <summary>`vigil hazards overdue` (DP-HAZ) as a user runs it: a real process on the server's data directory, signed in.</summary>
public sealed class HazardsOverdueCommandTests : IAsyncLifetime
{
    private readonly PreventionWorld _world = new();
    private string _overdue = "";

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        _overdue = await Hazard("灭火器过期未更换", "2026-11-20");
        await Hazard("安全标识缺失", "2099-12-31");
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    private async Task<string> Hazard(string description, string rectifyBy)
    {
        var (_, hazard) = await _world.Officer.PostJson("/api/hazards", new JsonObject { ["enterpriseId"] = _world.EnterpriseId, ["description"] = description }.ToJsonString());
        var id = hazard["id"]!.GetValue<string>();
        await _world.Officer.PostJson($"/api/hazards/{id}/register", "{}");
        await _world.Officer.PostJson($"/api/hazards/{id}/assess", new JsonObject { ["grade"] = "general", ["rectifyBy"] = rectifyBy }.ToJsonString());
        return id;
    }

    private async Task<(int ExitCode, string Output, string Error)> Vigil(string? role, string division, params string[] args)
    {
        var environment = new Dictionary<string, string>();
        if (role is not null)
        {
            environment["VIGIL_USER"] = await _world.App.CreateUser("命令行用户", [(role, division)]);
            environment["VIGIL_PASSWORD"] = VigilFactory.Password;
        }

        return await VigilProcess.RunAsync(null, "en_US.UTF-8", environment, ["hazards", "overdue", .. args, "--data", _world.App.DataDirectory]);
    }

    [Fact]
    public async Task Lists_overdue_rectifications_of_the_jurisdiction_as_JSON()
    {
        var (code, output, error) = await Vigil("division-staff", "310104", "--json");
        Assert.True(code == 0, error);
        var item = Assert.Single(JsonNode.Parse(output)!.AsArray())!;
        Assert.Equal(_overdue, item["hazardId"]!.GetValue<string>());
        Assert.Equal("2026-11-20", item["deadline"]!.GetValue<string>());
        Assert.True(item["daysOverdue"]!.GetValue<int>() >= 1);
        Assert.Equal("310104", item["escalatedTo"]!.GetValue<string>());
    }

    [Fact]
    public async Task Lists_them_as_lines_and_narrows_by_division()
    {
        var (code, output, _) = await Vigil("division-staff", "310000", "--division", "310104");
        Assert.Equal(0, code);
        Assert.Contains(_overdue, output, StringComparison.Ordinal);
        Assert.Contains("due 2026-11-20", output, StringComparison.Ordinal);

        var (elsewhere, none, _) = await Vigil("division-staff", "310000", "--division", "310112");
        Assert.Equal(0, elsewhere);
        Assert.Equal("No overdue rectifications.", none.Trim());
    }

    [Fact]
    public async Task Another_district_sees_none_of_them()
    {
        var (code, output, _) = await Vigil("division-staff", "310112", "--json");
        Assert.Equal(0, code);
        Assert.Empty(JsonNode.Parse(output)!.AsArray());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("auditor")]
    public async Task Signed_out_or_a_role_outside_prevention_exits_3(string? role)
    {
        var (code, output, error) = await Vigil(role, "000000");
        Assert.Equal(3, code);
        Assert.Empty(output);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public async Task A_bad_division_exits_2_naming_the_option()
    {
        var (code, _, error) = await Vigil("division-staff", "310104", "--division", "31x");
        Assert.Equal(2, code);
        Assert.Contains("--division", error, StringComparison.Ordinal);
    }
}
