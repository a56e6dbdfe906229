using System.Globalization;
using Vigil.Common;
using Vigil.Data;
using Vigil.Data.Prevention;
using Vigil.Host.Web;
using Vigil.Prevention;
using Vigil.Security.Access;

namespace Vigil.Host.Prevention;

/// <summary>
/// 内部排查 — the unit's own inspections (DP-HAZ, 004 第四条): the principal's at least monthly, each workshop's weekly,
/// each team's daily. The enterprise records them; the enterprise and its regulators see what is due and overdue.
/// </summary>
internal static class UnitInspectionsApi
{
    private static readonly string[] PrincipalOnly = [RoleIds.EnterprisePrincipal];

    private static readonly Dictionary<string, UnitInspectionLevel> Levels = new(StringComparer.Ordinal)
    {
        ["principal"] = UnitInspectionLevel.Principal,
        ["workshop"] = UnitInspectionLevel.Workshop,
        ["team"] = UnitInspectionLevel.Team,
    };

    public static void MapUnitInspections(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/enterprises/{id:guid}/unit-inspections", Record).WithTags("Prevention").RequireAuthorization();
        app.MapGet("/api/enterprises/{id:guid}/unit-inspections", OfEnterprise).WithTags("Prevention").RequireAuthorization();
        app.MapGet("/api/unit-inspections/overdue", Overdue).WithTags("Prevention").RequireAuthorization();
    }

    /// <summary>
    /// <c>{level: principal|workshop|team, unit, doneOn, ledBy, findings}</c>: the principal's inspection is recorded by
    /// the principal (it is theirs to lead and sign); a workshop's or team's by the principal or the safety officer.
    /// </summary>
    private static async Task<IResult> Record(Guid id, HttpContext http, EnterpriseGate gate, PreventionStore store, TimeProvider clock, VigilDbContext db)
    {
        var (access, document, problem) = await ApiRequest.RequireWithBodyAsync(http, PreventionRoles.EnterpriseStaff);
        if (access is null || document is null)
        {
            return problem!;
        }

        using (document)
        {
            var now = clock.GetUtcNow();
            var body = new BodyReader(document.RootElement);
            var levelText = body.Text("level", required: true, maxLength: 12);
            UnitInspectionLevel? level = levelText is null ? null : Levels.TryGetValue(levelText, out var known) ? known : null;
            if (levelText is not null && level is null)
            {
                body.Add([PreventionText.Problem("level", "unitInspection.level", levelText)]);
            }

            var unit = level == UnitInspectionLevel.Principal ? UnitInspections.WholeEnterprise : body.Text("unit", required: level is not null, maxLength: 100);
            var doneOn = PreventionEndpoint.Date(body, "doneOn", required: true);
            if (doneOn is { } date && date > RegulatorTime.LocalDate(now))
            {
                body.Add([PreventionText.Problem("doneOn", "unitInspection.future", Iso(date))]);
            }

            var ledBy = body.Text("ledBy", required: true, maxLength: 100);
            var findings = body.Text("findings", required: true, maxLength: 2000);
            if (!body.IsValid)
            {
                return body.Problem();
            }

            var (context, refused) = await gate.ResolveAsync(access, id, level == UnitInspectionLevel.Principal ? PrincipalOnly : PreventionRoles.EnterpriseStaff);
            if (context is null)
            {
                return refused!;
            }

            var record = new UnitInspectionRecord
            {
                EnterpriseId = id, Level = levelText!, Unit = unit!.Trim(), DoneOn = doneOn!.Value, LedBy = ledBy!, Findings = findings!,
                RecordedByUserId = access.User.Id, RecordedByName = access.User.DisplayName, RecordedAt = now,
            };
            context.Audit(db, "unitInspection.record", "Enterprise", id.ToString(), now, new { level = record.Level, unit = record.Unit, doneOn = Iso(record.DoneOn) });
            await store.AddAsync(record);
            var line = (await ScheduleAsync(store, context.Enterprise, now)).Single(l => l.Level == level && l.Unit == record.Unit);
            return TypedResults.Created($"/api/enterprises/{id}/unit-inspections", View(line, context.Enterprise));
        }
    }

