using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Vigil.Tests.Prevention;

/// <summary>A Xuhui enterprise with one of everything: risk point, hazard, planned and assigned inspection.</summary>
public sealed class PreventionAccessFixture : IAsyncLifetime
{
    public PreventionWorld World { get; } = new();

    public string RiskPointId { get; private set; } = "";

    public string HazardId { get; private set; } = "";

    public string InspectionId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await World.InitializeAsync();
        var (_, point) = await World.Officer.PostJson($"/api/enterprises/{World.EnterpriseId}/risk-points", """{ "name": "储罐区", "latitude": 31.18, "longitude": 121.43 }""");
        RiskPointId = point["id"]!.GetValue<string>();
        await World.Officer.PostJson($"/api/risk-points/{RiskPointId}/assessments", """{ "method": "lec", "factors": { "l": 3, "e": 6, "c": 7 } }""");
        var (_, hazard) = await World.Officer.PostJson("/api/hazards", new JsonObject { ["enterpriseId"] = World.EnterpriseId, ["description"] = "安全阀未校验" }.ToJsonString());
        HazardId = hazard["id"]!.GetValue<string>();
        var (_, plan) = await World.Regulator.PostJson("/api/inspections/plan", new JsonObject { ["enterpriseId"] = World.EnterpriseId, ["from"] = "2026-11-01", ["to"] = "2026-11-30" }.ToJsonString());
        InspectionId = plan["created"]![0]!["id"]!.GetValue<string>();
        await World.Regulator.PostJson($"/api/inspections/{InspectionId}/assignment", new JsonObject { ["inspectorUserId"] = World.InspectorId }.ToJsonString());
    }

    public string Url(string template) => template
        .Replace("{enterprise}", World.EnterpriseId, StringComparison.Ordinal)
        .Replace("{point}", RiskPointId, StringComparison.Ordinal)
        .Replace("{hazard}", HazardId, StringComparison.Ordinal)
        .Replace("{inspection}", InspectionId, StringComparison.Ordinal);

    public Task DisposeAsync() => World.DisposeAsync();
}

/// <summary>
/// SEC for every dual-prevention endpoint: signed out 401; a role that may not do it 403 with a reason; another
/// district gets 404 for single items and never sees them in lists, counts or maps. Nothing changes in any refusal.
/// </summary>
public sealed class PreventionAccessTests(PreventionAccessFixture fixture) : IClassFixture<PreventionAccessFixture>
{
    private const string Enterprise = """{ "name": "x", "creditCode": "91310104MA1FL0003Y", "divisionCode": "310104", "industry": "retail", "address": "a" }""";

    public static TheoryData<string, string, string> Endpoints => new()
    {
        { "POST", "/api/enterprises", Enterprise },
        { "GET", "/api/enterprises", "" },
        { "GET", "/api/enterprises/{enterprise}", "" },
        { "POST", "/api/enterprises/{enterprise}/staff", """{ "userId": "x", "role": "safety-officer" }""" },
        { "POST", "/api/enterprises/{enterprise}/incidents", """{ "incidentId": "00000000-0000-0000-0000-000000000001", "reason": "r" }""" },
        { "GET", "/api/enterprises/{enterprise}/tier", "" },
        { "POST", "/api/enterprises/{enterprise}/risk-points", """{ "name": "p" }""" },
        { "GET", "/api/risk-points/{point}", "" },
        { "POST", "/api/risk-points/{point}/assessments", """{ "method": "ls", "factors": { "l": 5, "s": 5 } }""" },
        { "POST", "/api/risk-points/{point}/overrides", """{ "colour": "red", "reason": "r" }""" },
        { "POST", "/api/inspections/plan", """{ "enterpriseId": "{enterprise}", "from": "2027-01-01", "to": "2027-01-31" }""" },
        { "GET", "/api/inspections", "" },
        { "GET", "/api/inspections/overdue", "" },
        { "POST", "/api/inspections/{inspection}/assignment", """{ "inspectorUserId": "x" }""" },
        { "POST", "/api/inspections/{inspection}/record", """{ "findings": [] }""" },
        { "POST", "/api/evidence", "{}" },
        { "GET", "/api/evidence/0000000000000000000000000000000000000000000000000000000000000000", "" },
        { "POST", "/api/hazards", """{ "enterpriseId": "{enterprise}", "description": "d" }""" },
        { "GET", "/api/hazards", "" },
        { "GET", "/api/hazards/overdue", "" },
        { "GET", "/api/hazards/escalations", "" },
        { "GET", "/api/hazards/{hazard}", "" },
        { "POST", "/api/hazards/{hazard}/register", "{}" },
        { "POST", "/api/hazards/{hazard}/assess", """{ "grade": "major" }""" },
        { "POST", "/api/hazards/{hazard}/plan", """{ "measures": "m" }""" },
        { "POST", "/api/hazards/{hazard}/report", "{}" },
        { "POST", "/api/hazards/{hazard}/monitor", "{}" },
        { "POST", "/api/hazards/{hazard}/rectify", "{}" },
        { "POST", "/api/hazards/{hazard}/reject", """{ "reason": "r" }""" },
        { "POST", "/api/hazards/{hazard}/close", "{}" },
        { "POST", "/api/enterprises/{enterprise}/quarterly-reports", """{ "year": 2026, "quarter": 3, "document": [] }""" },
        { "GET", "/api/quarterly-reports", "" },
        { "GET", "/api/map/risk-points", "" },
        { "GET", "/api/map/hazards", "" },
        { "GET", "/api/map/counts", "" },
    };

