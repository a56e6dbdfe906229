using System.Globalization;
using System.Text.Json;
using Vigil.Common;
using Vigil.Data;
using Vigil.Data.Prevention;
using Vigil.Host.Security;
using Vigil.Host.Web;
using Vigil.Prevention;
using InspectionRecord = Vigil.Data.Prevention.InspectionRecord;

namespace Vigil.Host.Prevention;

/// <summary>
/// Tiered inspections (DP-TIER): plans generated from the enterprise's tier (weekly, half-monthly, monthly), assigned to
/// inspectors, recorded with findings that open hazard files, and overdue lists by inspector and by district.
/// </summary>
internal static class InspectionsApi
{
    /// <summary>Longest span one planning request covers.</summary>
    public const int MaxPlanDays = 366;

    public static void MapInspections(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/inspections").WithTags("Prevention").RequireAuthorization();
        group.MapPost("/plan", Plan);
        group.MapGet("/", List);
        group.MapGet("/overdue", Overdue);
        group.MapPost("/{id:guid}/assignment", Assign);
        group.MapPost("/{id:guid}/record", Record);
    }

    /// <summary><c>{enterpriseId, from, to}</c> (yyyy-MM-dd): one inspection per period of the tier's cadence; periods already planned are kept.</summary>
    private static async Task<IResult> Plan(HttpContext http, EnterpriseGate gate, PreventionStore store, PreventionQueries queries, TimeProvider clock, VigilDbContext db)
    {
        var (access, document, problem) = await ApiRequest.RequireWithBodyAsync(http, PreventionRoles.Regulators);
        if (access is null || document is null)
        {
            return problem!;
        }

        using (document)
        {
            var body = new BodyReader(document.RootElement);
            var enterpriseId = PreventionEndpoint.Id(body, "enterpriseId");
            var from = PreventionEndpoint.Date(body, "from", required: true);
            var to = PreventionEndpoint.Date(body, "to", required: true);
            if (from is { } f && to is { } t && (t < f || t.DayNumber - f.DayNumber >= MaxPlanDays))
            {
                body.Add([PreventionText.Problem("to", "plan.range", MaxPlanDays)]);
            }

            if (!body.IsValid)
            {
                return body.Problem();
            }

            var (context, refused) = await gate.ResolveAsync(access, enterpriseId!.Value, PreventionRoles.Regulators);
            if (context is null)
            {
                return refused!;
            }

            var (decision, _) = await queries.TierAsync(context.Enterprise);
            var planned = await store.PlannedDueDatesAsync(context.Enterprise.Id);
            var now = clock.GetUtcNow();
            var tier = EnterpriseQueries.TierName(decision.Tier);
            var created = InspectionPlanner.Plan(decision.Tier, from!.Value, to!.Value)
                .Where(slot => !planned.Contains(slot.Due))
                .Select((slot, i) => new InspectionRecord
                {
                    Id = Guid.CreateVersion7(now.AddTicks(i)),
                    EnterpriseId = context.Enterprise.Id,
                    DistrictCode = context.Enterprise.DistrictCode,
                    Tier = tier,
                    WindowStart = slot.Window.Start,
                    Due = slot.Due,
                    PlannedAt = now,
                    PlannedBy = access.User.Id,
                })
                .ToList();
            context.Audit(db, "inspection.plan", "Enterprise", context.Enterprise.Id.ToString(), now, new { tier, from, to, created = created.Count });
            await store.AddRangeAsync(created);
            return TypedResults.Ok(new
            {
                enterpriseId = context.Enterprise.Id,
                tier,
                cadence = decision.InspectionCadence.ToString(),
                reasons = decision.Reasons.Select(r => r.Text),
                created = created.Select(i => View(i, null, null)),
            });
        }
    }

    private static async Task<IResult> List(HttpContext http, EnterpriseGate gate, PreventionStore store, string? division, Guid? enterpriseId)
    {
        var (access, denied) = await PreventionEndpoint.RequireAsync(http, PreventionRoles.All);
        if (access is null)
        {
            return denied!;
        }

        var enterprises = (await gate.VisibleAsync(access, division)).Where(e => enterpriseId is null || e.Id == enterpriseId).Select(e => e.Id).ToList();
        return TypedResults.Ok((await store.InspectionsAsync(enterprises)).Select(x => View(x.Inspection, x.Assignment, x.Result)));
    }

