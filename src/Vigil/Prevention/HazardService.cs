using Vigil.Common;
using Vigil.Data;
using Vigil.Data.Prevention;
using Vigil.Host.Security;
using Vigil.Host.Web;
using Vigil.Prevention;

namespace Vigil.Host.Prevention;

/// <summary>How a step's request becomes the step the core decides on.</summary>
internal delegate Outcome<HazardStep> HazardDecide(HazardFile file, BodyReader body, Actor by, DateTimeOffset at, IReadOnlyList<EvidenceHash> evidence);

/// <summary>
/// One step of the loop: who may take it, its audit action, how it is decided, whether it needs input (a grade, a plan,
/// a reason, evidence), and whether on a major hazard only a regulator or inspector may take it (DP-HAZ 销号).
/// </summary>
internal sealed record HazardCommand(string[] Roles, string Action, HazardDecide Decide, bool NeedsInput, bool MajorNeedsRegulator = false);

/// <summary>A hazard just reported: its id and its view as GET /api/hazards/{id} gives it.</summary>
internal sealed record ReportedHazard(Guid Id, object View);

/// <summary>A hazard file with the enterprise it belongs to.</summary>
internal sealed record VisibleHazard(StoredHazard Hazard, EnterpriseRecord Enterprise);

/// <summary>
/// The hazards a user sees (DP-HAZ; by jurisdiction or by appointment, <see cref="EnterpriseGate"/>) and the steps of
/// the loop, shared by the HTTP API and the web UI's hazard board and hazard page.
/// </summary>
internal sealed class HazardService(EnterpriseGate gate, PreventionStore store, EvidenceStore evidenceStore, VigilDbContext db, TimeProvider clock)
{
    /// <summary>The hazards of the enterprises the user sees, narrowed to a division prefix and one enterprise, newest first.</summary>
    public async Task<List<VisibleHazard>> VisibleAsync(Access access, HazardFilter filter, string? division = null, Guid? enterpriseId = null)
    {
        var enterprises = (await gate.VisibleAsync(access, division)).Where(e => enterpriseId is null || e.Id == enterpriseId).ToDictionary(e => e.Id);
        var hazards = await store.HazardsAsync(enterprises.Keys);
        return [.. hazards.Where(h => filter.Admits(h.File)).OrderByDescending(h => h.Header.CreatedAt).Select(h => new VisibleHazard(h, enterprises[h.Header.EnterpriseId]))];
    }

    /// <summary>One hazard, or null when there is none or the user does not see its enterprise.</summary>
    public async Task<VisibleHazard?> FindAsync(Access access, Guid id)
    {
        var hazard = (await store.HazardsAsync(hazardId: id)).FirstOrDefault();
        if (hazard is null || await store.EnterpriseAsync(hazard.Header.EnterpriseId) is not { } enterprise)
        {
            return null;
        }

        return EnterpriseGate.Sees(access, enterprise, await gate.AppointmentsAsync(access)) ? new VisibleHazard(hazard, enterprise) : null;
    }

    /// <summary>
    /// 排查 by a signed-in user (DP-HAZ), shared by POST /api/hazards and the web UI's enterprise page:
    /// <c>{enterpriseId, description, riskPointId?, evidence?, latitude?, longitude?, datum?}</c>. The body is checked
    /// first, then whether the user sees the enterprise (not found) and holds a prevention role there (forbidden); the
    /// file is opened with its audit entry. The answer is the new file's id and view.
    /// </summary>
    public async Task<Outcome<ReportedHazard>> ReportAsync(Access access, BodyReader body)
    {
        var enterpriseId = PreventionEndpoint.Id(body, "enterpriseId");
        var riskPointId = PreventionEndpoint.Id(body, "riskPointId", required: false);
        var description = body.Text("description", required: true);
        var location = PreventionEndpoint.Location(body);
        var hashes = await PreventionEndpoint.EvidenceAsync(body, evidenceStore);
        if (!body.IsValid)
        {
            return body.Refused<ReportedHazard>();
        }

        var context = await gate.ContextAsync(access, enterpriseId!.Value, PreventionRoles.All);
        if (!context.IsSuccess)
        {
            return Outcome<ReportedHazard>.Failure(context.Kind, context.Problems);
        }

        if (riskPointId is { } pointId && (await store.RiskPointAsync(pointId))?.EnterpriseId != enterpriseId)
        {
            return Outcome.Refused<ReportedHazard>(PreventionText.Problem("riskPointId", "riskPoint.notOfEnterprise", pointId));
        }

        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var by = context.Value;
        var found = new HazardFound(description!, by.Actor, now, hashes);
        var file = HazardFile.Open(id.ToString(), enterpriseId.ToString()!, by.Enterprise.DistrictCode, found);
        if (!file.IsSuccess)
        {
            return Outcome<ReportedHazard>.Failure(file.Kind, file.Problems);
        }

        by.Audit(db, "hazard.report", "Hazard", id.ToString(), now, new { evidence = hashes.Select(h => h.Hex) });
        var header = HazardsApi.Header(id, by.Enterprise, "staff", riskPointId, location, now);
        await store.AppendHazardAsync(header, id, 0, [(found, by.Name)]);
        return Outcome.Ok(new ReportedHazard(id, HazardView.Build(new StoredHazard(header, [HazardStepCodec.ToRecord(id, 0, found, by.Name)]), by.Enterprise, now)));
    }