    /// <summary>Refusals by role: who tries what they may not do.</summary>
    public static TheoryData<string, string, string, string> WrongRole => new()
    {
        { "officer", "POST", "/api/enterprises", Enterprise },
        { "inspector", "POST", "/api/enterprises", Enterprise },
        { "officer", "POST", "/api/enterprises/{enterprise}/staff", """{ "userId": "x", "role": "safety-officer" }""" },
        { "officer", "POST", "/api/enterprises/{enterprise}/incidents", """{ "incidentId": "00000000-0000-0000-0000-000000000001", "reason": "r" }""" },
        { "regulator", "POST", "/api/enterprises/{enterprise}/risk-points", """{ "name": "p" }""" },
        { "principal", "POST", "/api/risk-points/{point}/assessments", """{ "method": "ls", "factors": { "l": 5, "s": 5 } }""" },
        { "regulator", "POST", "/api/risk-points/{point}/assessments", """{ "method": "ls", "factors": { "l": 5, "s": 5 } }""" },
        { "officer", "POST", "/api/risk-points/{point}/overrides", """{ "colour": "red", "reason": "r" }""" },
        { "inspector", "POST", "/api/risk-points/{point}/overrides", """{ "colour": "red", "reason": "r" }""" },
        { "officer", "POST", "/api/inspections/plan", """{ "enterpriseId": "{enterprise}", "from": "2027-01-01", "to": "2027-01-31" }""" },
        { "officer", "POST", "/api/inspections/{inspection}/assignment", """{ "inspectorUserId": "x" }""" },
        { "principal", "POST", "/api/inspections/{inspection}/record", """{ "findings": [] }""" },
        { "regulator", "POST", "/api/inspections/{inspection}/record", """{ "findings": [] }""" },
        { "officer", "GET", "/api/inspections/overdue", "" },
        { "officer", "GET", "/api/hazards/escalations", "" },
        { "officer", "POST", "/api/hazards/{hazard}/plan", """{ "measures": "m" }""" },
        { "regulator", "POST", "/api/hazards/{hazard}/report", "{}" },
        { "regulator", "POST", "/api/hazards/{hazard}/rectify", "{}" },
        { "inspector", "POST", "/api/hazards/{hazard}/register", "{}" },
        { "officer", "POST", "/api/enterprises/{enterprise}/quarterly-reports", """{ "year": 2026, "quarter": 3, "document": [] }""" },
        { "regulator", "POST", "/api/enterprises/{enterprise}/quarterly-reports", """{ "year": 2026, "quarter": 3, "document": [] }""" },
    };

