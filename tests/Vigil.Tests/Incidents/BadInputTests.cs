using System.Net;

namespace Vigil.Tests.Incidents;

/// <summary>Bad input gets a clear error naming the field, in the user's language, and changes nothing.</summary>
public abstract class BadInputTests(DatabaseProvider engine) : IAsyncLifetime
{
    private readonly VigilFactory _app = new() { Engine = engine };
    private HttpClient _duty = null!;
    private string _id = "";

    public async Task InitializeAsync()
    {
        _duty = await _app.As("值班员甲", "duty-officer");
        var (_, incident) = await _duty.PostJson("/api/incidents", """
            { "planId": "shanghai-special-equipment-2025", "divisionCode": "310104", "title": "测试",
              "report": { "occurredAt": "2026-11-22T02:00", "contents": { "place": "p", "unit": "u", "equipment": "电梯", "course": "c",
                "casualties": "无", "measures": "m", "reporterName": "测试报告人", "reporterPhone": "正在核实中" },
                "facts": { "equipmentType": "elevator", "strandedPeople": 2, "strandedHours": 2 } } }
            """);
        _id = incident["id"]!.GetValue<string>();
    }

    public async Task DisposeAsync()
    {
        _duty.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<int> TimelineLength() => (await _duty.GetJson($"/api/incidents/{_id}"))["timeline"]!.AsArray().Count;

    [Theory]
    [InlineData("""{ "facts": { "deaths": -1 } }""", "facts.deaths", "不能小于 0")]
    [InlineData("""{ "facts": { "deaths": 1.5 } }""", "facts.deaths", "必须为整数")]
    [InlineData("""{ "facts": { "equipmentType": "tank" } }""", "facts.equipmentType", "boiler")]
    [InlineData("""{ "facts": { "death": 1 } }""", "facts.death", "不是本预案的输入项")]
    [InlineData("""{ "facts": { "explosion": "yes" } }""", "facts.explosion", "true 或 false")]
    [InlineData("""{ "receivedAt": "yesterday" }""", "receivedAt", "不是有效时间")]
    [InlineData("""{ "contents": { "weather": "晴" } }""", "contents.weather", "不是本预案报告的内容项")]
    [InlineData("""{ "facts": { "socialImpact": "large" } }""", "facts.socialImpact", "研判")]
    public async Task Bad_follow_up_is_refused_naming_the_field_and_changes_nothing(string body, string field, string message)
    {
        var before = await TimelineLength();
        var (response, problem) = await _duty.PostJson($"/api/incidents/{_id}/reports", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var error = problem["errors"]![0]!;
        Assert.Equal(field, error["field"]!.GetValue<string>());
        Assert.Contains(message, error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await TimelineLength());
    }

    [Fact]
    public async Task Malformed_json_is_refused_with_its_line()
    {
        var before = await TimelineLength();
        var (response, problem) = await _duty.PostJson($"/api/incidents/{_id}/reports", "{ \"facts\": { \"deaths\": 3, }\n");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("不是有效的 JSON", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await TimelineLength());
    }

    [Fact]
    public async Task Errors_speak_English_when_asked()
    {
        using var english = await _app.As("Operator A", "duty-officer", language: "en");
        var (_, problem) = await english.PostJson($"/api/incidents/{_id}/reports", """{ "facts": { "deaths": -1 } }""");
        Assert.Equal("\"facts.deaths\" must be at least 0, not -1.", problem["errors"]![0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Approval_by_the_wrong_role_is_forbidden_and_changes_nothing()
    {
        var (_, proposed) = await _duty.PostJson($"/api/incidents/{_id}/proposals", """{ "level": "IV" }""");
        var proposal = proposed["proposals"]![0]!["id"]!.GetValue<string>();
        var before = await TimelineLength();
        using var deputy = await _app.As("副组长丙", "deputy-leader", "310000");
        var (response, problem) = await deputy.PostJson($"/api/incidents/{_id}/proposals/{proposal}/approve", "{}");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("领导小组办公室主任", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await TimelineLength());
    }

    [Fact]
    public async Task Follow_up_to_an_ended_incident_after_30_days_is_a_conflict_and_changes_nothing()
    {
        using var director = await _app.As("办公室主任乙", "office-director");
        await director.PostJson($"/api/incidents/{_id}/end", """{ "reason": "已解救" }""");
        var laterUser = await _app.CreateUser("值班员乙", [("duty-officer", "310104")]);
        _app.Clock.Advance(TimeSpan.FromDays(31));
        using var later = (await _app.SignIn(laterUser, VigilFactory.Password)).Client;
        var before = (await later.GetJson($"/api/incidents/{_id}"))["timeline"]!.AsArray().Count;
        var (response, _) = await later.PostJson($"/api/incidents/{_id}/reports", """{ "facts": { "deaths": 1 } }""");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(before, (await later.GetJson($"/api/incidents/{_id}"))["timeline"]!.AsArray().Count);
    }

    [Fact]
    public async Task Opening_needs_a_known_plan_a_division_code_and_the_required_report_contents()
    {
        var (unknownPlan, p1) = await _duty.PostJson("/api/incidents", """{ "planId": "nope", "divisionCode": "310104", "title": "t", "report": {} }""");
        Assert.Equal(HttpStatusCode.BadRequest, unknownPlan.StatusCode);
        Assert.Equal("planId", p1["errors"]![0]!["field"]!.GetValue<string>());
        var (badDivision, p2) = await _duty.PostJson("/api/incidents", """{ "planId": "wuda-geohazard", "divisionCode": "Xuhui", "title": "t", "report": {} }""");
        Assert.Equal(HttpStatusCode.BadRequest, badDivision.StatusCode);
        Assert.Equal("divisionCode", p2["errors"]![0]!["field"]!.GetValue<string>());
        var (missing, p3) = await _duty.PostJson("/api/incidents", """{ "planId": "wuda-geohazard", "divisionCode": "150304", "title": "t", "report": { "facts": {} } }""");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var fields = p3["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()).ToList();
        Assert.Contains("report.occurredAt", fields);
        Assert.Contains("report.contents.place", fields);
        Assert.Equal(1, (await _duty.GetJson("/api/incidents"))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Acting_without_signing_in_is_refused_and_changes_nothing()
    {
        var before = await TimelineLength();
        using var anonymous = _app.CreateClient();
        var (response, _) = await anonymous.PostJson($"/api/incidents/{_id}/reports", """{ "facts": { "deaths": 1 } }""");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await TimelineLength());
    }

    [Fact]
    public async Task The_operator_headers_no_longer_name_who_acts()
    {
        using var forger = _app.CreateClient();
        forger.DefaultRequestHeaders.Add("X-Vigil-Operator", "forged");
        forger.DefaultRequestHeaders.Add("X-Vigil-Role", "duty-officer");
        var (response, _) = await forger.PostJson($"/api/incidents/{_id}/reports", """{ "facts": { "deaths": 1 } }""");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Grade_endpoint_follows_the_cli_contract()
    {
        var (ok, grade) = await _duty.PostJson("/api/plans/wuda-geohazard/grade", """{ "kind": "disaster", "deaths": 2, "directLossYuan": 800000 }""");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("small", grade["level"]!.GetValue<string>());
        Assert.Equal("PT2H", grade["reporting"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == "fast-report-medium-small")!["within"]!.GetValue<string>());
        var (bad, _) = await _duty.PostJson("/api/plans/wuda-geohazard/grade", """{ "kind": "flood" }""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}

public sealed class BadInputOnSqlite() : BadInputTests(DatabaseProvider.Sqlite);

public sealed class BadInputOnPostgreSql() : BadInputTests(DatabaseProvider.PostgreSql);
