using System.Globalization;
using System.Text.Json;
using Vigil.Data.Monitoring;
using Vigil.Host.Monitoring;
using Vigil.Protocols.Hj212;
using Vigil.Data;
using Vigil.Data.Incidents;
using Vigil.Host.Plans;
using Vigil.Host.Security;
using Vigil.Incidents;
using Vigil.Plans;
using Vigil.Security.Access;

namespace Vigil.Host.Demo;

/// <summary>
/// Synthetic demo accounts and incidents for `vigil serve --demo` (Vigil:Demo=true) only. Every name and number
/// is made up ("演示" = demo); nothing is copied from the plans' contact annexes. The accounts say they are demo
/// accounts in their display names and share the documented <see cref="Password"/> (README), which is why they
/// never exist outside demo mode.
/// </summary>
internal static class DemoData
{
    /// <summary>The demo accounts' password, documented in the README.</summary>
    public const string Password = "vigil-demo-2026";

    /// <summary>User name, display name, role, division.</summary>
    private static readonly (string UserName, string DisplayName, string Role, string Division)[] Accounts =
    [
        ("demo-duty", "演示值班员（演示账户）", "duty-officer", "310104"),
        ("demo-director", "演示办公室主任（演示账户）", "office-director", "310000"),
        ("demo-deputy", "演示副组长（演示账户）", "deputy-leader", "310000"),
        ("demo-leader", "演示组长（演示账户）", "leader", "310000"),
        ("demo-wuda", "演示监测员（演示账户）", "duty-officer", "150304"),
        ("demo-auditor", "演示审计员（演示账户）", RoleIds.Auditor, Jurisdiction.Nation),
        ("demo-reviewer", "演示监测审核员（演示账户）", RoleIds.QualifiedReviewer, "310000"),
    ];

    public static async Task SeedAsync(IServiceProvider services)
    {
        var accounts = services.GetRequiredService<AccountService>();
        var actors = new Dictionary<string, Actor>(StringComparer.Ordinal);
        foreach (var (userName, displayName, role, division) in Accounts)
        {
            var user = await accounts.FindByNameAsync(userName);
            if (user is null)
            {
                user = (await accounts.CreateUserAsync(userName, displayName, Password, AccountService.SystemActor, isDemo: true)).Value;
                await accounts.AssignAsync(user, role, division, AccountService.SystemActor);
            }

            actors[userName] = new Actor(user.DisplayName, role, user.Id);
        }

        var store = services.GetRequiredService<IncidentStore>();
        if (await store.CountAsync() > 0)
        {
            return;
        }

        var plans = services.GetRequiredService<PlanCatalog>();
        var db = services.GetRequiredService<VigilDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var shanghai = plans.Find("shanghai-special-equipment-2025");
        var wuda = plans.Find("wuda-geohazard");
        var duty = actors["demo-duty"];
        if (shanghai is not null)
        {
            await Create(db, store, shanghai, "310104", "（演示）某商务楼电梯困人", now.AddMinutes(-50), duty, """
                { "occurredAt": "正在核实中",
                  "contents": { "place": "徐汇区演示路1号", "unit": "演示物业公司", "equipment": "乘客电梯", "course": "轿厢停在两层之间", "casualties": "困4人，暂无伤亡",
                                "measures": "维保单位赶赴现场", "reporterName": "演示报告人", "reporterPhone": "正在核实中" },
                  "facts": { "equipmentType": "elevator", "strandedPeople": 4, "strandedHours": 2, "deaths": 0 } }
                """, (state, at) => IncidentDecider.Propose(state, shanghai, "IV", "维保单位请求专家支持", duty, at));
            await Create(db, store, shanghai, "310112", "（演示）某工厂压力容器爆炸", now.AddMinutes(-90), duty, """
                { "occurredAt": "正在核实中",
                  "contents": { "place": "闵行区演示工业园", "unit": "演示化工有限公司", "equipment": "压力容器", "course": "反应釜爆炸", "casualties": "正在核实中",
                                "measures": "已疏散周边人员", "reporterName": "演示报告人", "reporterPhone": "正在核实中" },
                  "facts": { "equipmentType": "pressureVessel", "explosion": true, "deaths": "正在核实中" } }
                """, (state, at) => IncidentDecider.Propose(state, shanghai, "III", "较大事故，需市局赶赴现场", actors["demo-director"], at));
        }

        await SeedStationsAsync(services, now);
        if (wuda is not null)
        {
            await Create(db, store, wuda, "150304", "（演示）某沟谷滑坡险情", now.AddMinutes(-20), actors["demo-wuda"], """
                { "occurredAt": "正在核实中",
                  "contents": { "place": "乌达区演示沟", "hazardType": "滑坡", "scale": "正在核实中", "reporterName": "演示监测员", "reporterPhone": "正在核实中" },
                  "facts": { "kind": "threat", "hazardType": "landslide", "relocatedPeople": 600 } }
                """, next: null);
        }
    }