    /// <summary>Single items a Minhang regulator tries in Xuhui: answered exactly as for an id that does not exist.</summary>
    public static TheoryData<string, string, string> SingleItems => new()
    {
        { "GET", "/api/enterprises/{enterprise}", "" },
        { "POST", "/api/enterprises/{enterprise}/staff", """{ "userId": "x", "role": "safety-officer" }""" },
        { "POST", "/api/enterprises/{enterprise}/incidents", """{ "incidentId": "00000000-0000-0000-0000-000000000001", "reason": "r" }""" },
        { "GET", "/api/enterprises/{enterprise}/tier", "" },
        { "GET", "/api/risk-points/{point}", "" },
        { "POST", "/api/risk-points/{point}/overrides", """{ "colour": "red", "reason": "r" }""" },
        { "POST", "/api/inspections/plan", """{ "enterpriseId": "{enterprise}", "from": "2027-01-01", "to": "2027-01-31" }""" },
        { "POST", "/api/inspections/{inspection}/assignment", """{ "inspectorUserId": "x" }""" },
        { "POST", "/api/hazards", """{ "enterpriseId": "{enterprise}", "description": "d" }""" },
        { "GET", "/api/hazards/{hazard}", "" },
        { "POST", "/api/hazards/{hazard}/register", "{}" },
        { "POST", "/api/hazards/{hazard}/close", "{}" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Signed_out_caller_gets_401_and_nothing_changes(string method, string url, string body)
    {
        using var anonymous = fixture.World.App.CreateClient();
        var before = await fixture.World.AuditCount();
        using var response = await Send(anonymous, method, fixture.Url(url), fixture.Url(body));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await fixture.World.AuditCount());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_role_outside_prevention_gets_403_with_a_reason(string method, string url, string body)
    {
        var before = await fixture.World.AuditCount();
        using var response = await Send(fixture.World.Auditor, method, fixture.Url(url), fixture.Url(body));
        await AssertForbidden(response);
        Assert.Equal(before, await fixture.World.AuditCount());
    }

    [Theory]
    [MemberData(nameof(WrongRole))]
    public async Task Wrong_role_gets_403_with_a_reason_and_changes_nothing(string caller, string method, string url, string body)
    {
        var client = caller switch
        {
            "officer" => fixture.World.Officer,
            "principal" => fixture.World.Principal,
            "inspector" => fixture.World.Inspector,
            _ => fixture.World.Regulator,
        };
        var before = (await fixture.World.AuditCount(), await HazardSteps());
        using var response = await Send(client, method, fixture.Url(url), fixture.Url(body));
        await AssertForbidden(response);
        Assert.Equal(before, (await fixture.World.AuditCount(), await HazardSteps()));
    }

    [Theory]
    [MemberData(nameof(SingleItems))]
    public async Task Another_district_gets_404_as_for_an_unknown_id(string method, string url, string body)
    {
        var before = (await fixture.World.AuditCount(), await HazardSteps());
        using var response = await Send(fixture.World.MinhangRegulator, method, fixture.Url(url), fixture.Url(body));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var unknown = Guid.NewGuid().ToString();
        string Unknown(string s) => s.Replace("{enterprise}", unknown, StringComparison.Ordinal).Replace("{point}", unknown, StringComparison.Ordinal)
            .Replace("{hazard}", unknown, StringComparison.Ordinal).Replace("{inspection}", unknown, StringComparison.Ordinal);
        using var missing = await Send(fixture.World.MinhangRegulator, method, Unknown(url), Unknown(body));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(await Neutral(missing, unknown), await Neutral(response, fixture.Url("{enterprise} {point} {hazard} {inspection}").Split(' ')));
        Assert.Equal(before, (await fixture.World.AuditCount(), await HazardSteps()));
    }

    [Theory]
    [InlineData("/api/enterprises")]
    [InlineData("/api/hazards")]
    [InlineData("/api/inspections")]
    [InlineData("/api/hazards/overdue")]
    public async Task Another_district_does_not_list_Xuhui_records(string url)
    {
        Assert.Empty((await fixture.World.MinhangRegulator.GetJson(url)).AsArray());
        Assert.NotEmpty((await fixture.World.Regulator.GetJson(url == "/api/hazards/overdue" ? "/api/hazards" : url)).AsArray());
    }

    [Theory]
    [InlineData("/api/map/risk-points")]
    [InlineData("/api/map/hazards")]
    public async Task Another_district_sees_nothing_of_Xuhui_on_the_map(string url)
    {
        Assert.Empty((await fixture.World.MinhangRegulator.GetJson(url))["features"]!.AsArray());
        Assert.NotEmpty((await fixture.World.Regulator.GetJson(url))["features"]!.AsArray());
    }

    [Fact]
    public async Task Another_district_does_not_count_Xuhui_records()
    {
        Assert.Empty((await fixture.World.MinhangRegulator.GetJson("/api/map/counts")).AsArray());
        Assert.Empty((await fixture.World.MinhangRegulator.GetJson("/api/quarterly-reports"))["items"]!.AsArray());
        Assert.NotEmpty((await fixture.World.Regulator.GetJson("/api/map/counts")).AsArray());
    }

    [Fact]
    public async Task An_enterprise_account_sees_only_its_own_enterprise()
    {
        var other = await PreventionWorld.Register(fixture.World.Regulator, "另一家企业", "91310104MA1FL00068", "310104", "retail");
        var listed = (await fixture.World.Officer.GetJson("/api/enterprises")).AsArray().Select(e => e!["id"]!.GetValue<string>()).ToList();
        Assert.Contains(fixture.World.EnterpriseId, listed);
        Assert.DoesNotContain(other, listed);
        using var response = await fixture.World.Officer.GetAsync(new Uri($"/api/enterprises/{other}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<int> HazardSteps() => (await fixture.World.Regulator.GetJson($"/api/hazards/{fixture.HazardId}"))["steps"]!.AsArray().Count;

    private static async Task AssertForbidden(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]!.GetValue<string>()));
    }

    private static async Task<string> Neutral(HttpResponseMessage response, params string[] ids)
    {
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        problem.Remove("traceId");
        return ids.Aggregate(problem.ToJsonString(), (text, id) => text.Replace(id, "{id}", StringComparison.Ordinal));
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, string method, string url, string body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative));
        if (method != "GET")
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }
}
