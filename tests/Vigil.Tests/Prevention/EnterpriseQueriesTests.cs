using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Common;
using Vigil.Host.Prevention;
using Vigil.Host.Security;

namespace Vigil.Tests.Prevention;

/// <summary>
/// The register as the web UI's enterprise pages read it (<see cref="EnterpriseQueries"/>): the same jurisdiction as
/// the API (other districts absent from the list, not found on their own), filters by tier (DP-TIER), industry and
/// district, and an enterprise's risk points with their assessment history (DP-RISK) and open hazards (DP-HAZ).
/// </summary>
public sealed class EnterpriseQueriesTests(PreventionWorld world) : IClassFixture<PreventionWorld>
{
    private async Task<T> As<T>(HttpClient client, Func<EnterpriseQueries, Access, Task<T>> work)
    {
        var userId = await PreventionWorld.IdOf(client);
        await using var scope = world.App.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var access = await accounts.AccessAsync((await accounts.FindAsync(userId))!, null);
        return await work(scope.ServiceProvider.GetRequiredService<EnterpriseQueries>(), access);
    }

    [Fact]
    public async Task DP_TIER_the_list_filters_by_tier_industry_and_district_within_the_users_jurisdiction()
    {
        var mall = await PreventionWorld.Register(world.Regulator, "测试商场", "91310104MA1FL0001Q", "310104002", "retail");
        var minhang = await PreventionWorld.Register(world.MinhangRegulator, "测试闵行建材厂", "91310112MA1FL0003H", "310112102", "building-materials");

        async Task<List<string>> Ids(HttpClient client, string? district, string? industry, string? tier) =>
            await As(client, async (queries, access) => (await queries.ListAsync(access, district, industry, tier)).Value.Select(r => r.Enterprise.Id.ToString()).ToList());

        var all = await Ids(world.Regulator, null, null, null);
        Assert.Contains(world.EnterpriseId, all);
        Assert.Contains(mall, all);
        Assert.DoesNotContain(minhang, all);

        // Chemicals is a key industry: yellow; the mall is blue (DP-TIER).
        Assert.Equal([world.EnterpriseId], await Ids(world.Regulator, null, null, "yellow"));
        Assert.Equal([mall], await Ids(world.Regulator, null, null, "blue"));
        Assert.Equal([mall], await Ids(world.Regulator, null, "retail", null));
        Assert.Empty(await Ids(world.Regulator, "310112", null, null));
        Assert.Equal([minhang], await Ids(world.MinhangRegulator, null, null, null));

        // The officer sees only the enterprise it is appointed to.
        Assert.Equal([world.EnterpriseId], await Ids(world.Officer, null, null, null));

        var refused = await As(world.Regulator, (queries, access) => queries.ListAsync(access, "31x", null, "purple"));
        Assert.False(refused.IsSuccess);
        Assert.Equal(["district", "tier"], refused.Problems.Select(p => p.Field));
    }

