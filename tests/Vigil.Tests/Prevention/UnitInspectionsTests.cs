using System.Net;
using System.Text.Json.Nodes;

namespace Vigil.Tests.Prevention;

/// <summary>
/// DP-HAZ, 004 第四条 over HTTP: the unit records its own inspections (principal monthly, workshop weekly, team
/// daily); the enterprise and its regulator see what is due, and the regulator sees what is overdue.
/// The factory's clock stands at 2026-11-22 03:00 in Shanghai, a Sunday.
/// </summary>
public sealed class UnitInspectionsTests : IAsyncLifetime
{
    private readonly PreventionWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    private Task<(HttpResponseMessage Response, JsonNode Body)> Record(HttpClient client, string json) =>
        client.PostJson($"/api/enterprises/{_world.EnterpriseId}/unit-inspections", json);

    [Fact]
    public async Task Recorded_inspections_set_each_units_next_due_date_and_a_missed_one_shows_as_overdue()
    {
        var (team, line) = await Record(_world.Officer, """{ "level": "team", "unit": "甲班", "doneOn": "2026-11-21", "ledBy": "甲班班长", "findings": "未发现隐患" }""");
        Assert.Equal(HttpStatusCode.Created, team.StatusCode);
        Assert.Equal(("2026-11-22", false), (line["nextDue"]!.GetValue<string>(), line["overdue"]!.GetValue<bool>()));

        var (workshop, _) = await Record(_world.Officer, """{ "level": "workshop", "unit": "一车间", "doneOn": "2026-11-18", "ledBy": "车间主任", "findings": "消防通道堆物，已清理" }""");
        Assert.Equal(HttpStatusCode.Created, workshop.StatusCode);
        var (principal, monthly) = await Record(_world.Principal, """{ "level": "principal", "doneOn": "2026-11-20", "ledBy": "主要负责人", "findings": "无" }""");
        Assert.Equal(HttpStatusCode.Created, principal.StatusCode);
        Assert.Equal(("*", "2026-12-31"), (monthly["unit"]!.GetValue<string>(), monthly["nextDue"]!.GetValue<string>()));

        var schedule = (await _world.Regulator.GetJson($"/api/enterprises/{_world.EnterpriseId}/unit-inspections"))["schedule"]!.AsArray();
        Assert.Equal(["principal *", "workshop 一车间", "team 甲班"], schedule.Select(l => $"{l!["level"]} {l["unit"]}"));
        Assert.Empty((await _world.Regulator.GetJson("/api/unit-inspections/overdue")).AsArray());

        // Monday 00:00: the team's Sunday inspection did not happen (signed in afresh: the sessions of Sunday have ended).
        var userName = await _world.App.CreateUser("徐汇区局值守", [("division-staff", "310104")]);
        _world.App.Clock.Advance(TimeSpan.FromHours(21));
        using var regulator = (await _world.App.SignIn(userName, VigilFactory.Password)).Client;
        var overdue = Assert.Single((await regulator.GetJson("/api/unit-inspections/overdue")).AsArray())!;
        Assert.Equal(("team", "甲班", "2026-11-22", 1), (overdue["level"]!.GetValue<string>(), overdue["unit"]!.GetValue<string>(),
            overdue["nextDue"]!.GetValue<string>(), overdue["daysOverdue"]!.GetValue<int>()));
        Assert.Empty((await regulator.GetJson("/api/unit-inspections/overdue?division=310112")).AsArray());
    }

    [Theory]
    [InlineData("""{ "level": "weekly", "unit": "甲班", "doneOn": "2026-11-21", "ledBy": "l", "findings": "f" }""", "level")]
    [InlineData("""{ "level": "team", "doneOn": "2026-11-21", "ledBy": "l", "findings": "f" }""", "unit")]
    [InlineData("""{ "level": "team", "unit": "甲班", "doneOn": "2026-11-23", "ledBy": "l", "findings": "f" }""", "doneOn")]
    [InlineData("""{ "level": "team", "unit": "甲班", "doneOn": "21/11/2026", "ledBy": "l", "findings": "f" }""", "doneOn")]
    [InlineData("""{ "level": "team", "unit": "甲班", "doneOn": "2026-11-21", "findings": "f" }""", "ledBy")]
    [InlineData("""{ "level": "team", "unit": "甲班", "doneOn": "2026-11-21", "ledBy": "l" }""", "findings")]
    public async Task Bad_input_names_the_field_and_records_nothing(string json, string field)
    {
        var (response, problem) = await Record(_world.Officer, json);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(problem["errors"]!.AsArray(), e => e!["field"]!.GetValue<string>() == field);
        Assert.Empty((await _world.Officer.GetJson($"/api/enterprises/{_world.EnterpriseId}/unit-inspections"))["inspections"]!.AsArray());
    }

    [Fact]
    public async Task An_inspection_done_today_in_Shanghai_is_accepted_while_tomorrow_is_refused()
    {
        // The clock stands at 2026-11-22 03:00 in Shanghai, still 11-21 in UTC: "today" is the regulator's date.
        var (today, _) = await Record(_world.Officer, """{ "level": "team", "unit": "甲班", "doneOn": "2026-11-22", "ledBy": "甲班班长", "findings": "未发现隐患" }""");
        Assert.Equal(HttpStatusCode.Created, today.StatusCode);
        var (tomorrow, _) = await Record(_world.Officer, """{ "level": "team", "unit": "甲班", "doneOn": "2026-11-23", "ledBy": "甲班班长", "findings": "未发现隐患" }""");
        Assert.Equal(HttpStatusCode.BadRequest, tomorrow.StatusCode);
    }

    [Fact]
    public async Task A_new_enterprise_owes_the_principals_inspection_by_the_end_of_its_first_month()
    {
        var line = Assert.Single((await _world.Principal.GetJson($"/api/enterprises/{_world.EnterpriseId}/unit-inspections"))["schedule"]!.AsArray())!;
        Assert.Equal(("principal", "2026-11-30", false), (line["level"]!.GetValue<string>(), line["nextDue"]!.GetValue<string>(), line["overdue"]!.GetValue<bool>()));
        Assert.True(line["lastDone"] is null);
    }
}
