using System.Net;
using static Vigil.Tests.Incidents.IncidentJson;

namespace Vigil.Tests.Incidents;

/// <summary>
/// Issue 15 items 1–5 and 9 over HTTP: lowering stands, raising by decision, the leader's consent before the SAMR
/// report, who proposes, "正在核实中" keeps a reported figure (SE-RESP, SE-RPT); Wuda without a kind (GEO-LVL, GEO-RESP).
/// </summary>
public sealed class ResponseDecisionApiTests
{
    private const string Elevator = """
        {
          "planId": "shanghai-special-equipment-2025", "divisionCode": "310104", "title": "某商务楼电梯困人",
          "report": {
            "occurredAt": "2026-11-22T02:00",
            "contents": { "place": "某商务楼", "unit": "某物业公司", "equipment": "乘客电梯", "course": "困人", "casualties": "困4人",
                          "measures": "维保单位到场", "reporterName": "测试报告人", "reporterPhone": "正在核实中" },
            "facts": { "equipmentType": "elevator", "strandedPeople": 4, "strandedHours": 2, "deaths": 0 }
          }
        }
        """;

    /// <summary>Opens the elevator incident and, when given, follows it up with these facts; its id.</summary>
    private static async Task<string> OpenElevator(HttpClient by, string? followUpFacts = null)
    {
        var (_, opened) = await by.PostJson("/api/incidents", Elevator);
        var id = Id(opened);
        if (followUpFacts is not null)
        {
            await by.PostJson($"/api/incidents/{id}/reports", $$"""{ "facts": {{followUpFacts}} }""");
        }

        return id;
    }

    [Fact]
    public async Task Lowered_response_stands_over_a_text_follow_up_and_is_raised_only_when_the_event_gets_worse()
    {
        await using var app = new VigilFactory();
        using var duty = await app.As("值班员甲", "duty-officer", "310104");
        using var office = await app.As("办公室丁", "leading-group-office", "310000");
        using var deputy = await app.As("副组长丙", "deputy-leader", "310000");
        using var leader = await app.As("组长戊", "leader", "310000");
        var id = await OpenElevator(duty, """{ "deaths": 10 }""");
        Assert.Equal("I", Response(await duty.GetJson($"/api/incidents/{id}")));

        var (_, proposed) = await office.PostJson($"/api/incidents/{id}/proposals", """{ "level": "II", "reason": "危害已经减缓，不会进一步扩散" }""");
        var proposal = LastProposal(proposed);
        Assert.True(proposed["proposals"]![0]!["isAdjustment"]!.GetValue<bool>());
        await deputy.PostJson($"/api/incidents/{id}/proposals/{proposal}/approve", "{}");
        var (_, lowered) = await leader.PostJson($"/api/incidents/{id}/proposals/{proposal}/approve", """{ "reason": "同意降级" }""");
        Assert.Equal("II", Response(lowered));

        var (_, text) = await duty.PostJson($"/api/incidents/{id}/reports", """{ "contents": { "other": "现场已控制" } }""");
        Assert.Equal("II", Response(text));
        var (_, worse) = await duty.PostJson($"/api/incidents/{id}/reports", """{ "facts": { "deaths": 30 } }""");
        Assert.Equal("I", Level(worse));
        Assert.Equal("I", Response(worse));
    }

    [Fact]
    public async Task Running_III_response_is_raised_to_I_with_the_leaders_approval_and_duty_officers_cannot_propose_it()
    {
        await using var app = new VigilFactory();
        using var duty = await app.As("值班员甲", "duty-officer", "310104");
        using var office = await app.As("办公室丁", "leading-group-office", "310000");
        using var director = await app.As("办公室主任乙", "office-director", "310000");
        using var deputy = await app.As("副组长丙", "deputy-leader", "310000");
        using var leader = await app.As("组长戊", "leader", "310000");
        var id = await OpenElevator(duty, """{ "deaths": 3 }""");

        var (forbidden, problem) = await duty.PostJson($"/api/incidents/{id}/proposals", """{ "level": "III", "reason": "较大事故" }""");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("role", problem["errors"]![0]!["field"]!.GetValue<string>());

        var (_, proposed) = await office.PostJson($"/api/incidents/{id}/proposals", """{ "level": "III", "reason": "较大事故" }""");
        var iii = LastProposal(proposed);
        await director.PostJson($"/api/incidents/{id}/proposals/{iii}/approve", "{}");
        var (_, running) = await deputy.PostJson($"/api/incidents/{id}/proposals/{iii}/approve", "{}");
        Assert.Equal("III", Response(running));
        var option = running["responseOptions"]!.AsArray().Single(o => o!["level"]!.GetValue<string>() == "I")!;
        Assert.Equal("leader", Assert.Single(option["chain"]!.AsArray())!["role"]!.GetValue<string>());

        var (_, raise) = await office.PostJson($"/api/incidents/{id}/proposals", """{ "level": "I", "reason": "事态扩展，难以控制" }""");
        var up = LastProposal(raise);
        var (wrong, _) = await deputy.PostJson($"/api/incidents/{id}/proposals/{up}/approve", "{}");
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        var (_, raised) = await leader.PostJson($"/api/incidents/{id}/proposals/{up}/approve", """{ "reason": "同意提升" }""");
        Assert.Equal("I", Response(raised));
        Assert.Equal("III", Level(raised));
    }

