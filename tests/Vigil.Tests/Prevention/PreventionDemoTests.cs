namespace Vigil.Tests.Prevention;

/// <summary>Demo mode gives the map something to show: synthetic enterprises, coloured risk points and open hazards.</summary>
public sealed class PreventionDemoTests
{
    [Fact]
    public async Task Demo_mode_seeds_synthetic_enterprises_risk_points_and_open_hazards_for_the_map()
    {
        await using var factory = new VigilFactory { Demo = true };
        using var city = await factory.As("市局科员", "division-staff", "310000");
        var enterprises = (await city.GetJson("/api/enterprises")).AsArray();
        Assert.Equal(4, enterprises.Count);
        Assert.All(enterprises, e => Assert.StartsWith("（演示）", e!["name"]!.GetValue<string>(), StringComparison.Ordinal));

        var points = (await city.GetJson("/api/map/risk-points"))["features"]!.AsArray();
        Assert.Equal(5, points.Count);
        Assert.Contains(points, p => p!["properties"]!["colour"]!.GetValue<string>() == "red");
        var hazards = (await city.GetJson("/api/map/hazards?open=true"))["features"]!.AsArray();
        Assert.Equal(3, hazards.Count);
        Assert.Single((await city.GetJson("/api/hazards/overdue")).AsArray());
        Assert.Equal(["310104", "310112"], (await city.GetJson("/api/map/counts")).AsArray().Select(c => c!["divisionCode"]!.GetValue<string>()));

        var (_, officer) = await factory.SignIn("demo-officer", "vigil-demo-2026");
        Assert.Single((await officer.GetJson("/api/enterprises")).AsArray());
    }
}
