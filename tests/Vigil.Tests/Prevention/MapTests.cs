using System.Net;
using System.Text.Json.Nodes;

namespace Vigil.Tests.Prevention;

/// <summary>
/// Map data (issue 5 part 5): GeoJSON of risk points and hazards filtered by colour, state, industry and district,
/// WGS-84 by default and GCJ-02 on request, and counts per district and street.
/// </summary>
public sealed class MapTests : IAsyncLifetime
{
    private readonly PreventionWorld _world = new();
    private string _chemicals = "";

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        _chemicals = _world.EnterpriseId;
        // A Minhang enterprise a city-level regulator sees beside the Xuhui one; its location is given in GCJ-02.
        using var minhang = await _world.App.As("闵行区局", "division-staff", "310112");
        await PreventionWorld.Register(minhang, "测试超市", "91310112MA1GB0004H", "310112002", "retail", 31.112, 121.382, "gcj02");
        await Point(_world.Officer, _chemicals, "反应釜", """{ "method": "lec", "factors": { "l": 10, "e": 6, "c": 7 } }""", 31.181, 121.431);
        await Point(_world.Officer, _chemicals, "仓库", """{ "method": "ls", "factors": { "l": 1, "s": 2 } }""", null, null);
        var (_, hazard) = await _world.Officer.PostJson("/api/hazards", new JsonObject { ["enterpriseId"] = _chemicals, ["description"] = "可燃气体报警器失效" }.ToJsonString());
        var id = hazard["id"]!.GetValue<string>();
        await _world.Officer.PostJson($"/api/hazards/{id}/register", "{}");
        await _world.Officer.PostJson($"/api/hazards/{id}/assess", """{ "grade": "major" }""");
    }

    private static async Task Point(HttpClient officer, string enterprise, string name, string assessment, double? latitude, double? longitude)
    {
        var body = new JsonObject { ["name"] = name };
        if (latitude is not null)
        {
            body["latitude"] = latitude;
            body["longitude"] = longitude;
        }

        var (_, point) = await officer.PostJson($"/api/enterprises/{enterprise}/risk-points", body.ToJsonString());
        var (assessed, _) = await officer.PostJson($"/api/risk-points/{point["id"]}/assessments", assessment);
        Assert.Equal(HttpStatusCode.OK, assessed.StatusCode);
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    private async Task<JsonArray> Features(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType!.MediaType);
        var collection = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("FeatureCollection", collection["type"]!.GetValue<string>());
        return collection["features"]!.AsArray();
    }

    [Fact]
    public async Task Risk_points_are_coloured_and_filtered_by_colour_and_industry()
    {
        var all = await Features(_world.Regulator, "/api/map/risk-points");
        Assert.Equal(2, all.Count);
        Assert.Equal(["red", "blue"], all.Select(f => f!["properties"]!["colour"]!.GetValue<string>()));
        Assert.Equal("Point", all[0]!["geometry"]!["type"]!.GetValue<string>());

        var red = await Features(_world.Regulator, "/api/map/risk-points?colour=red");
        Assert.Equal("反应釜", Assert.Single(red)!["properties"]!["name"]!.GetValue<string>());
        Assert.Empty(await Features(_world.Regulator, "/api/map/risk-points?colour=orange"));
        Assert.Empty(await Features(_world.Regulator, "/api/map/risk-points?industry=retail"));
        Assert.Equal(2, (await Features(_world.Regulator, "/api/map/risk-points?industry=chemicals")).Count);
    }

    [Fact]
    public async Task A_point_without_a_place_is_drawn_at_its_enterprise()
    {
        var blue = Assert.Single(await Features(_world.Regulator, "/api/map/risk-points?colour=blue"))!;
        Assert.Equal([121.43, 31.18], blue["geometry"]!["coordinates"]!.AsArray().Select(c => c!.GetValue<double>()));
    }

    [Fact]
    public async Task Hazards_are_filtered_by_state_grade_and_district()
    {
        using var city = await _world.App.As("市局", "division-staff", "310000");
        var hazards = await Features(city, "/api/map/hazards?open=true");
        var major = Assert.Single(hazards)!;
        Assert.Equal("red", major["properties"]!["colour"]!.GetValue<string>());
        Assert.Equal("assessed", major["properties"]!["state"]!.GetValue<string>());
        Assert.Single(await Features(city, "/api/map/hazards?state=assessed&grade=major&district=310104"));
        Assert.Empty(await Features(city, "/api/map/hazards?state=rectified"));
        Assert.Empty(await Features(city, "/api/map/hazards?grade=general"));
        Assert.Empty(await Features(city, "/api/map/hazards?district=310112"));
    }

    [Fact]
    public async Task GCJ_02_is_converted_to_WGS_84_unless_GCJ_02_is_asked_for()
    {
        using var city = await _world.App.As("市局", "division-staff", "310000");
        var (_, point) = await _world.Officer.PostJson($"/api/enterprises/{_chemicals}/risk-points", """{ "name": "火星坐标点", "latitude": 31.2, "longitude": 121.5, "datum": "gcj02" }""");
        var id = point["id"]!.GetValue<string>();
        await _world.Officer.PostJson($"/api/risk-points/{id}/assessments", """{ "method": "lec", "factors": { "l": 3, "e": 6, "c": 7 } }""");

        var wgs = (await Features(city, "/api/map/risk-points?colour=yellow")).Single(f => f!["id"]!.GetValue<string>() == id)!["geometry"]!["coordinates"]!.AsArray();
        var gcj = (await Features(city, "/api/map/risk-points?colour=yellow&datum=gcj02")).Single(f => f!["id"]!.GetValue<string>() == id)!["geometry"]!["coordinates"]!.AsArray();
        Assert.Equal([121.5, 31.2], gcj.Select(c => c!.GetValue<double>()));
        // In Shanghai the GCJ-02 offset is a few hundred metres: the WGS-84 point lies west and a little north of it.
        Assert.InRange(121.5 - wgs[0]!.GetValue<double>(), 0.003, 0.006);
        Assert.InRange(wgs[1]!.GetValue<double>() - 31.2, 0.001, 0.004);
    }

    [Fact]
    public async Task Counts_are_given_per_district_and_per_street()
    {
        using var city = await _world.App.As("市局", "division-staff", "310000");
        var districts = (await city.GetJson("/api/map/counts")).AsArray();
        Assert.Equal(["310104", "310112"], districts.Select(d => d!["divisionCode"]!.GetValue<string>()));
        Assert.Equal(1, districts[0]!["riskPoints"]!["red"]!.GetValue<int>());
        Assert.Equal(1, districts[0]!["riskPoints"]!["blue"]!.GetValue<int>());
        Assert.Equal(1, districts[0]!["openHazards"]!["major"]!.GetValue<int>());
        Assert.Equal(0, districts[1]!["openHazards"]!["major"]!.GetValue<int>());

        var streets = (await city.GetJson("/api/map/counts?level=street")).AsArray();
        Assert.Equal(["310104001", "310112002"], streets.Select(d => d!["divisionCode"]!.GetValue<string>()));
        Assert.All(streets, s => Assert.Equal("street", s!["level"]!.GetValue<string>()));
    }
}