    /// <summary>The enterprise's schedule (every unit and level with its next due date) and its inspections, newest first.</summary>
    private static async Task<IResult> OfEnterprise(Guid id, HttpContext http, EnterpriseGate gate, PreventionStore store, TimeProvider clock)
    {
        var (access, denied) = await PreventionEndpoint.RequireAsync(http, PreventionRoles.All);
        if (access is null)
        {
            return denied!;
        }

        var (context, refused) = await gate.ResolveAsync(access, id, PreventionRoles.All);
        if (context is null)
        {
            return refused!;
        }

        var now = clock.GetUtcNow();
        var records = await store.UnitInspectionsAsync([id]);
        return TypedResults.Ok(new
        {
            enterpriseId = id,
            schedule = UnitInspections.Schedule(records.Select(Done), RegulatorTime.LocalDate(context.Enterprise.RegisteredAt), now).Select(l => View(l, context.Enterprise)),
            inspections = records.AsEnumerable().Reverse().Select(r => new
            {
                level = r.Level, unit = r.Unit, doneOn = Iso(r.DoneOn), ledBy = r.LedBy, findings = r.Findings,
                recordedBy = r.RecordedByName, recordedAt = r.RecordedAt.ToString("O", CultureInfo.InvariantCulture),
            }),
        });
    }

    /// <summary><c>?division=</c> — every overdue unit inspection of the enterprises the user sees, most overdue first.</summary>
    private static async Task<IResult> Overdue(HttpContext http, EnterpriseGate gate, PreventionStore store, TimeProvider clock, string? division)
    {
        var (access, denied) = await PreventionEndpoint.RequireAsync(http, PreventionRoles.All);
        if (access is null)
        {
            return denied!;
        }

        if (division is not null && (division.Length is 0 or > 12 || !division.All(char.IsAsciiDigit)))
        {
            return PreventionText.One(ProblemKind.Invalid, "division", "district.invalid", division);
        }

        var now = clock.GetUtcNow();
        var enterprises = await gate.VisibleAsync(access, division);
        var records = (await store.UnitInspectionsAsync([.. enterprises.Select(e => e.Id)])).ToLookup(r => r.EnterpriseId);
        return TypedResults.Ok(enterprises
            .SelectMany(e => UnitInspections.Schedule(records[e.Id].Select(Done), RegulatorTime.LocalDate(e.RegisteredAt), now)
                .Where(l => l.IsOverdue)
                .Select(l => (Line: l, Enterprise: e)))
            .OrderByDescending(x => x.Line.DaysOverdue)
            .ThenBy(x => x.Enterprise.Name, StringComparer.Ordinal)
            .Select(x => View(x.Line, x.Enterprise)));
    }

    private static async Task<IReadOnlyList<UnitInspectionLine>> ScheduleAsync(PreventionStore store, EnterpriseRecord enterprise, DateTimeOffset now) =>
        UnitInspections.Schedule((await store.UnitInspectionsAsync([enterprise.Id])).Select(Done), RegulatorTime.LocalDate(enterprise.RegisteredAt), now);

    private static UnitInspectionDone Done(UnitInspectionRecord r) => new(Levels[r.Level], r.Unit, r.DoneOn);

    private static object View(UnitInspectionLine line, EnterpriseRecord enterprise) => new
    {
        enterpriseId = enterprise.Id,
        enterpriseName = enterprise.Name,
        divisionCode = enterprise.DivisionCode,
        level = Levels.First(pair => pair.Value == line.Level).Key,
        unit = line.Unit,
        lastDone = line.LastDone is { } last ? Iso(last) : null,
        nextDue = Iso(line.NextDue),
        overdue = line.IsOverdue,
        daysOverdue = line.DaysOverdue,
    };

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