    /// <summary>
    /// Two synthetic stations with two days of hourly (2061) packets, fed through the same intake as the TCP gateway.
    /// The values follow a made-up daily curve; one calibration hour (flag C) shows how invalid data looks.
    /// </summary>
    private static async Task SeedStationsAsync(IServiceProvider services, DateTimeOffset now)
    {
        var store = services.GetRequiredService<MonitoringStore>();
        var china = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, china).DateTime);
        var stations = new[] { ("DEMO310104A", "（演示）徐汇监测站", 31.19, 121.44), ("DEMO310112A", "（演示）闵行监测站", 31.11, 121.38) };
        foreach (var (code, name, latitude, longitude) in stations)
        {
            await store.AddStationAsync(new StationRecord
            {
                Code = code, Name = name, DivisionCode = code[4..10], Latitude = latitude, Longitude = longitude,
                PasswordHash = StationDirectory.HashPassword("123456"), Items = "a21026 a21004 a34002 a34004 a21005 a05024", RegisteredAt = now,
            });
        }

        var directory = new StationDirectory(store.StationsAsync);
        await directory.RefreshAsync();
        var intake = new Hj212Intake(directory, services.GetRequiredService<TimeProvider>());
        var readings = new List<RawReadingRecord>();
        foreach (var (code, _, _, _) in stations)
        {
            for (var hour = 0; hour < 48; hour++)
            {
                var local = today.AddDays(-2).ToDateTime(TimeOnly.MinValue).AddHours(hour);
                var curve = 1 + (0.5 * Math.Sin((local.Hour - 8) * Math.PI / 12));
                var flag = hour == 10 ? "C" : "N";
                string Item(string item, double value, string format) =>
                    string.Create(CultureInfo.InvariantCulture, $";{item}-Avg={value.ToString(format, CultureInfo.InvariantCulture)},{item}-Flag={flag}");
                var cp = string.Create(CultureInfo.InvariantCulture, $"DataTime={local:yyyyMMddHHmmss}")
                    + Item("a21026", 6 * curve, "F0") + Item("a21004", 35 * curve, "F0") + Item("a34002", 70 * curve, "F0")
                    + Item("a34004", 45 * curve, "F0") + Item("a21005", 0.7 * curve, "F1") + Item("a05024", 120 * (2 - curve), "F0");
                var frame = Hj212Frame.Build(string.Create(CultureInfo.InvariantCulture, $"QN={local:yyyyMMddHHmmss}000;ST=22;CN=2061;PW=123456;MN={code};Flag=4;CP=&&{cp}&&"));
                readings.AddRange(intake.Process(frame.AsSpan(0, frame.Length - 2), "demo").Readings);
            }
        }

        await store.AppendAsync(readings, []);
    }

    private static async Task Create(
        VigilDbContext db, IncidentStore store, PlanDefinition plan, string division, string title, DateTimeOffset at, Actor by, string reportJson,
        Func<IncidentState, DateTimeOffset, Vigil.Common.Outcome<IReadOnlyList<IncidentEvent>>>? next)
    {
        using var document = JsonDocument.Parse(reportJson);
        var report = ReportInput.Parse(plan, document.RootElement, ReportKind.Initial).Value with { ReceivedAt = at };
        var events = IncidentDecider.Open(plan, division, title, report, by, at).Value;
        var id = Guid.CreateVersion7(at);
        db.Audit(new(by.UserId ?? "", by.Name, by.Role, "incident.open", "Incident", id.ToString(), division, "{}"), at);
        await store.CreateAsync(id, events);
        if (next is not null)
        {
            var state = IncidentState.Replay(events);
            var more = next(state, at.AddMinutes(10)).Value;
            db.Audit(new(more[0].By.UserId ?? "", more[0].By.Name, more[0].By.Role, "incident.propose", "Incident", id.ToString(), division, "{}"), at.AddMinutes(10));
            await store.AppendAsync(id, events.Count, more);
        }
    }
}
