using System.Globalization;
using System.Text.Json;
using Vigil.Data.Monitoring;
using Vigil.Monitoring.Review;
using Vigil.Host.Monitoring;
using Vigil.Protocols.Hj212;
using Vigil.Data;
using Microsoft.EntityFrameworkCore;
using Vigil.Data.Incidents;
using Vigil.Data.Prevention;
using Vigil.Host.Plans;
using Vigil.Host.Security;
using Vigil.Security.Keys;
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
        ("demo-office", "演示领导小组办公室（演示账户）", "leading-group-office", "310000"),
        ("demo-dutyroom", "演示市局值班室（演示账户）", "city-duty-room", "310000"),
        ("demo-director", "演示办公室主任（演示账户）", "office-director", "310000"),
        ("demo-deputy", "演示副组长（演示账户）", "deputy-leader", "310000"),
        ("demo-leader", "演示组长（演示账户）", "leader", "310000"),
        ("demo-group", "演示领导小组（演示账户）", "leading-group", "310000"),
        ("demo-site", "演示现场应急指挥部（演示账户）", "site-headquarters", "310000"),
        ("demo-wuda", "演示监测员（演示账户）", "duty-officer", "150304"),
        ("demo-commander", "演示区指挥部总指挥（演示账户）", "hq-commander", "150304"),
        ("demo-auditor", "演示审计员（演示账户）", RoleIds.Auditor, Jurisdiction.Nation),
        ("demo-regulator", "演示徐汇区局监管员（演示账户）", RoleIds.DivisionStaff, "310104"),
        ("demo-minhang", "演示闵行区局监管员（演示账户）", RoleIds.DivisionStaff, "310112"),
        ("demo-inspector", "演示检查员（演示账户）", RoleIds.InspectionInstitute, "310100"),
        ("demo-principal", "演示企业负责人（演示账户）", RoleIds.EnterprisePrincipal, "310104"),
        ("demo-officer", "演示企业安全员（演示账户）", RoleIds.SafetyOfficer, "310104"),
        ("demo-reviewer", "演示数据审核员（演示账户）", RoleIds.QualifiedReviewer, "310000"),
        ("demo-centre", "演示国家总站审核员（演示账户）", RoleIds.NationalCentre, Jurisdiction.Nation),
    ];

    /// <summary>Synthetic enterprises: name, credit code (valid check character), division, industry, latitude, longitude, datum.</summary>
    private static readonly (string Name, string Code, string Division, string Industry, double Latitude, double Longitude, string Datum)[] Enterprises =
    [
        ("（演示）徐汇示例化工有限公司", "91310104MA1DM0001B", "310104003", "chemicals", 31.1880, 121.4370, "wgs84"),
        ("（演示）徐汇示例商场", "91310104MA1DM0002E", "310104007", "retail", 31.1950, 121.4380, "gcj02"),
        ("（演示）闵行示例建材有限公司", "91310112MA1DM00034", "310112102", "building-materials", 31.1130, 121.3820, "wgs84"),
        ("（演示）闵行示例电梯维保公司", "91310112MA1DM00047", "310112005", "special-equipment", 31.0240, 121.4560, "gcj02"),
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

        await SeedPreventionAsync(services, actors);
        await SeedQualificationAsync(services, actors["demo-reviewer"]);
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
                """, (state, at) => IncidentDecider.Propose(state, shanghai, "III", "较大事故，需市局赶赴现场", actors["demo-office"], at));
        }

        await SeedStationsAsync(services, now);
        if (wuda is not null)
        {
            await Create(db, store, wuda, "150304", "（演示）某沟谷滑坡险情", now.AddMinutes(-20), actors["demo-wuda"], """
                { "occurredAt": "正在核实中",
                  "contents": { "place": "乌达区演示沟", "hazardType": "滑坡", "scale": "正在核实中", "reporterName": "演示监测员", "reporterPhone": "正在核实中" },
                  "facts": { "kind": "threat", "hazardType": "landslide", "relocatedPeople": 600, "potentialLossYuan": "正在核实中" } }
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

        var directory = new StationDirectory(ct => StationDirectory.LoadAsync(services, null, ct));
        await directory.RefreshAsync();
        var intake = new Hj212Intake(directory, services.GetRequiredService<IKeyProtector>(), services.GetRequiredService<TimeProvider>());
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

    /// <summary>
    /// Dual prevention for the map: four synthetic enterprises in Xuhui and Minhang, assessed risk points of every
    /// colour, and open hazards (a major one reported, a general one past its deadline). The demo principal and safety
    /// officer act for the first enterprise.
    /// </summary>
    /// <summary>AQ-REVIEW: the demo reviewer holds a (synthetic) qualification for this year and the next.</summary>
    private static async Task SeedQualificationAsync(IServiceProvider services, Actor reviewer)
    {
        var reviews = services.GetRequiredService<ReviewStore>();
        if ((await reviews.QualificationsAsync(reviewer.UserId!)).Count > 0)
        {
            return;
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var year = ReviewDeadlines.LocalDate(now).Year;
        await reviews.AddQualificationAsync(new ReviewerQualificationRecord
        {
            UserId = reviewer.UserId!, CertificateNumber = "DEMO-QR-0001", ValidFrom = new DateOnly(year, 1, 1), ValidTo = new DateOnly(year + 1, 12, 31),
            RecordedAt = now, RecordedBy = AccountService.SystemActor.ActorName,
        });
    }

    private static async Task SeedPreventionAsync(IServiceProvider services, Dictionary<string, Actor> actors)
    {
        var db = services.GetRequiredService<VigilDbContext>();
        if (await db.Enterprises.AnyAsync())
        {
            return;
        }

        var store = services.GetRequiredService<PreventionStore>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var regulator = actors["demo-regulator"];
        var officer = actors["demo-officer"];
        var ids = new List<Guid>();
        foreach (var (e, i) in Enterprises.Select((e, i) => (e, i)))
        {
            var id = Guid.CreateVersion7(now.AddTicks(i));
            ids.Add(id);
            db.Enterprises.Add(new EnterpriseRecord
            {
                Id = id, Name = e.Name, CreditCode = e.Code, DivisionCode = e.Division, DistrictCode = e.Division[..6], Industry = e.Industry,
                Address = e.Name.Replace("（演示）", "演示路", StringComparison.Ordinal) + (i + 1) + "号", Latitude = e.Latitude, Longitude = e.Longitude, Datum = e.Datum,
                RegisteredAt = now.AddDays(-30), RegisteredBy = regulator.UserId ?? "",
            });
            db.Audit(new(regulator.UserId ?? "", regulator.Name, regulator.Role, "enterprise.register", "Enterprise", id.ToString(), e.Division, "{}"), now.AddDays(-30));
        }

        foreach (var (userName, role) in new[] { ("demo-principal", RoleIds.EnterprisePrincipal), ("demo-officer", RoleIds.SafetyOfficer) })
        {
            db.EnterpriseStaff.Add(new EnterpriseStaffRecord { EnterpriseId = ids[0], UserId = actors[userName].UserId ?? "", RoleId = role, AppointedAt = now.AddDays(-30), AppointedBy = regulator.UserId ?? "" });
        }

        // Risk points: (enterprise, name, method, factors, latitude offset, longitude offset).
        var points = new (int Enterprise, string Name, string Method, Dictionary<string, decimal> Factors, double DLat, double DLon)[]
        {
            (0, "（演示）液氯储罐区", "lec", new() { ["l"] = 6, ["e"] = 6, ["c"] = 15 }, 0.0008, 0.0006),
            (0, "（演示）反应釜车间", "lec", new() { ["l"] = 3, ["e"] = 6, ["c"] = 15 }, -0.0005, 0.0009),
            (1, "（演示）自动扶梯", "ls", new() { ["l"] = 3, ["s"] = 3 }, 0.0003, -0.0004),
            (2, "（演示）粉磨车间", "ls", new() { ["l"] = 4, ["s"] = 4 }, 0.0006, 0.0002),
            (3, "（演示）维保工具库", "ls", new() { ["l"] = 1, ["s"] = 3 }, -0.0002, 0.0003),
        };
        foreach (var (p, i) in points.Select((p, i) => (p, i)))
        {
            var e = Enterprises[p.Enterprise];
            var id = Guid.CreateVersion7(now.AddTicks(100 + i));
            var score = Vigil.Prevention.RiskMethodCatalog.Default.Find(p.Method).Value.Assess(p.Factors).Value;
            db.RiskPoints.Add(new RiskPointRecord
            {
                Id = id, EnterpriseId = ids[p.Enterprise], Name = p.Name, Latitude = e.Latitude + p.DLat, Longitude = e.Longitude + p.DLon, Datum = e.Datum,
                CreatedAt = now.AddDays(-20), CreatedBy = officer.UserId ?? "",
            });
            db.RiskEntries.Add(new RiskEntryRecord
            {
                RiskPointId = id, Sequence = 0, Kind = "assessed", Method = score.Method, Variant = score.Variant, Factors = JsonSerializer.Serialize(score.Factors),
                Score = score.Score, Colour = Vigil.Prevention.RiskColourNames.ToName(score.Colour), ActorId = officer.UserId ?? "", ActorName = officer.Name, ActorRole = nameof(Vigil.Prevention.ActorRole.SafetyOfficer),
                At = now.AddDays(-20),
            });
        }

        db.Audit(new(officer.UserId ?? "", officer.Name, officer.Role, "riskPoint.assess", "Enterprise", ids[0].ToString(), Enterprises[0].Division, "{}"), now.AddDays(-20));
        await db.SaveChangesAsync();

        var by = new Vigil.Prevention.Actor(officer.UserId ?? "", Vigil.Prevention.ActorRole.SafetyOfficer);
        var at = now.AddDays(-10);
        var today = Vigil.Prevention.RegulatorTime.LocalDate(now);
        var hazards = new (int Enterprise, string Description, Vigil.Prevention.HazardGrade Grade, DateOnly Deadline, bool Reported)[]
        {
            (0, "（演示）液氯储罐区可燃气体报警器失效", Vigil.Prevention.HazardGrade.Major, today.AddDays(20), true),
            (0, "（演示）反应釜车间消防通道堆放杂物", Vigil.Prevention.HazardGrade.General, today.AddDays(-3), false),
            (2, "（演示）粉磨车间除尘设备未接地", Vigil.Prevention.HazardGrade.General, today.AddDays(5), false),
        };
        foreach (var (h, i) in hazards.Select((h, i) => (h, i)))
        {
            var id = Guid.CreateVersion7(now.AddTicks(200 + i));
            var enterprise = await store.EnterpriseAsync(ids[h.Enterprise]);
            List<(Vigil.Prevention.HazardStep, string)> steps =
            [
                (new Vigil.Prevention.HazardFound(h.Description, by, at, []), officer.Name),
                (new Vigil.Prevention.HazardRegistered(by, at, []), officer.Name),
                (new Vigil.Prevention.HazardAssessed(h.Grade, h.Deadline, by, at, []), officer.Name),
            ];
            if (h.Reported)
            {
                steps.Add((new Vigil.Prevention.HazardReported(by, at, []), officer.Name));
            }

            db.Audit(new(officer.UserId ?? "", officer.Name, officer.Role, "hazard.report", "Hazard", id.ToString(), enterprise!.DivisionCode, "{}"), at);
            await store.AppendHazardAsync(Prevention.HazardsApi.Header(id, enterprise, "staff", null, null, at), id, 0, steps);
        }
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