    /// <summary><c>?by=inspector|district&amp;division=</c> — inspections not done by their due day (DP-TIER), grouped.</summary>
    private static async Task<IResult> Overdue(HttpContext http, EnterpriseGate gate, PreventionStore store, TimeProvider clock, string? by, string? division)
    {
        var (access, denied) = await PreventionEndpoint.RequireAsync(http, PreventionRoles.JurisdictionReaders);
        if (access is null)
        {
            return denied!;
        }

        if (by is not (null or "inspector" or "district"))
        {
            return PreventionText.One(ProblemKind.Invalid, "by", "overdue.by", by);
        }

        var enterprises = (await gate.VisibleAsync(access, division)).Select(e => e.Id).ToList();
        var planned = (await store.InspectionsAsync(enterprises)).Select(x => new PlannedInspection(
            x.Inspection.Id.ToString(), x.Inspection.EnterpriseId.ToString(), x.Assignment?.InspectorName ?? "", x.Inspection.DistrictCode, x.Inspection.Due, x.Result?.At));
        var now = clock.GetUtcNow();
        var groups = by == "district" ? InspectionOverdue.ByDistrict(planned, now) : InspectionOverdue.ByInspector(planned, now);
        return TypedResults.Ok(groups.Select(g => new
        {
            key = g.Key.Length == 0 ? PreventionText.Format("inspector.unassigned") : g.Key,
            count = g.Count,
            items = g.Items.Select(o => new { inspectionId = o.Inspection.Id, enterpriseId = o.Inspection.EnterpriseId, due = o.Inspection.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), daysOverdue = o.DaysOverdue }),
        }));
    }

    /// <summary><c>{inspectorUserId}</c> — the inspector must hold an inspector role for the enterprise's division.</summary>
    private static async Task<IResult> Assign(Guid id, HttpContext http, EnterpriseGate gate, PreventionStore store, AccountService accounts, TimeProvider clock, VigilDbContext db)
    {
        var (access, document, problem) = await ApiRequest.RequireWithBodyAsync(http, PreventionRoles.Regulators);
        if (access is null || document is null)
        {
            return problem!;
        }

        using (document)
        {
            var body = new BodyReader(document.RootElement);
            var inspectorId = body.Text("inspectorUserId", required: true, maxLength: 40);
            if (!body.IsValid)
            {
                return body.Problem();
            }

            var (inspection, context, refused) = await Resolve(id, access, gate, store, PreventionRoles.Regulators);
            if (inspection is null || context is null)
            {
                return refused!;
            }

            var inspector = await accounts.FindAsync(inspectorId!);
            if (inspector is null || !(await accounts.AccessAsync(inspector, null)).Sees(context.Enterprise.DivisionCode, PreventionRoles.Inspectors))
            {
                return PreventionText.One(ProblemKind.Invalid, "inspectorUserId", "inspector.invalid", inspectorId, context.Enterprise.DivisionCode);
            }

            var now = clock.GetUtcNow();
            var assignment = new InspectionAssignmentRecord { InspectionId = id, InspectorUserId = inspector.Id, InspectorName = inspector.DisplayName, AssignedAt = now, AssignedBy = access.User.Id };
            context.Audit(db, "inspection.assign", "Inspection", id.ToString(), now, new { inspector = inspector.Id });
            await store.AddAsync(assignment);
            return TypedResults.Ok(View(inspection, assignment, null));
        }
    }

    /// <summary>
    /// <c>{findings: [{description, isHazard, evidence?}]}</c> by the assigned inspector: completes the inspection, and
    /// each finding that is a hazard opens a hazard file found by the inspector (DP-HAZ).
    /// </summary>
    private static async Task<IResult> Record(Guid id, HttpContext http, EnterpriseGate gate, PreventionStore store, EvidenceStore evidence, TimeProvider clock, VigilDbContext db)
    {
        var (access, document, problem) = await ApiRequest.RequireWithBodyAsync(http, PreventionRoles.Inspectors);
        if (access is null || document is null)
        {
            return problem!;
        }

        using (document)
        {
            var (inspection, context, refused) = await Resolve(id, access, gate, store, PreventionRoles.Inspectors);
            if (inspection is null || context is null)
            {
                return refused!;
            }

            var body = new BodyReader(document.RootElement);
            var findings = await Findings(body, evidence);
            if (!body.IsValid)
            {
                return body.Problem();
            }

            var state = (await store.InspectionsAsync([inspection.EnterpriseId])).First(x => x.Inspection.Id == id);
            if (state.Assignment?.InspectorUserId != access.User.Id)
            {
                return PreventionText.One(ProblemKind.Forbidden, "id", "inspection.notAssigned", id);
            }

            if (state.Result is not null)
            {
                return PreventionText.One(ProblemKind.Conflict, "id", "inspection.recorded", id);
            }

            var now = clock.GetUtcNow();
            var inspector = new Actor(access.User.Id, ActorRole.Inspector);
            var record = new Vigil.Prevention.InspectionRecord(id.ToString(), inspection.EnterpriseId.ToString(), inspector, now, findings);
            var hazards = record.RaisedHazards.Select((found, i) => (Id: Guid.CreateVersion7(now.AddTicks(i)), Found: found)).ToList();
            var stored = new List<object>
            {
                new InspectionResultRecord
                {
                    InspectionId = id, InspectorUserId = access.User.Id, InspectorName = access.User.DisplayName, At = now,
                    Findings = JsonSerializer.Serialize(findings.Select(f => new { description = f.Description, isHazard = f.IsHazard, evidence = f.Evidence.Select(e => e.Hex) })),
                },
            };
            foreach (var (hazardId, found) in hazards)
            {
                stored.Add(HazardsApi.Header(hazardId, context.Enterprise, "inspection", null, null, now, id));
                stored.Add(HazardStepCodec.ToRecord(hazardId, 0, found, access.User.DisplayName));
            }

            context.Audit(db, "inspection.record", "Inspection", id.ToString(), now, new { findings = findings.Count, hazards = hazards.Select(h => h.Id) });
            await store.AddRangeAsync(stored);
            return TypedResults.Ok(new { inspection = View(inspection, state.Assignment, (InspectionResultRecord)stored[0]), hazards = hazards.Select(h => h.Id) });
        }
    }

    private static async Task<List<InspectionFinding>> Findings(BodyReader body, EvidenceStore evidence)
    {
        var findings = new List<InspectionFinding>();
        if (body.Element("findings") is not { ValueKind: JsonValueKind.Array } list || list.GetArrayLength() > 100)
        {
            body.Add([PreventionText.Problem("findings", "findings.list")]);
            return findings;
        }

        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var field = $"findings[{index++}]";
            var finding = new BodyReader(item);
            var description = finding.Text("description", required: true);
            var isHazard = finding.Element("isHazard") is { ValueKind: JsonValueKind.True };
            var hashes = await PreventionEndpoint.EvidenceAsync(finding, evidence);
            body.Add(finding.Problems.Select(p => p with { Field = field + "." + p.Field }));
            if (item.ValueKind != JsonValueKind.Object)
            {
                body.Add([PreventionText.Problem(field, "findings.list")]);
            }
            else if (description is not null)
            {
                findings.Add(new InspectionFinding(description, isHazard, hashes));
            }
        }

        return findings;
    }

    private static async Task<(InspectionRecord? Inspection, EnterpriseContext? Context, IResult? Problem)> Resolve(
        Guid id, Access access, EnterpriseGate gate, PreventionStore store, IReadOnlyCollection<string> roles)
    {
        IResult NotFound() => PreventionText.One(ProblemKind.NotFound, "id", "inspection.notFound", id);
        var inspection = await store.InspectionAsync(id);
        if (inspection is null)
        {
            return (null, null, NotFound());
        }

        var (context, problem) = await gate.ResolveAsync(access, inspection.EnterpriseId, roles, NotFound);
        return context is null ? (null, null, problem) : (inspection, context, null);
    }

    private static object View(InspectionRecord i, InspectionAssignmentRecord? assignment, InspectionResultRecord? result) => new
    {
        id = i.Id,
        enterpriseId = i.EnterpriseId,
        districtCode = i.DistrictCode,
        tier = i.Tier,
        windowStart = i.WindowStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        due = i.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        inspector = assignment is null ? null : new { userId = assignment.InspectorUserId, name = assignment.InspectorName },
        done = result is null ? null : new { at = result.At.ToString("O", CultureInfo.InvariantCulture), findings = JsonDocument.Parse(result.Findings).RootElement },
    };
}
