using System.Net;
using System.Text.Json.Nodes;

namespace Vigil.Tests.Prevention;

/// <summary>
/// Issue 5 "done when": an enterprise goes from blue to red after a level-III accident is recorded through the incidents
/// API and linked to it by the regulator (DP-TIER); a level-IV accident makes it yellow, not red; the inspection plan follows.
/// </summary>
public sealed class TierWalkthroughTests(PreventionWorld world) : IClassFixture<PreventionWorld>
{
    private static string Incident(int deaths) => $$"""
        { "planId": "shanghai-special-equipment-2025", "divisionCode": "310104", "title": "起重机械倒塌",
          "report": { "occurredAt": "2026-11-22T02:00", "contents": { "place": "测试工地", "unit": "测试商贸有限公司", "equipment": "起重机", "course": "倒塌",
            "casualties": "{{deaths}}人死亡", "measures": "救援", "reporterName": "测试报告人", "reporterPhone": "正在核实中" },
            "facts": { "equipmentType": "liftingMachinery", "deaths": {{deaths}} } } }
        """;

    private async Task<string> RecordAccident(HttpClient duty, int deaths)
    {
        var (opened, incident) = await duty.PostJson("/api/incidents", Incident(deaths));
        Assert.True(opened.StatusCode == HttpStatusCode.Created, incident.ToJsonString());
        return incident["id"]!.GetValue<string>();
    }

    private async Task<JsonNode> Link(string enterpriseId, string incidentId)
    {
        var (linked, tier) = await world.Regulator.PostJson($"/api/enterprises/{enterpriseId}/incidents",
            new JsonObject { ["incidentId"] = incidentId, ["reason"] = "事故调查确认为该企业设备" }.ToJsonString());
        Assert.True(linked.StatusCode == HttpStatusCode.OK, tier.ToJsonString());
        return tier;
    }

    [Fact]
    public async Task DP_TIER_an_enterprise_turns_from_blue_to_yellow_after_a_level_IV_accident_and_red_after_a_level_III_one()
    {
        using var duty = await world.App.As("徐汇值班员", "duty-officer", "310104");
        var enterprise = await PreventionWorld.Register(world.Regulator, "测试商贸有限公司", "91310104MA1FL0001Q", "310104", "retail");
        var blue = await world.Regulator.GetJson($"/api/enterprises/{enterprise}/tier");
        Assert.Equal("blue", blue["tier"]!.GetValue<string>());
        Assert.Equal("Monthly", blue["cadence"]!.GetValue<string>());

        // Level IV (1 death) does not make red (that needs level III or higher) but ends blue: blue is for units
        // without accidents (seed 004).
        var tier = await Link(enterprise, await RecordAccident(duty, 1));
        Assert.Equal("yellow", tier["tier"]!.GetValue<string>());
        Assert.Contains(tier["reasons"]!.AsArray(), r => r!["code"]!.GetValue<string>() == "tier.yellow.accident");
        Assert.Equal("IV", tier["accidents"]![0]!["level"]!.GetValue<string>());

        var incident = await RecordAccident(duty, 3);
        tier = await Link(enterprise, incident);
        Assert.Contains(tier["accidents"]!.AsArray(), a => a!["incidentId"]!.GetValue<string>() == incident && a["level"]!.GetValue<string>() == "III");
        Assert.Equal("red", tier["tier"]!.GetValue<string>());
        Assert.Equal("Weekly", tier["cadence"]!.GetValue<string>());
        Assert.Contains(tier["reasons"]!.AsArray(), r => r!["code"]!.GetValue<string>() == "tier.red.accident");

        // The inspection plan follows the tier: weekly, one per ISO week, due Sundays (DP-TIER).
        var (planned, plan) = await world.Regulator.PostJson("/api/inspections/plan",
            new JsonObject { ["enterpriseId"] = enterprise, ["from"] = "2026-12-01", ["to"] = "2026-12-31" }.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, planned.StatusCode);
        Assert.Equal("red", plan["tier"]!.GetValue<string>());
        Assert.Equal(["2026-12-06", "2026-12-13", "2026-12-20", "2026-12-27", "2027-01-03"], plan["created"]!.AsArray().Select(c => c!["due"]!.GetValue<string>()));

        // Linking the same incident twice adds nothing.
        var (twice, _) = await world.Regulator.PostJson($"/api/enterprises/{enterprise}/incidents",
            new JsonObject { ["incidentId"] = incident, ["reason"] = "重复" }.ToJsonString());
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
    }

    [Fact]
    public async Task DP_TIER_a_key_industry_is_yellow_and_planned_half_monthly()
    {
        var enterprise = await PreventionWorld.Register(world.Regulator, "测试建材有限公司", "91310104MA1FL0002U", "310104", "building-materials");
        var tier = await world.Regulator.GetJson($"/api/enterprises/{enterprise}/tier");
        Assert.Equal("yellow", tier["tier"]!.GetValue<string>());
        var (_, plan) = await world.Regulator.PostJson("/api/inspections/plan",
            new JsonObject { ["enterpriseId"] = enterprise, ["from"] = "2027-02-01", ["to"] = "2027-02-28" }.ToJsonString());
        Assert.Equal(["2027-02-15", "2027-02-28"], plan["created"]!.AsArray().Select(c => c!["due"]!.GetValue<string>()));
    }
}