    [Fact]
    public async Task DP_RISK_the_override_stands_over_a_lower_assessment_until_the_regulator_withdraws_it()
    {
        var enterprise = await PreventionWorld.Register(world.Regulator, "测试物流有限公司", "91310104MA1FL00055", "310104003", "warehousing");
        await world.Appoint(enterprise, world.OfficerId, "safety-officer");
        var (_, point) = await world.Officer.PostJson($"/api/enterprises/{enterprise}/risk-points", """{ "name": "装卸区" }""");
        var pointId = point["id"]!.GetValue<string>();
        await world.Officer.PostJson($"/api/risk-points/{pointId}/assessments", """{ "method": "ls", "factors": { "l": 3, "s": 3 } }""");
        await world.Regulator.PostJson($"/api/risk-points/{pointId}/overrides", """{ "colour": "orange", "reason": "临近居民区" }""");
        var (_, higher) = await world.Officer.PostJson($"/api/risk-points/{pointId}/assessments", """{ "method": "ls", "factors": { "l": 5, "s": 5 } }""");
        Assert.Equal("red", higher["colour"]!.GetValue<string>());
        var (_, lower) = await world.Officer.PostJson($"/api/risk-points/{pointId}/assessments", """{ "method": "ls", "factors": { "l": 2, "s": 2 } }""");
        Assert.Equal("orange", lower["colour"]!.GetValue<string>());
        var (byOfficer, _) = await world.Officer.PostJson($"/api/risk-points/{pointId}/override-withdrawals", """{ "reason": "已整改" }""");
        Assert.Equal(HttpStatusCode.Forbidden, byOfficer.StatusCode);
        var (withdrawn, after) = await world.Regulator.PostJson($"/api/risk-points/{pointId}/override-withdrawals", """{ "reason": "已整改，按企业评估" }""");
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal("blue", after["colour"]!.GetValue<string>());
        Assert.Equal("withdrawn", after["history"]!.AsArray()[^1]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task DP_RISK_an_enterprise_shows_its_risk_points_history_and_open_hazards_and_is_not_found_elsewhere()
    {
        var enterprise = await PreventionWorld.Register(world.Regulator, "测试仓储有限公司", "91310104MA1FL00042", "310104003", "warehousing");
        await world.Appoint(enterprise, world.OfficerId, "safety-officer");
        var (_, point) = await world.Officer.PostJson($"/api/enterprises/{enterprise}/risk-points", """{ "name": "叉车充电间" }""");
        var pointId = point["id"]!.GetValue<string>();
        var (assessed, _) = await world.Officer.PostJson($"/api/risk-points/{pointId}/assessments", """{ "method": "ls", "factors": { "l": 3, "s": 3 } }""");
        Assert.Equal(HttpStatusCode.OK, assessed.StatusCode);
        var (_, overridden) = await world.Regulator.PostJson($"/api/risk-points/{pointId}/overrides", """{ "colour": "orange", "reason": "临近危化品库" }""");
        Assert.Equal("orange", overridden["colour"]!.GetValue<string>());
        var (_, lower) = await world.Officer.PostJson($"/api/risk-points/{pointId}/assessments", """{ "method": "ls", "factors": { "l": 2, "s": 2 } }""");
        Assert.Equal("orange", lower["colour"]!.GetValue<string>());
        var (reported, _) = await world.Officer.PostJson("/api/hazards", new JsonObject { ["enterpriseId"] = enterprise, ["description"] = "充电间未设置通风" }.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, reported.StatusCode);

        var now = world.App.Clock.GetUtcNow();
        var detail = await As(world.Regulator, (queries, access) => queries.DetailAsync(access, Guid.Parse(enterprise), now));
        Assert.True(detail.IsSuccess);
        Assert.Equal("warehousing", detail.Value.Enterprise.Industry);
        Assert.Equal(Vigil.Prevention.SupervisionTier.Blue, detail.Value.Tier.Tier);
        var history = Assert.Single(detail.Value.RiskPoints);
        Assert.Equal("orange", history.Colour);
        Assert.Equal(["assessed", "overridden", "assessed"], history.History.Select(h => h.Kind));
        Assert.Equal("充电间未设置通风", Assert.Single(detail.Value.OpenHazards).File.Steps[0] is Vigil.Prevention.HazardFound found ? found.Description : null);
        Assert.Empty(detail.Value.Inspections);

        var elsewhere = await As(world.MinhangRegulator, (queries, access) => queries.DetailAsync(access, Guid.Parse(enterprise), now));
        Assert.Equal(ProblemKind.NotFound, elsewhere.Kind);
        Assert.False(elsewhere.IsSuccess);
        Assert.Equal(enterprise, (await As(world.Regulator, (queries, access) => queries.RiskPointAsync(access, Guid.Parse(pointId))))?.EnterpriseId.ToString());
        Assert.Null(await As(world.MinhangRegulator, (queries, access) => queries.RiskPointAsync(access, Guid.Parse(pointId))));
    }

    [Fact]
    public async Task DP_HAZ_a_five_implementations_step_with_none_of_the_five_is_refused_and_appends_nothing()
    {
        var (_, hazard) = await world.Officer.PostJson("/api/hazards", new JsonObject { ["enterpriseId"] = world.EnterpriseId, ["description"] = "储罐区防雷检测过期" }.ToJsonString());
        var id = hazard["id"]!.GetValue<string>();
        await world.Officer.PostJson($"/api/hazards/{id}/register", "{}");
        var (graded, _) = await world.Regulator.PostJson($"/api/hazards/{id}/assess", """{ "grade": "major" }""");
        Assert.Equal(HttpStatusCode.OK, graded.StatusCode);

        var (empty, problem) = await world.Principal.PostJson($"/api/hazards/{id}/plan", """{ "responsiblePerson": " " }""");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("plan", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(3, (await world.Regulator.GetJson($"/api/hazards/{id}"))["steps"]!.AsArray().Count);

        var (one, view) = await world.Principal.PostJson($"/api/hazards/{id}/plan", """{ "funds": 0 }""");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(4, view["steps"]!.AsArray().Count);
    }
}
