using System.Net;
using System.Text.Json.Nodes;

namespace Vigil.Tests.Prevention;

/// <summary>
/// Inspections by tier with findings that raise hazards and overdue lists (DP-TIER), colour overrides with reasons
/// (DP-RISK), escalation of a major hazard not reported (DP-HAZ) and quarterly reports late or missing (004 第六条).
/// The clock starts on 2026-11-22 (Asia/Shanghai).
/// </summary>
public sealed class InspectionsAndReportsTests : IAsyncLifetime
{
    private readonly PreventionWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task DP_TIER_an_inspection_not_done_by_its_due_day_is_overdue_by_inspector_and_district_and_its_findings_raise_hazards()
    {
        // Chemicals is a key industry: yellow, half-monthly — due 15 and 30 November.
        var (_, plan) = await _world.Regulator.PostJson("/api/inspections/plan",
            new JsonObject { ["enterpriseId"] = _world.EnterpriseId, ["from"] = "2026-11-01", ["to"] = "2026-11-30" }.ToJsonString());
        Assert.Equal(["2026-11-15", "2026-11-30"], plan["created"]!.AsArray().Select(c => c!["due"]!.GetValue<string>()));
        var first = plan["created"]![0]!["id"]!.GetValue<string>();
        var (assigned, _) = await _world.Regulator.PostJson($"/api/inspections/{first}/assignment", new JsonObject { ["inspectorUserId"] = _world.InspectorId }.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);

        // Planning the same month again adds nothing.
        var (_, again) = await _world.Regulator.PostJson("/api/inspections/plan",
            new JsonObject { ["enterpriseId"] = _world.EnterpriseId, ["from"] = "2026-11-01", ["to"] = "2026-11-30" }.ToJsonString());
        Assert.Empty(again["created"]!.AsArray());

        var byInspector = Assert.Single((await _world.Regulator.GetJson("/api/inspections/overdue?by=inspector")).AsArray())!;
        Assert.Equal("徐汇检查员", byInspector["key"]!.GetValue<string>());
        Assert.Equal(7, byInspector["items"]![0]!["daysOverdue"]!.GetValue<int>());
        var byDistrict = Assert.Single((await _world.Regulator.GetJson("/api/inspections/overdue?by=district")).AsArray())!;
        Assert.Equal("310104", byDistrict["key"]!.GetValue<string>());

        var (recorded, result) = await _world.Inspector.PostJson($"/api/inspections/{first}/record", """
            { "findings": [ { "description": "消防通道堆放杂物", "isHazard": true }, { "description": "台账齐全", "isHazard": false } ] }
            """);
        Assert.True(recorded.StatusCode == HttpStatusCode.OK, result.ToJsonString());
        var hazardId = Assert.Single(result["hazards"]!.AsArray())!.GetValue<string>();
        var hazard = await _world.Regulator.GetJson($"/api/hazards/{hazardId}");
        Assert.Equal("inspection", hazard["source"]!.GetValue<string>());
        Assert.Equal("Inspector", hazard["steps"]![0]!["role"]!.GetValue<string>());
        Assert.Empty((await _world.Regulator.GetJson("/api/inspections/overdue")).AsArray());
        var (twice, _) = await _world.Inspector.PostJson($"/api/inspections/{first}/record", """{ "findings": [] }""");
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        // The 30 November inspection, never assigned, is overdue from 1 December.
        await _world.Travel(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(8)));
        var unassigned = Assert.Single((await _world.Regulator.GetJson("/api/inspections/overdue")).AsArray())!;
        Assert.Equal(1, unassigned["items"]![0]!["daysOverdue"]!.GetValue<int>());
    }

    [Fact]
    public async Task DP_RISK_a_regulator_overrides_a_colour_with_a_reason_and_a_lower_assessment_does_not_undo_it()
    {
        var (_, point) = await _world.Officer.PostJson($"/api/enterprises/{_world.EnterpriseId}/risk-points", """{ "name": "液氯汽化" }""");
        var id = point["id"]!.GetValue<string>();
        var (early, _) = await _world.Regulator.PostJson($"/api/risk-points/{id}/overrides", """{ "colour": "red", "reason": "重大危险源" }""");
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);

        var (_, assessed) = await _world.Officer.PostJson($"/api/risk-points/{id}/assessments", """{ "method": "lec", "factors": { "l": 3, "e": 6, "c": 7 } }""");
        Assert.Equal("yellow", assessed["colour"]!.GetValue<string>());
        Assert.Equal(126, assessed["history"]![0]!["score"]!.GetValue<decimal>());
        var (_, overridden) = await _world.Regulator.PostJson($"/api/risk-points/{id}/overrides", """{ "colour": "red", "reason": "重大危险源，周边人员密集" }""");
        Assert.Equal("red", overridden["colour"]!.GetValue<string>());
        Assert.Equal("重大危险源，周边人员密集", overridden["history"]![1]!["reason"]!.GetValue<string>());
        var (_, reassessed) = await _world.Officer.PostJson($"/api/risk-points/{id}/assessments", """{ "method": "ls", "factors": { "l": 2, "s": 2 } }""");
        Assert.Equal("red", reassessed["colour"]!.GetValue<string>());
        Assert.Equal(["yellow", "red", "blue"], reassessed["history"]!.AsArray().Select(h => h!["colour"]!.GetValue<string>()));
    }

    [Fact]
    public async Task DP_HAZ_a_major_hazard_not_yet_reported_escalates_to_the_supervising_regulator()
    {
        var (_, hazard) = await _world.Officer.PostJson("/api/hazards", new JsonObject { ["enterpriseId"] = _world.EnterpriseId, ["description"] = "储罐基础沉降" }.ToJsonString());
        var id = hazard["id"]!.GetValue<string>();
        await _world.Officer.PostJson($"/api/hazards/{id}/register", "{}");
        Assert.Empty((await _world.Regulator.GetJson("/api/hazards/escalations")).AsArray());
        await _world.Officer.PostJson($"/api/hazards/{id}/assess", """{ "grade": "major", "rectifyBy": "2026-11-25" }""");
        var escalation = Assert.Single((await _world.Regulator.GetJson("/api/hazards/escalations")).AsArray())!;
        Assert.Equal("hazard.major_not_reported", escalation["code"]!.GetValue<string>());
        Assert.Equal("310104", escalation["to"]!.GetValue<string>());

        // Past the end of the deadline day (Asia/Shanghai) the rectification is overdue as well.
        await _world.Travel(new DateTimeOffset(2026, 11, 25, 23, 59, 0, TimeSpan.FromHours(8)));
        Assert.Empty((await _world.Regulator.GetJson("/api/hazards/overdue")).AsArray());
        await _world.Travel(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.FromHours(8)));
        Assert.Equal(1, Assert.Single((await _world.Regulator.GetJson("/api/hazards/overdue")).AsArray())!["daysOverdue"]!.GetValue<int>());
    }

    [Fact]
    public async Task DP_HAZ_quarterly_reports_are_signed_by_the_principal_and_late_or_missing_ones_are_listed()
    {
        var other = await PreventionWorld.Register(_world.Regulator, "测试五金厂", "91310104MA1FL0007B", "310104", "retail");
        var document = await PreventionWorld.Upload(_world.Principal, "%PDF-1.7 self-inspection report"u8.ToArray(), "report.pdf");

        // Q3 2026 was due on 15 October: filed on 22 November it is late; the other enterprise's is missing.
        var (filed, filing) = await _world.Principal.PostJson($"/api/enterprises/{_world.EnterpriseId}/quarterly-reports",
            new JsonObject { ["year"] = 2026, ["quarter"] = 3, ["document"] = new JsonArray(document) }.ToJsonString());
        Assert.True(filed.StatusCode == HttpStatusCode.Created, filing.ToJsonString());
        Assert.Equal("late", filing["status"]!.GetValue<string>());
        Assert.Equal("2026-10-15", filing["due"]!.GetValue<string>());
        var overview = await _world.Regulator.GetJson("/api/quarterly-reports");
        Assert.Equal("2026Q3", overview["quarter"]!.GetValue<string>());
        Assert.Equal(other, Assert.Single((await _world.Regulator.GetJson("/api/quarterly-reports?status=missing"))["items"]!.AsArray())!["enterpriseId"]!.GetValue<string>());

        // Q4 cannot be filed before the quarter ends; filed on 10 January it is on time (due 15 January of the next year).
        var (early, _) = await _world.Principal.PostJson($"/api/enterprises/{_world.EnterpriseId}/quarterly-reports",
            new JsonObject { ["year"] = 2026, ["quarter"] = 4, ["document"] = new JsonArray(document) }.ToJsonString());
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        await _world.Travel(new DateTimeOffset(2027, 1, 10, 9, 0, 0, TimeSpan.FromHours(8)));
        var (_, onTime) = await _world.Principal.PostJson($"/api/enterprises/{_world.EnterpriseId}/quarterly-reports",
            new JsonObject { ["year"] = 2026, ["quarter"] = 4, ["document"] = new JsonArray(document) }.ToJsonString());
        Assert.Equal("onTime", onTime["status"]!.GetValue<string>());
        Assert.Equal("2027-01-15", onTime["due"]!.GetValue<string>());
        var q4 = (await _world.Regulator.GetJson("/api/quarterly-reports?year=2026&quarter=4"))["items"]!.AsArray();
        Assert.Equal("open", q4.Single(i => i!["enterpriseId"]!.GetValue<string>() == other)!["status"]!.GetValue<string>());
    }
}
