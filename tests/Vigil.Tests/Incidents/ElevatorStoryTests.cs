using System.Net;
using static Vigil.Tests.Incidents.IncidentJson;

namespace Vigil.Tests.Incidents;

/// <summary>
/// The elevator story of issue 2, end to end over HTTP: a IV report with fields under verification, a follow-up with
/// three deaths regrading to III, the III response through its chain, the SAMR chain, the end and the aftermath.
/// </summary>
public abstract class ElevatorStoryTests(DatabaseProvider engine)
{
    /// <summary>The first report of the elevator story (also what the two-instance test records).</summary>
    internal const string Initial = """
        {
          "planId": "shanghai-special-equipment-2025",
          "divisionCode": "310104",
          "title": "某商务楼电梯困人",
          "report": {
            "occurredAt": "正在核实中",
            "contents": {
              "place": "徐汇区某商务楼", "unit": "正在核实中", "equipment": "乘客电梯", "course": "轿厢停在两层之间",
              "casualties": "困4人", "measures": "维保单位赶赴现场", "reporterName": "测试报告人", "reporterPhone": "正在核实中"
            },
            "facts": { "equipmentType": "elevator", "strandedPeople": 4, "strandedHours": 2, "deaths": "正在核实中" }
          }
        }
        """;

    [Fact]
    public async Task Elevator_report_is_graded_IV_then_regraded_III_and_run_to_aftermath()
    {
        await using var app = new VigilFactory { Engine = engine };
        using var duty = await app.As("值班员甲", "duty-officer", "310104");
        using var director = await app.As("办公室主任乙", "office-director", "310104");
        using var deputy = await app.As("副组长丙", "deputy-leader", "310000");
        using var office = await app.As("办公室丁", "leading-group-office", "310000");
        using var room = await app.As("值班室己", "city-duty-room", "310000");
        using var leader = await app.As("组长戊", "leader", "310000");

        var (created, incident) = await duty.PostJson("/api/incidents", Initial);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = incident["id"]!.GetValue<string>();
        Assert.Equal("IV", incident["eventLevel"]!.GetValue<string>());
        var accident = incident["levels"]![0]!;
        Assert.Equal("附件 IV级(3)", accident["matched"]![0]!["article"]!.GetValue<string>());
        Assert.Equal("none", incident["warning"]!["level"]!.GetValue<string>());
        Assert.False(incident["warning"]!["assessed"]!.GetValue<bool>());
        var option = Assert.Single(incident["responseOptions"]!.AsArray());
        Assert.Equal("IV", option!["level"]!.GetValue<string>());
        Assert.Equal("office-director", option["chain"]![0]!["role"]!.GetValue<string>());
        var duties = incident["duties"]!.AsArray().Select(d => d!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(["unit-to-regulator", "district-to-city"], duties);
        Assert.Equal("2026-11-22T05:00:00+08:00", incident["duties"]![1]!["dueAt"]!.GetValue<string>());

        app.Clock.Advance(TimeSpan.FromHours(1));
        var (followed, regraded) = await duty.PostJson($"/api/incidents/{id}/reports",
            """{ "facts": { "deaths": 3 }, "contents": { "casualties": "3人死亡" } }""");
        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        Assert.Equal("III", regraded["eventLevel"]!.GetValue<string>());
        Assert.Equal(2, regraded["reports"]!.AsArray().Count);
        Assert.Equal("困4人", regraded["reports"]![0]!["contents"]!["casualties"]!.GetValue<string>());
        Assert.Equal(["II", "III"], regraded["responseOptions"]!.AsArray().Select(o => o!["level"]!.GetValue<string>()));
        Assert.Equal(["deputy-leader", "leader"], regraded["responseOptions"]![0]!["chain"]!.AsArray().Select(s => s!["role"]!.GetValue<string>()));
        var samr = Duty(regraded, "city-to-samr");
        Assert.Equal("2026-11-22T06:00:00+08:00", samr["dueAt"]!.GetValue<string>());
        Assert.Equal(["市场监管总局", "市政府总值班室"], samr["to"]!.AsArray().Select(t => t!.GetValue<string>()));

        var (_, proposed) = await office.PostJson($"/api/incidents/{id}/proposals", """{ "level": "III", "reason": "较大事故" }""");
        var proposalId = proposed["proposals"]![0]!["id"]!.GetValue<string>();
        Assert.Equal("office-director", proposed["proposals"]![0]!["waitingFor"]!["role"]!.GetValue<string>());

        var (wrong, problem) = await deputy.PostJson($"/api/incidents/{id}/proposals/{proposalId}/approve", "{}");
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal("role", problem["errors"]![0]!["field"]!.GetValue<string>());

        await director.PostJson($"/api/incidents/{id}/proposals/{proposalId}/approve", """{ "reason": "同意上报" }""");
        var (_, running) = await deputy.PostJson($"/api/incidents/{id}/proposals/{proposalId}/approve", """{ "reason": "同意启动" }""");
        Assert.Equal("III", running["response"]!["level"]!.GetValue<string>());

        await leader.PostJson($"/api/incidents/{id}/consents", """{ "dutyId": "city-to-samr", "reason": "同意上报" }""");
        var (future, _) = await room.PostJson($"/api/incidents/{id}/submissions", """{ "dutyId": "city-to-samr", "sentAt": "2026-11-22T05:30:00+08:00" }""");
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(100));
        var (sent, afterSubmit) = await room.PostJson($"/api/incidents/{id}/submissions", """{ "dutyId": "city-to-samr", "sentAt": "2026-11-22T05:30:00+08:00" }""");
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal("met", Duty(afterSubmit, "city-to-samr")["status"]!.GetValue<string>());

        var (ended, closed) = await deputy.PostJson($"/api/incidents/{id}/end", """{ "reason": "危险因素消除" }""");
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal("ended", closed["status"]!.GetValue<string>());
        var aftermath = closed["aftermath"]!.AsArray();
        Assert.Equal("市局特种处", aftermath.Single(a => a!["id"]!.GetValue<string>() == "investigation")!["owner"]!.GetValue<string>());
        Assert.Equal("市局会同有关部门", aftermath.Single(a => a!["id"]!.GetValue<string>() == "publication")!["owner"]!.GetValue<string>());

        var (late, regraded30) = await duty.PostJson($"/api/incidents/{id}/reports", """{ "facts": { "deaths": 10 } }""");
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal("ended", regraded30["status"]!.GetValue<string>());
        Assert.Equal("II", regraded30["eventLevel"]!.GetValue<string>());
        Assert.Null(regraded30["response"]);
        Assert.StartsWith("上级部门", regraded30["aftermath"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "investigation")!["owner"]!.GetValue<string>(), StringComparison.Ordinal);
        var laterUser = await app.CreateUser("值班员乙", [("duty-officer", "310104")]);
        app.Clock.Advance(TimeSpan.FromDays(30));
        using var later = (await app.SignIn(laterUser, VigilFactory.Password)).Client;
        var (tooLate, refused) = await later.PostJson($"/api/incidents/{id}/reports", """{ "facts": { "deaths": 11 } }""");
        Assert.Equal(HttpStatusCode.Conflict, tooLate.StatusCode);
        Assert.Equal("incident.ended", refused["errors"]![0]!["code"]!.GetValue<string>());

        var timeline = (await later.GetJson($"/api/incidents/{id}"))["timeline"]!.AsArray();
        Assert.Contains(timeline, t => t!["type"]!.GetValue<string>() == "incidentGraded" && t["summary"]!.GetValue<string>().Contains("IV 级调整为 III 级", StringComparison.Ordinal));
        Assert.All(timeline, t => Assert.False(string.IsNullOrEmpty(t!["by"]!["name"]!.GetValue<string>())));
        Assert.Equal(timeline.Count, (await later.GetJson($"/api/incidents/{id}"))["timeline"]!.AsArray().Count);
        Assert.Contains(timeline, t => t!["by"]!["name"]!.GetValue<string>() == "副组长丙" && t["by"]!["role"]!.GetValue<string>() == "deputy-leader");
    }
}

public sealed class ElevatorStoryOnSqlite() : ElevatorStoryTests(DatabaseProvider.Sqlite);

public sealed class ElevatorStoryOnPostgreSql() : ElevatorStoryTests(DatabaseProvider.PostgreSql);
