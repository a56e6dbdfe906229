using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Vigil.Tests.Prevention;

/// <summary>DESIGN principle 6: bad input gets a localized problem naming the field, and nothing is written.</summary>
public sealed class PreventionBadInputTests(PreventionAccessFixture fixture) : IClassFixture<PreventionAccessFixture>
{
    private const string Sha = "0000000000000000000000000000000000000000000000000000000000000000";

    public static TheoryData<string, string, string, string> Rows => new()
    {
        { "regulator", "/api/enterprises", """{ "name": "x", "creditCode": "91310104MA1FL00031", "divisionCode": "310104", "industry": "retail", "address": "a" }""", "creditCode" },
        { "regulator", "/api/enterprises", """{ "creditCode": "91310104MA1FL0003Y", "divisionCode": "310104", "industry": "retail", "address": "a" }""", "name" },
        { "regulator", "/api/enterprises", """{ "name": "x", "creditCode": "91310104MA1FL0003Y", "divisionCode": "310100", "industry": "retail", "address": "a" }""", "divisionCode" },
        { "regulator", "/api/enterprises", """{ "name": "x", "creditCode": "91310104MA1FL0003Y", "divisionCode": "310104", "industry": "retail", "address": "a", "latitude": 31.2 }""", "longitude" },
        { "regulator", "/api/enterprises", """{ "name": "x", "creditCode": "91310104MA1FL0003Y", "divisionCode": "310104", "industry": "retail", "address": "a", "latitude": 95, "longitude": 121 }""", "latitude" },
        { "regulator", "/api/enterprises", """{ "name": "x", "creditCode": "91310104MA1FL0003Y", "divisionCode": "310104", "industry": "retail", "address": "a", "latitude": 31, "longitude": 121, "datum": "bd09" }""", "datum" },
        { "regulator", "/api/enterprises", """{ "name": "x", """, "$" },
        { "officer", "/api/enterprises/{enterprise}/risk-points", """{ "latitude": 31.2, "longitude": 121.4 }""", "name" },
        { "officer", "/api/risk-points/{point}/assessments", """{ "method": "abc", "factors": { "l": 3 } }""", "method" },
        { "officer", "/api/risk-points/{point}/assessments", """{ "method": "lec", "factors": { "l": 4, "e": 6, "c": 7 } }""", "factors.l" },
        { "officer", "/api/risk-points/{point}/assessments", """{ "method": "ls", "factors": { "l": 4, "s": 4, "c": 7 } }""", "factors.c" },
        { "officer", "/api/risk-points/{point}/assessments", """{ "method": "ls" }""", "factors" },
        { "regulator", "/api/risk-points/{point}/overrides", """{ "colour": "purple", "reason": "r" }""", "colour" },
        { "regulator", "/api/risk-points/{point}/overrides", """{ "colour": "red" }""", "reason" },
        { "regulator", "/api/inspections/plan", """{ "enterpriseId": "{enterprise}", "from": "2027-01-31", "to": "2027-01-01" }""", "to" },
        { "regulator", "/api/inspections/plan", """{ "enterpriseId": "{enterprise}", "from": "2027-13-01", "to": "2027-01-01" }""", "from" },
        { "regulator", "/api/inspections/{inspection}/assignment", """{ "inspectorUserId": "nobody" }""", "inspectorUserId" },
        { "officer", "/api/hazards", """{ "enterpriseId": "{enterprise}" }""", "description" },
        { "officer", "/api/hazards", """{ "enterpriseId": "{enterprise}", "description": "d", "evidence": ["abc"] }""", "evidence[0]" },
        { "officer", "/api/hazards", """{ "enterpriseId": "{enterprise}", "description": "d", "evidence": ["{sha}"] }""", "evidence" },
        { "officer", "/api/hazards", """{ "enterpriseId": "not-an-id", "description": "d" }""", "enterpriseId" },
        { "officer", "/api/hazards/{hazard}/assess", """{ "grade": "huge" }""", "grade" },
        { "principal", "/api/hazards/{hazard}/plan", """{ "funds": -1 }""", "funds" },
        { "principal", "/api/hazards/{hazard}/plan", """{ "deadline": "tomorrow" }""", "deadline" },
        { "principal", "/api/enterprises/{enterprise}/quarterly-reports", """{ "year": 2026, "quarter": 5, "document": ["{sha}"] }""", "quarter" },
        { "principal", "/api/enterprises/{enterprise}/quarterly-reports", """{ "year": 2026, "quarter": 3 }""", "document" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Bad_input_names_the_field_and_changes_nothing(string caller, string url, string body, string field)
    {
        var client = caller switch
        {
            "officer" => fixture.World.Officer,
            "principal" => fixture.World.Principal,
            _ => fixture.World.Regulator,
        };
        var before = await Snapshot();
        using var content = new StringContent(fixture.Url(body).Replace("{sha}", Sha, StringComparison.Ordinal), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri(fixture.Url(url), UriKind.Relative), content);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, problem.ToJsonString());
        Assert.Contains(problem["errors"]!.AsArray(), e => e!["field"]!.GetValue<string>() == field);
        Assert.Contains(field.Split('[', '.')[0], problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await Snapshot());
    }

    [Theory]
    [InlineData("/api/map/risk-points?colour=purple", "colour")]
    [InlineData("/api/map/risk-points?datum=bd09", "datum")]
    [InlineData("/api/map/hazards?state=fixed", "state")]
    [InlineData("/api/map/hazards?grade=huge", "grade")]
    [InlineData("/api/map/counts?district=31x", "district")]
    [InlineData("/api/map/counts?level=province", "level")]
    [InlineData("/api/inspections/overdue?by=month", "by")]
    [InlineData("/api/quarterly-reports?year=2026&quarter=0", "quarter")]
    [InlineData("/api/quarterly-reports?status=early", "status")]
    public async Task Bad_filters_name_the_parameter(string url, string field)
    {
        using var response = await fixture.World.Regulator.GetAsync(new Uri(url, UriKind.Relative));
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, problem["errors"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task English_is_given_on_request()
    {
        using var english = await fixture.World.App.As("Regulator EN", "division-staff", "310104", "en");
        var (response, problem) = await english.PostJson($"/api/risk-points/{fixture.RiskPointId}/overrides", """{ "colour": "purple", "reason": "r" }""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is not a colour", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var (_, chinese) = await fixture.World.Regulator.PostJson($"/api/risk-points/{fixture.RiskPointId}/overrides", """{ "colour": "purple", "reason": "r" }""");
        Assert.Contains("不是风险颜色", chinese["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text", "photos[0]")]
    [InlineData("many", "photos")]
    [InlineData("badCode", "creditCode")]
    [InlineData("noDescription", "description")]
    [InlineData("noName", "enterpriseName")]
    [InlineData("city", "districtCode")]
    [InlineData("notForm", "body")]
    public async Task A_bad_public_report_is_refused_with_the_field_and_stores_nothing(string kind, string field)
    {
        using var anonymous = fixture.World.App.CreateClient();
        var before = (await Snapshot(), EvidenceFiles());
        HttpResponseMessage response;
        if (kind == "notForm")
        {
            using var json = new StringContent("""{ "creditCode": "x" }""", Encoding.UTF8, "application/json");
            response = await anonymous.PostAsync(new Uri("/api/public/hazards", UriKind.Relative), json);
        }
        else
        {
            using var form = new MultipartFormDataContent();
            if (kind is "noName" or "city")
            {
                // Issue 15 item 17: without a credit code the operator is named by name, address and district.
                form.Add(new StringContent(kind == "city" ? "无名作坊" : ""), "enterpriseName");
                form.Add(new StringContent("徐汇区示例路 8 号"), "address");
                form.Add(new StringContent(kind == "city" ? "310100" : "310104"), "districtCode");
            }
            else
            {
                form.Add(new StringContent(kind == "badCode" ? "91310104MA1FL8XQ30" : PreventionWorld.CreditCode), "creditCode");
            }
            if (kind != "noDescription")
            {
                form.Add(new StringContent("描述"), "description");
            }

            var photos = kind switch
            {
                "text" => new[] { "just text, not a photo"u8.ToArray() },
                "many" => [.. Enumerable.Range(0, 6).Select(i => PreventionWorld.Photo("p" + i))],
                _ => [PreventionWorld.Photo("ok")],
            };
            foreach (var photo in photos)
            {
                var content = new ByteArrayContent(photo);
                content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
                form.Add(content, "photos", "p.jpg");
            }

            response = await anonymous.PostAsync(new Uri("/api/public/hazards", UriKind.Relative), form);
        }

        using (response)
        {
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, problem.ToJsonString());
            Assert.Contains(problem["errors"]!.AsArray(), e => e!["field"]!.GetValue<string>() == field);
        }

        Assert.Equal(before, (await Snapshot(), EvidenceFiles()));
    }

    [Fact]
    public async Task A_public_report_for_an_unregistered_enterprise_is_404()
    {
        using var anonymous = fixture.World.App.CreateClient();
        var (response, _) = await PreventionWorld.PublicReport(anonymous, "91310115MA1HK0008R", "描述");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private int EvidenceFiles()
    {
        var root = Path.Combine(fixture.World.App.DataDirectory, "evidence");
        return Directory.Exists(root) ? Directory.GetFiles(root, "*", SearchOption.AllDirectories).Length : 0;
    }

    private async Task<(int Audit, int Enterprises, int Hazards, string Point)> Snapshot() => (
        await fixture.World.AuditCount(),
        (await fixture.World.Regulator.GetJson("/api/enterprises")).AsArray().Count,
        (await fixture.World.Regulator.GetJson("/api/hazards")).AsArray().Count,
        (await fixture.World.Regulator.GetJson($"/api/risk-points/{fixture.RiskPointId}")).ToJsonString());
}