    /// <summary>Whether the user may take <paramref name="command"/> on the hazard now (the UI offers only those steps).</summary>
    public async Task<bool> MayAsync(Access access, VisibleHazard hazard, HazardCommand command) =>
        await gate.ContextAsync(access, hazard.Enterprise.Id, command.Roles) is { IsSuccess: true } context
        && MajorVerifier(command, hazard.Hazard.File, context.Value.Role) is null;

    /// <summary>
    /// Regulator reading of DP-HAZ: a major hazard is closed out (or sent back) by the regulator or an inspector, never
    /// by the unit itself (重大事故隐患 销号 is the supervising department's).
    /// </summary>
    private static Problem? MajorVerifier(HazardCommand command, HazardFile file, string role) =>
        command.MajorNeedsRegulator && file.Grade == HazardGrade.Major && PreventionRoles.EnterpriseStaff.Contains(role)
            ? PreventionText.Problem("role", "hazard.majorVerifier", role)
            : null;

    /// <summary>
    /// One step: resolve the hazard and the acting role (not found outside the user's view, forbidden with a reason),
    /// read the body and evidence, let the core decide, append with the audit entry. A concurrent append is a conflict
    /// and nothing is written. The answer is the file as <see cref="HazardView.Build"/> shows it.
    /// </summary>
    public async Task<Outcome<object>> StepAsync(Access access, Guid id, HazardCommand command, BodyReader body)
    {
        var notFound = PreventionText.Problem("id", "hazard.notFound", id);
        var hazard = (await store.HazardsAsync(hazardId: id)).FirstOrDefault();
        if (hazard is null)
        {
            return Outcome<object>.Failure(ProblemKind.NotFound, notFound);
        }

        var context = await gate.ContextAsync(access, hazard.Header.EnterpriseId, command.Roles);
        if (!context.IsSuccess)
        {
            return context.Kind == ProblemKind.NotFound ? Outcome<object>.Failure(ProblemKind.NotFound, notFound) : Outcome<object>.Failure(context.Kind, context.Problems);
        }

        var file = hazard.File;
        if (MajorVerifier(command, file, context.Value.Role) is { } refused)
        {
            return Outcome.Forbidden<object>(refused);
        }

        var evidence = await PreventionEndpoint.EvidenceAsync(body, evidenceStore);
        var now = clock.GetUtcNow();
        var step = command.Decide(file, body, context.Value.Actor, now, evidence);
        if (body.Problems.Count > 0)
        {
            return Outcome.Refused<object>(body.Problems);
        }

        var next = step.IsSuccess ? file.Append(step.Value) : Outcome<HazardFile>.Failure(step.Kind, step.Problems);
        if (!next.IsSuccess)
        {
            return Outcome<object>.Failure(next.Kind, next.Problems);
        }

        context.Value.Audit(db, command.Action, "Hazard", id.ToString(), now,
            new { from = file.State.ToString(), to = next.Value.State.ToString(), evidence = evidence.Select(e => e.Hex) });
        try
        {
            await store.AppendHazardAsync(null, id, hazard.Steps.Count, [(step.Value, context.Value.Name)]);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            return Outcome.Conflict<object>(PreventionText.Problem("id", "concurrent", id));
        }

        var stored = new StoredHazard(hazard.Header, [.. hazard.Steps, HazardStepCodec.ToRecord(id, hazard.Steps.Count, step.Value, context.Value.Name)]);
        return Outcome.Ok(HazardView.Build(stored, context.Value.Enterprise, now));
    }
}
