using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Vigil.Tests.Prevention;

/// <summary>
/// Issue 15 item 17 (001 四(四)) over HTTP: the public reports an operator it cannot identify by credit code, by name
/// and address in a district; that district's bureau matches it to the register (the report becomes the enterprise's
/// hazard file, found by the public) or records it as unregistered with a reason — once, attributed and audited.
/// </summary>
public sealed class UnidentifiedReportTests : IAsyncLifetime
{
    private readonly PreventionWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private async Task<string> Report(string name, string address, string district = "310104", params byte[][] photos)
    {
        using var anonymous = _world.App.CreateClient();
        using var form = new MultipartFormDataContent
        {
            { new StringContent(name), "enterpriseName" },
            { new StringContent(address), "address" },
            { new StringContent(district), "districtCode" },
            { new StringContent("后院堆放液化气钢瓶，无人看管"), "description" },
        };
        foreach (var photo in photos)
        {
            var content = new ByteArrayContent(photo);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(content, "photos", "p.jpg");
        }

        using var response = await anonymous.PostAsync(new Uri("/api/public/hazards", UriKind.Relative), form);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        Assert.Equal("open", body["state"]!.GetValue<string>());
        return body["id"]!.GetValue<string>();
    }

    private static async Task<JsonNode> Ok(Task<(HttpResponseMessage Response, JsonNode Body)> call)
    {
        var (response, body) = await call;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    private static async Task<(HttpStatusCode Status, string Fields)> Refused(Task<(HttpResponseMessage Response, JsonNode Body)> call)
    {
        var (response, body) = await call;
        return (response.StatusCode, string.Join(",", body["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>())));
    }

    private async Task<List<string>> AuditActions()
    {
        using var scope = _world.App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<VigilDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.TargetType == "PublicReport").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
    }

    [Fact]
    public async Task A_report_by_name_is_matched_to_the_register_and_becomes_the_enterprises_hazard_found_by_the_public()
    {
        var photo = PreventionWorld.Photo("unidentified");
        var id = await Report("测试化工厂", "测试路 1 号后院", "310104", photo);

        var listed = (await _world.Regulator.GetJson("/api/public-reports?open=true")).AsArray();
        Assert.Equal(id, Assert.Single(listed)!["id"]!.GetValue<string>());
        var report = await _world.Regulator.GetJson($"/api/public-reports/{id}");
        Assert.Equal(("open", "测试化工厂"), (report["state"]!.GetValue<string>(), report["enterpriseName"]!.GetValue<string>()));
        var candidate = Assert.Single(report["candidates"]!.AsArray())!;
        Assert.Equal(_world.EnterpriseId, candidate["enterpriseId"]!.GetValue<string>());

        // The bureau sees the photo before the match; another district does not.
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(photo));
        Assert.Equal(HttpStatusCode.OK, (await _world.Regulator.GetAsync(new Uri($"/api/evidence/{sha}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _world.MinhangRegulator.GetAsync(new Uri($"/api/evidence/{sha}", UriKind.Relative))).StatusCode);

        var matched = await Ok(_world.Regulator.PostJson($"/api/public-reports/{id}/match", $$"""{ "enterpriseId": "{{_world.EnterpriseId}}", "reason": "名称、地址与登记一致" }"""));
        Assert.Equal("matched", matched["state"]!.GetValue<string>());
        var decision = matched["decision"]!;
        Assert.Equal(("徐汇区局监管员", "division-staff", "测试化工有限公司"),
            (decision["by"]!.GetValue<string>(), decision["role"]!.GetValue<string>(), decision["enterpriseName"]!.GetValue<string>()));

        // The hazard file is the enterprise's, found by the public with the photo; its people see it.
        var hazardId = decision["hazardId"]!.GetValue<string>();
        var hazard = await _world.Principal.GetJson($"/api/hazards/{hazardId}");
        Assert.Equal(_world.EnterpriseId, hazard["enterpriseId"]!.GetValue<string>());
        var found = hazard["steps"]![0]!;
        Assert.Equal("found", found["type"]!.GetValue<string>());
        Assert.Equal(("public", "Public"), (hazard["source"]!.GetValue<string>(), found["role"]!.GetValue<string>()));
        Assert.Single(found["evidence"]!.AsArray());
        Assert.Empty((await _world.Regulator.GetJson("/api/public-reports?open=true")).AsArray());

        // A decision stands: neither another match nor "unregistered" replaces it.
        Assert.Equal(HttpStatusCode.Conflict, (await Refused(_world.Regulator.PostJson($"/api/public-reports/{id}/unregistered", """{ "reason": "改判" }"""))).Status);
        Assert.Equal(["publicReport.submit", "publicReport.matched"], await AuditActions());
    }

    [Fact]
    public async Task An_operator_not_in_the_register_is_recorded_as_unregistered_with_a_reason()
    {
        var id = await Report("无名小作坊", "徐汇区示例路 8 号后院");
        Assert.Empty((await _world.Regulator.GetJson($"/api/public-reports/{id}"))["candidates"]!.AsArray());

        Assert.Equal((HttpStatusCode.BadRequest, "reason"), await Refused(_world.Regulator.PostJson($"/api/public-reports/{id}/unregistered", "{}")));
        var recorded = await Ok(_world.Regulator.PostJson($"/api/public-reports/{id}/unregistered", """{ "reason": "市场主体登记系统查无此名称和地址" }"""));
        Assert.Equal("unregistered", recorded["state"]!.GetValue<string>());
        Assert.Equal("市场主体登记系统查无此名称和地址", recorded["decision"]!["reason"]!.GetValue<string>());
        Assert.Null(recorded["decision"]!["hazardId"]);
        Assert.Equal(id, Assert.Single((await _world.Regulator.GetJson("/api/public-reports?open=false")).AsArray())!["id"]!.GetValue<string>());
        Assert.Equal(["publicReport.submit", "publicReport.unregistered"], await AuditActions());
    }

    [Fact]
    public async Task Only_the_districts_regulators_see_and_decide_and_only_on_their_own_register()
    {
        var id = await Report("测试化工厂", "测试路 1 号");
        var minhangEnterprise = await PreventionWorld.Register(_world.MinhangRegulator, "闵行示例机械有限公司", "91310112MA1FL8XQ3Q", "310112", "machinery");

        // Another district's regulator: not listed, not found, cannot decide.
        Assert.Empty((await _world.MinhangRegulator.GetJson("/api/public-reports")).AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await _world.MinhangRegulator.GetAsync(new Uri($"/api/public-reports/{id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Refused(_world.MinhangRegulator.PostJson($"/api/public-reports/{id}/unregistered", """{ "reason": "查无" }"""))).Status);

        // Not a regulator: refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await _world.Inspector.GetAsync(new Uri("/api/public-reports", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _world.Principal.PostJson($"/api/public-reports/{id}/unregistered", """{ "reason": "查无" }""")).Response.StatusCode);

        // The district's regulator cannot match to an enterprise of another district; nothing is recorded.
        Assert.Equal((HttpStatusCode.NotFound, "enterpriseId"),
            await Refused(_world.Regulator.PostJson($"/api/public-reports/{id}/match", $$"""{ "enterpriseId": "{{minhangEnterprise}}" }""")));
        Assert.Equal((HttpStatusCode.BadRequest, "enterpriseId"), await Refused(_world.Regulator.PostJson($"/api/public-reports/{id}/match", "{}")));
        Assert.Equal("open", (await _world.Regulator.GetJson($"/api/public-reports/{id}"))["state"]!.GetValue<string>());
        Assert.Equal(["publicReport.submit"], await AuditActions());
    }
}
