using System.Text.Json;
using Vigil.Data.Incidents;
using Vigil.Host.Plans;
using Vigil.Incidents;
using Vigil.Plans;

namespace Vigil.Host.Demo;

/// <summary>
/// Synthetic demo incidents for `vigil serve --demo`, written only into an empty database. Every name and number
/// is made up ("演示" = demo); nothing is copied from the plans' contact annexes.
/// </summary>
internal static class DemoData
{
    public static async Task SeedAsync(IServiceProvider services)
    {
        var store = services.GetRequiredService<IncidentStore>();
        if (await store.CountAsync() > 0)
        {
            return;
        }

        var plans = services.GetRequiredService<PlanCatalog>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var shanghai = plans.Find("shanghai-special-equipment-2025");
        var wuda = plans.Find("wuda-geohazard");
        var duty = new Actor("演示值班员", "duty-officer");
        if (shanghai is not null)
        {
            await Create(store, shanghai, "310104", "（演示）某商务楼电梯困人", now.AddMinutes(-50), duty, """
                { "occurredAt": "正在核实中",
                  "contents": { "place": "徐汇区演示路1号", "unit": "演示物业公司", "equipment": "乘客电梯", "course": "轿厢停在两层之间", "casualties": "困4人，暂无伤亡",
                                "measures": "维保单位赶赴现场", "reporterName": "演示报告人", "reporterPhone": "正在核实中" },
                  "facts": { "equipmentType": "elevator", "strandedPeople": 4, "strandedHours": 2, "deaths": 0 } }
                """, (state, at) => IncidentDecider.Propose(state, shanghai, "IV", "维保单位请求专家支持", duty, at));
            await Create(store, shanghai, "310112", "（演示）某工厂压力容器爆炸", now.AddMinutes(-90), duty, """
                { "occurredAt": "正在核实中",
                  "contents": { "place": "闵行区演示工业园", "unit": "演示化工有限公司", "equipment": "压力容器", "course": "反应釜爆炸", "casualties": "正在核实中",
                                "measures": "已疏散周边人员", "reporterName": "演示报告人", "reporterPhone": "正在核实中" },
                  "facts": { "equipmentType": "pressureVessel", "explosion": true, "deaths": "正在核实中" } }
                """, (state, at) => IncidentDecider.Propose(state, shanghai, "III", "较大事故，需市局赶赴现场", new Actor("演示办公室主任", "office-director"), at));
        }

        if (wuda is not null)
        {
            await Create(store, wuda, "150304", "（演示）某沟谷滑坡险情", now.AddMinutes(-20), new Actor("演示监测员", "duty-officer"), """
                { "occurredAt": "正在核实中",
                  "contents": { "place": "乌达区演示沟", "hazardType": "滑坡", "scale": "正在核实中", "reporterName": "演示监测员", "reporterPhone": "正在核实中" },
                  "facts": { "kind": "threat", "hazardType": "landslide", "relocatedPeople": 600 } }
                """, next: null);
        }
    }

    private static async Task Create(
        IncidentStore store, PlanDefinition plan, string division, string title, DateTimeOffset at, Actor by, string reportJson,
        Func<IncidentState, DateTimeOffset, Vigil.Common.Outcome<IReadOnlyList<IncidentEvent>>>? next)
    {
        using var document = JsonDocument.Parse(reportJson);
        var report = ReportInput.Parse(plan, document.RootElement, ReportKind.Initial).Value with { ReceivedAt = at };
        var events = IncidentDecider.Open(plan, division, title, report, by, at).Value;
        var id = Guid.CreateVersion7(at);
        await store.CreateAsync(id, events);
        if (next is not null)
        {
            var state = IncidentState.Replay(events);
            await store.AppendAsync(id, events.Count, next(state, at.AddMinutes(10)).Value);
        }
    }
}
