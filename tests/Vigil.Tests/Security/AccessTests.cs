using System.Net;

namespace Vigil.Tests.Security;

/// <summary>
/// Issue 3 "done when": for every area's endpoints, a signed-out caller gets 401, a caller with the wrong role 403
/// with a reason and nothing changed, and a caller from another district cannot read, list or change the data.
/// A new area adds its rows to these tables.
/// </summary>
public sealed class AccessTests(AccessFixture fixture) : IClassFixture<AccessFixture>
{
    /// <summary>Every endpoint that touches data: method, URL ({id}, {proposal} filled in), body.</summary>
    public static TheoryData<string, string, string> Endpoints => new()
    {
        { "GET", "/api/plans", "" },
        { "GET", "/api/plans/shanghai-special-equipment-2025", "" },
        { "POST", "/api/plans/shanghai-special-equipment-2025/grade", """{ "equipmentType": "elevator" }""" },
        { "GET", "/api/incidents", "" },
        { "POST", "/api/incidents", AccessFixture.OpenXuhui },
        { "GET", "/api/incidents/{id}", "" },
        { "POST", "/api/incidents/{id}/reports", """{ "facts": { "deaths": 1 } }""" },
        { "POST", "/api/incidents/{id}/judgements", """{ "input": "socialImpact", "reason": "r" }""" },
        { "POST", "/api/incidents/{id}/warning-assessments", """{ "level": "none" }""" },
        { "POST", "/api/incidents/{id}/proposals", """{ "level": "IV" }""" },
        { "POST", "/api/incidents/{id}/proposals/{proposal}/approve", "{}" },
        { "POST", "/api/incidents/{id}/proposals/{proposal}/reject", """{ "reason": "r" }""" },
        { "POST", "/api/incidents/{id}/actions/rescue", "{}" },
        { "POST", "/api/incidents/{id}/leading-plan", """{ "leadingPlan": "p", "reason": "r" }""" },
        { "POST", "/api/incidents/{id}/submissions", """{ "dutyId": "district-to-city", "sentAt": "2026-11-22T03:00:00+08:00" }""" },
        { "POST", "/api/incidents/{id}/end", """{ "reason": "r" }""" },
        { "POST", "/api/incidents/{id}/aftermath/investigation", "{}" },
        { "GET", "/api/users", "" },
        { "POST", "/api/users", """{ "userName": "x", "displayName": "x" }""" },
        { "POST", "/api/users/none/roles", """{ "role": "auditor", "divisionCode": "310104" }""" },
        { "POST", "/api/users/none/api-keys", """{ "name": "k" }""" },
        { "POST", "/api/divisions/import", """[{ "code": "310104", "name": "徐汇区" }]""" },
        { "GET", "/api/divisions", "" },
        { "GET", "/api/stations/ST001/keys", "" },
        { "POST", "/api/stations/ST001/keys", """{ "purpose": "mac", "algorithm": "aes" }""" },
        { "POST", "/api/stations/ST001/keys/rotate", """{ "purpose": "mac" }""" },
        { "GET", "/api/audit", "" },
        { "GET", "/api/audit/verify", "" },
    };

    /// <summary>Endpoints with a role that must be refused: the wrong caller for each.</summary>
    public static TheoryData<string, string, string, string> WrongRole => new()
    {
        { "reviewer", "GET", "/api/plans", "" },
        { "reviewer", "POST", "/api/plans/shanghai-special-equipment-2025/grade", """{ "equipmentType": "elevator" }""" },
        { "reviewer", "GET", "/api/incidents", "" },
        { "reviewer", "POST", "/api/incidents", AccessFixture.OpenXuhui },
        { "auditor", "POST", "/api/incidents", AccessFixture.OpenXuhui },
        { "reviewer", "GET", "/api/incidents/{id}", "" },
        { "reviewer", "POST", "/api/incidents/{id}/reports", """{ "facts": { "deaths": 1 } }""" },
        { "auditor", "POST", "/api/incidents/{id}/reports", """{ "facts": { "deaths": 1 } }""" },
        { "reviewer", "POST", "/api/incidents/{id}/proposals", """{ "level": "IV" }""" },
        { "deputy", "POST", "/api/incidents/{id}/proposals/{proposal}/approve", "{}" },
        { "reviewer", "POST", "/api/incidents/{id}/end", """{ "reason": "r" }""" },
        { "duty", "GET", "/api/users", "" },
        { "duty", "POST", "/api/users", """{ "userName": "x", "displayName": "x", "password": "long-enough-password" }""" },
        { "auditor", "POST", "/api/users", """{ "userName": "x", "displayName": "x", "password": "long-enough-password" }""" },
        { "duty", "POST", "/api/divisions/import", """[{ "code": "310104", "name": "徐汇区" }]""" },
        { "duty", "GET", "/api/stations/ST001/keys", "" },
        { "duty", "POST", "/api/stations/ST001/keys", """{ "purpose": "mac", "algorithm": "aes" }""" },
        { "duty", "GET", "/api/audit", "" },
        { "duty", "GET", "/api/audit/verify", "" },
    };