    [Fact]
    public async Task SAMR_report_is_refused_before_the_leaders_consent_and_from_anyone_but_the_city_duty_room()
    {
        await using var app = new VigilFactory();
        using var duty = await app.As("值班员甲", "duty-officer", "310104");
        using var room = await app.As("值班室己", "city-duty-room", "310000");
        using var leader = await app.As("组长戊", "leader", "310000");
        var id = await OpenElevator(duty, """{ "deaths": 3 }""");

        var (early, problem) = await room.PostJson($"/api/incidents/{id}/submissions", """{ "dutyId": "city-to-samr" }""");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("duty.consentMissing", problem["errors"]![0]!["code"]!.GetValue<string>());
        var (notLeader, _) = await room.PostJson($"/api/incidents/{id}/consents", """{ "dutyId": "city-to-samr", "reason": "同意" }""");
        Assert.Equal(HttpStatusCode.Forbidden, notLeader.StatusCode);

        var (consented, afterConsent) = await leader.PostJson($"/api/incidents/{id}/consents", """{ "dutyId": "city-to-samr", "reason": "同意上报" }""");
        Assert.Equal(HttpStatusCode.OK, consented.StatusCode);
        Assert.Equal("组长戊", Duty(afterConsent, "city-to-samr")["consent"]!["by"]!["name"]!.GetValue<string>());

        var (byDuty, _) = await duty.PostJson($"/api/incidents/{id}/submissions", """{ "dutyId": "city-to-samr" }""");
        Assert.Equal(HttpStatusCode.Forbidden, byDuty.StatusCode);
        var (sent, afterSent) = await room.PostJson($"/api/incidents/{id}/submissions", """{ "dutyId": "city-to-samr" }""");
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal("met", Duty(afterSent, "city-to-samr")["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task District_bureau_proposes_IV_but_not_III()
    {
        await using var app = new VigilFactory();
        using var district = await app.As("区局庚", "district-bureau", "310104");
        var id = await OpenElevator(district);
        var (iv, _) = await district.PostJson($"/api/incidents/{id}/proposals", """{ "level": "IV", "reason": "请求专家支持" }""");
        Assert.Equal(HttpStatusCode.OK, iv.StatusCode);
        await district.PostJson($"/api/incidents/{id}/reports", """{ "facts": { "deaths": 3 } }""");
        var (iii, _) = await district.PostJson($"/api/incidents/{id}/proposals", """{ "level": "III", "reason": "较大事故" }""");
        Assert.Equal(HttpStatusCode.Forbidden, iii.StatusCode);
    }

    [Fact]
    public async Task Verifying_in_a_follow_up_keeps_the_reported_figure_and_a_new_figure_changes_it()
    {
        await using var app = new VigilFactory();
        using var duty = await app.As("值班员甲", "duty-officer", "310104");
        var id = await OpenElevator(duty);
        var (_, verifying) = await duty.PostJson($"/api/incidents/{id}/reports", """{ "facts": { "strandedHours": "正在核实中" } }""");
        Assert.Equal("IV", verifying["levels"]![0]!["level"]!.GetValue<string>());
        Assert.Equal(2m, verifying["facts"]!["strandedHours"]!.GetValue<decimal>());
        Assert.Equal("正在核实中", verifying["reports"]![1]!["facts"]!["strandedHours"]!.GetValue<string>());
        var (_, lower) = await duty.PostJson($"/api/incidents/{id}/reports", """{ "facts": { "strandedHours": 0.5 } }""");
        Assert.Equal("none", lower["levels"]![0]!["level"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wuda_report_without_the_kind_grades_starts_the_response_and_ends_only_after_the_conditions()
    {
        await using var app = new VigilFactory();
        using var monitor = await app.As("监测员辛", "duty-officer", "150304");
        using var government = await app.As("区政府壬", "district-government", "150304");
        using var branch = await app.As("分局癸", "natural-resources-branch", "150304");
        var (created, opened) = await monitor.PostJson("/api/incidents", """
            {
              "planId": "wuda-geohazard", "divisionCode": "150304", "title": "某沟谷险情",
              "report": {
                "occurredAt": "正在核实中",
                "contents": { "place": "某沟谷", "hazardType": "正在核实中", "scale": "正在核实中", "reporterName": "测试监测员", "reporterPhone": "正在核实中" },
                "facts": { "relocatedPeople": 5000 }
              }
            }
            """);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = Id(opened);
        Assert.Equal("extra-large", Level(opened));
        Assert.Equal("险情或灾情", opened["levels"]![0]!["tableUndetermined"]!.GetValue<string>());
        Assert.Equal("extra-large", Response(opened));
        Assert.Contains(opened["duties"]!.AsArray(), d => d!["id"]!.GetValue<string>() == "fast-report-large");

        var (refused, _) = await government.PostJson($"/api/incidents/{id}/end", """{ "reason": "结束" }""");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        await branch.PostJson($"/api/incidents/{id}/actions/expert-confirmation", """{ "note": "专家组鉴定险情已得到有效控制" }""");
        await government.PostJson($"/api/incidents/{id}/actions/revoke-zone", """{ "note": "已撤销危险区" }""");
        var (ended, closed) = await government.PostJson($"/api/incidents/{id}/end", """{ "reason": "险情已消除" }""");
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal("ended", closed["status"]!.GetValue<string>());
    }
}
