using System.Net;
using System.Text.Json.Nodes;

namespace Vigil.Tests.Prevention;

/// <summary>
/// Issue 5 "done when": one major hazard over HTTP from a public report to close-out (DP-HAZ), with the refusals on
/// the way: rectification before the 五落实, close-out by the rectifier, close-out without evidence.
/// </summary>
public sealed class MajorHazardWalkthroughTests(PreventionWorld world) : IClassFixture<PreventionWorld>
{
    private async Task<(HttpStatusCode Status, JsonNode Body)> Step(HttpClient client, string id, string action, object? body = null)
    {
        var (response, json) = await client.PostJson($"/api/hazards/{id}/{action}", System.Text.Json.JsonSerializer.Serialize(body ?? new { }));
        return (response.StatusCode, json);
    }

    [Fact]
    public async Task DP_HAZ_a_major_hazard_goes_from_a_public_report_to_close_out()
    {
        using var anonymous = world.App.CreateClient();
        var (reported, receipt) = await PreventionWorld.PublicReport(anonymous, PreventionWorld.CreditCode, "储罐区消防通道被堵塞，罐体有渗漏", PreventionWorld.Photo("tank"));
        Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        var id = receipt["id"]!.GetValue<string>();
        Assert.Single(receipt["photos"]!.AsArray());

        // The public cannot read the file it opened.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri($"/api/hazards/{id}", UriKind.Relative))).StatusCode);

        var file = await world.Officer.GetJson($"/api/hazards/{id}");
        Assert.Equal("found", file["state"]!.GetValue<string>());
        Assert.Equal("register", file["waitingFor"]!["action"]!.GetValue<string>());
        Assert.Equal("Public", file["steps"]![0]!["role"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await Step(world.Officer, id, "register")).Status);
        var (assessed, afterAssess) = await Step(world.Officer, id, "assess", new { grade = "major", rectifyBy = "2026-12-31" });
        Assert.Equal(HttpStatusCode.OK, assessed);
        Assert.Equal("report", afterAssess["waitingFor"]!["action"]!.GetValue<string>());
        Assert.Contains(afterAssess["escalations"]!.AsArray(), e => e!["code"]!.GetValue<string>() == "hazard.major_not_reported");

        // An open major hazard puts the enterprise in the red tier (DP-TIER).
        var tier = await world.Regulator.GetJson($"/api/enterprises/{world.EnterpriseId}/tier");
        Assert.Equal("red", tier["tier"]!.GetValue<string>());
        Assert.Contains(tier["reasons"]!.AsArray(), r => r!["code"]!.GetValue<string>() == "tier.red.major_hazard");

        // A major hazard is not rectified before it is reported and monitored.
        var (early, earlyProblem) = await Step(world.Officer, id, "rectify");
        Assert.Equal(HttpStatusCode.Conflict, early);
        Assert.Equal("hazard.major_not_monitored", earlyProblem["errors"]![0]!["code"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await Step(world.Officer, id, "report")).Status);
        var (monitored, afterMonitor) = await Step(world.Regulator, id, "monitor");
        Assert.Equal(HttpStatusCode.OK, monitored);
        Assert.Equal("plan", afterMonitor["waitingFor"]!["action"]!.GetValue<string>());

        // 五落实: the safety officer may not record it (the principal's), and rectification waits for all five.
        Assert.Equal(HttpStatusCode.Forbidden, (await Step(world.Officer, id, "plan", new { responsiblePerson = "测试负责人" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await Step(world.Principal, id, "plan", new { responsiblePerson = "测试负责人", measures = "清理通道、更换密封", funds = 50000 })).Status);
        var (gated, gate) = await Step(world.Officer, id, "rectify");
        Assert.Equal(HttpStatusCode.Conflict, gated);
        Assert.Equal("hazard.five_missing", gate["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(["deadline", "contingencyPlan"], (await world.Officer.GetJson($"/api/hazards/{id}"))["plan"]!["missing"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await Step(world.Principal, id, "plan", new { deadline = "2026-12-20", contingencyPlan = "储罐泄漏专项应急预案" })).Status);

        var photo = await PreventionWorld.Upload(world.Officer, PreventionWorld.Photo("after"));
        var (rectified, afterRectify) = await Step(world.Officer, id, "rectify", new { evidence = new[] { photo } });
        Assert.Equal(HttpStatusCode.OK, rectified);
        Assert.Equal("close", afterRectify["waitingFor"]!["action"]!.GetValue<string>());

        // Close-out: not by the rectifier (nor anyone of the unit, for a major hazard), and not without evidence.
        var (byRectifier, rectifierProblem) = await Step(world.Officer, id, "close", new { evidence = new[] { photo } });
        Assert.Equal(HttpStatusCode.Forbidden, byRectifier);
        Assert.False(string.IsNullOrWhiteSpace(rectifierProblem["detail"]!.GetValue<string>()));
        var (noEvidence, noEvidenceProblem) = await Step(world.Regulator, id, "close");
        Assert.Equal(HttpStatusCode.BadRequest, noEvidence);
        Assert.Equal("evidence", noEvidenceProblem["errors"]![0]!["field"]!.GetValue<string>());
        var verified = await PreventionWorld.Upload(world.Regulator, PreventionWorld.Photo("verified"));
        var (closed, afterClose) = await Step(world.Regulator, id, "close", new { evidence = new[] { verified } });
        Assert.Equal(HttpStatusCode.OK, closed);
        Assert.Equal("closedOut", afterClose["state"]!.GetValue<string>());
        Assert.Null(afterClose["waitingFor"]);

        // Every step is kept, with who and evidence; nothing was replaced.
        var steps = afterClose["steps"]!.AsArray().Select(s => s!["type"]!.GetValue<string>()).ToList();
        Assert.Equal(["found", "registered", "assessed", "reported", "monitored", "plan", "plan", "rectified", "closed"], steps);
        Assert.Equal(verified, afterClose["steps"]![8]!["evidence"]![0]!.GetValue<string>());
        Assert.NotEqual("red", (await world.Regulator.GetJson($"/api/enterprises/{world.EnterpriseId}/tier"))["tier"]!.GetValue<string>());
    }

    [Fact]
    public async Task DP_HAZ_a_general_hazard_is_rectified_at_once_and_its_rectifier_cannot_close_it_out()
    {
        var (created, hazard) = await world.Officer.PostJson("/api/hazards", new JsonObject { ["enterpriseId"] = world.EnterpriseId, ["description"] = "灭火器过期" }.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = hazard["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await Step(world.Officer, id, "register")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Step(world.Officer, id, "assess", new { grade = "general" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await Step(world.Officer, id, "rectify")).Status);
        var evidence = await PreventionWorld.Upload(world.Officer, PreventionWorld.Photo("new-extinguisher"));

        var (own, problem) = await Step(world.Officer, id, "close", new { evidence = new[] { evidence } });
        Assert.Equal(HttpStatusCode.Forbidden, own);
        Assert.Equal("hazard.verifier_is_rectifier", problem["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("rectified", (await world.Officer.GetJson($"/api/hazards/{id}"))["state"]!.GetValue<string>());

        var (closed, file) = await Step(world.Principal, id, "close", new { evidence = new[] { evidence } });
        Assert.Equal(HttpStatusCode.OK, closed);
        Assert.Equal("closedOut", file["state"]!.GetValue<string>());
    }
}