    /// <summary>What a Minhang duty officer tries on a Xuhui incident: answered as if it did not exist.</summary>
    public static TheoryData<string, string, string> IncidentEndpoints => new()
    {
        { "GET", "/api/incidents/{id}", "" },
        { "POST", "/api/incidents/{id}/reports", """{ "facts": { "deaths": 1 } }""" },
        { "POST", "/api/incidents/{id}/judgements", """{ "input": "socialImpact", "reason": "r" }""" },
        { "POST", "/api/incidents/{id}/warning-assessments", """{ "level": "none" }""" },
        { "POST", "/api/incidents/{id}/proposals", """{ "level": "IV" }""" },
        { "POST", "/api/incidents/{id}/proposals/{proposal}/approve", "{}" },
        { "POST", "/api/incidents/{id}/proposals/{proposal}/reject", """{ "reason": "r" }""" },
        { "POST", "/api/incidents/{id}/actions/rescue", "{}" },
        { "POST", "/api/incidents/{id}/leading-plan", """{ "leadingPlan": "p", "reason": "r" }""" },
        { "POST", "/api/incidents/{id}/submissions", """{ "dutyId": "district-to-city", "sentAt": "2026-11-22T03:00:00+08:00" }""" },
        { "POST", "/api/incidents/{id}/end", """{ "reason": "r" }""" },
        { "POST", "/api/incidents/{id}/aftermath/investigation", "{}" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Signed_out_caller_gets_401(string method, string url, string body)
    {
        using var anonymous = fixture.App.CreateClient();
        var before = await fixture.TimelineLength();
        using var response = await anonymous.Send(method, fixture.Url(url), body);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await fixture.TimelineLength());
    }

    [Theory]
    [MemberData(nameof(WrongRole))]
    public async Task Wrong_role_gets_403_with_a_reason_and_changes_nothing(string caller, string method, string url, string body)
    {
        var client = caller switch
        {
            "reviewer" => fixture.Reviewer,
            "auditor" => fixture.Auditor,
            "deputy" => fixture.CityDeputy,
            _ => fixture.XuhuiDuty,
        };
        var auditBefore = await fixture.AuditCount();
        var before = (await fixture.TimelineLength(), await Total());
        using var response = await client.Send(method, fixture.Url(url), body);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]!.GetValue<string>()));
        // One entry more: reading the timeline above is itself audited (it holds reporters' phone numbers).
        Assert.Equal(auditBefore + 1, await fixture.AuditCount());
        Assert.Equal(before, (await fixture.TimelineLength(), await Total()));
    }

    [Theory]
    [MemberData(nameof(IncidentEndpoints))]
    public async Task Another_district_cannot_read_or_change_an_incident_and_learns_nothing(string method, string url, string body)
    {
        var before = await fixture.TimelineLength();
        using var response = await fixture.MinhangDuty.Send(method, fixture.Url(url), body);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var unknownId = Guid.NewGuid().ToString();
        using var unknown = await fixture.MinhangDuty.Send(method, url.Replace("{id}", unknownId, StringComparison.Ordinal).Replace("{proposal}", fixture.ProposalId, StringComparison.Ordinal), body);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(await Neutral(unknown, unknownId), await Neutral(response, fixture.IncidentId));
        Assert.Equal(before, await fixture.TimelineLength());
    }

    [Fact]
    public async Task Another_district_does_not_list_or_count_the_incident()
    {
        var minhang = await fixture.MinhangDuty.GetJson("/api/incidents?status=all");
        Assert.Equal(0, minhang["total"]!.GetValue<int>());
        Assert.Empty(minhang["items"]!.AsArray());
        var xuhui = await fixture.XuhuiDuty.GetJson("/api/incidents?status=all&division=310104");
        Assert.Contains(xuhui["items"]!.AsArray(), i => i!["id"]!.GetValue<string>() == fixture.IncidentId);
        var city = await fixture.CityDeputy.GetJson("/api/incidents?status=all");
        Assert.Contains(city["items"]!.AsArray(), i => i!["id"]!.GetValue<string>() == fixture.IncidentId);
    }

    [Fact]
    public async Task Another_district_cannot_open_an_incident_here()
    {
        var before = await Total();
        var (response, problem) = await fixture.MinhangDuty.PostJson("/api/incidents", AccessFixture.OpenXuhui);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("310104", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await Total());
    }

    [Fact]
    public async Task An_incident_with_the_reporters_contacts_is_never_cached()
    {
        // Issue 12 item 11: personal data must not stay in a browser's or a proxy's cache.
        using var response = await fixture.XuhuiDuty.GetAsync(new Uri(fixture.Url("/api/incidents/{id}"), UriKind.Relative));
        Assert.Contains("13800000000", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    /// <summary>The problem body with its id and trace id taken out: what is left must not tell the two apart.</summary>
    private static async Task<string> Neutral(HttpResponseMessage response, string id)
    {
        var problem = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        problem.Remove("traceId");
        return problem.ToJsonString().Replace(id, "{id}", StringComparison.Ordinal);
    }

    private async Task<int> Total() => (await fixture.CityDeputy.GetJson("/api/incidents?status=all"))["total"]!.GetValue<int>();
}
