using Microsoft.EntityFrameworkCore;
using Vigil.Data.Security;
using Vigil.Prevention;

namespace Vigil.Data.Prevention;

/// <summary>A hazard file as stored: its header and its steps in order.</summary>
public sealed record StoredHazard(HazardRecord Header, IReadOnlyList<HazardStepRecord> Steps)
{
    /// <summary>The file replayed through the core, so its state can never drift from its steps.</summary>
    public HazardFile File => HazardFile.Replay(Header.Id.ToString(), Header.EnterpriseId.ToString(), Header.SupervisingRegulator, [.. Steps.Select(HazardStepCodec.ToStep)]).Value;
}

/// <summary>Reads and appends dual-prevention records. Every write saves once, together with the audit entries queued on the context.</summary>
public sealed class PreventionStore(VigilDbContext db)
{
    public Task<EnterpriseRecord?> EnterpriseAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);

    public Task<EnterpriseRecord?> EnterpriseByCreditCodeAsync(string creditCode, CancellationToken cancellationToken = default) =>
        db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == creditCode, cancellationToken);

    /// <summary>
    /// Enterprises within the jurisdiction <paramref name="scopes"/> or among <paramref name="own"/> (those the user
    /// acts for), optionally only under <paramref name="divisionPrefix"/> and of <paramref name="industry"/>.
    /// </summary>
    public Task<List<EnterpriseRecord>> EnterprisesAsync(
        IReadOnlyCollection<string> scopes, IReadOnlyCollection<Guid> own, string? divisionPrefix = null, string? industry = null, CancellationToken cancellationToken = default)
    {
        var query = db.Enterprises.AsNoTracking();
        var within = DivisionFilter.Within<EnterpriseRecord>(e => e.DivisionCode, scopes);
        query = own.Count == 0 ? query.Where(within) : query.Where(e => own.Contains(e.Id)).Union(query.Where(within));
        if (!string.IsNullOrEmpty(divisionPrefix))
        {
            query = query.Where(e => e.DivisionCode.StartsWith(divisionPrefix));
        }

        if (!string.IsNullOrEmpty(industry))
        {
            query = query.Where(e => e.Industry == industry);
        }

        return query.OrderBy(e => e.DivisionCode).ThenBy(e => e.Name).ToListAsync(cancellationToken);
    }

    public async Task AddAsync<T>(T record, CancellationToken cancellationToken = default)
        where T : class
    {
        db.Add(record);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Public reports of unidentified operators in the districts within <paramref name="scopes"/>, newest first, each with
    /// its decision if taken; or the one report <paramref name="id"/>.
    /// </summary>
    public async Task<List<(PublicReportRecord Report, PublicReportDecisionRecord? Decision)>> PublicReportsAsync(
        IReadOnlyCollection<string> scopes, Guid? id = null, CancellationToken cancellationToken = default)
    {
        var query = db.PublicReports.AsNoTracking().Where(DivisionFilter.Within<PublicReportRecord>(r => r.DistrictCode, scopes));
        if (id is { } one)
        {
            query = query.Where(r => r.Id == one);
        }

        var reports = await query.ToListAsync(cancellationToken);
        var ids = reports.ConvertAll(r => r.Id);
        var decisions = await db.PublicReportDecisions.AsNoTracking().Where(d => ids.Contains(d.ReportId)).ToDictionaryAsync(d => d.ReportId, cancellationToken);
        return [.. reports.OrderByDescending(r => r.ReportedAt).Select(r => (r, decisions.GetValueOrDefault(r.Id)))];
    }

    /// <summary>The enterprises a user acts for, with the role they were appointed in.</summary>
    public Task<List<EnterpriseStaffRecord>> AppointmentsAsync(string userId, CancellationToken cancellationToken = default) =>
        db.EnterpriseStaff.AsNoTracking().Where(s => s.UserId == userId).ToListAsync(cancellationToken);

    public Task<bool> IsAppointedAsync(Guid enterpriseId, string userId, string roleId, CancellationToken cancellationToken = default) =>
        db.EnterpriseStaff.AnyAsync(s => s.EnterpriseId == enterpriseId && s.UserId == userId && s.RoleId == roleId, cancellationToken);

    public Task<List<EnterpriseIncidentLinkRecord>> IncidentLinksAsync(IReadOnlyCollection<Guid> enterpriseIds, CancellationToken cancellationToken = default) =>
        db.EnterpriseIncidentLinks.AsNoTracking().Where(l => enterpriseIds.Contains(l.EnterpriseId)).ToListAsync(cancellationToken);

    public Task<bool> IsLinkedAsync(Guid enterpriseId, Guid incidentId, CancellationToken cancellationToken = default) =>
        db.EnterpriseIncidentLinks.AnyAsync(l => l.EnterpriseId == enterpriseId && l.IncidentId == incidentId, cancellationToken);

    public Task<RiskPointRecord?> RiskPointAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.RiskPoints.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    public Task<List<RiskPointRecord>> RiskPointsAsync(IReadOnlyCollection<Guid> enterpriseIds, CancellationToken cancellationToken = default) =>
        db.RiskPoints.AsNoTracking().Where(p => enterpriseIds.Contains(p.EnterpriseId)).OrderBy(p => p.CreatedAt).ToListAsync(cancellationToken);

    /// <summary>The history entries of the given risk points, in order per point.</summary>
    public async Task<ILookup<Guid, RiskEntryRecord>> RiskEntriesAsync(IReadOnlyCollection<Guid> riskPointIds, CancellationToken cancellationToken = default) =>
        (await db.RiskEntries.AsNoTracking().Where(r => riskPointIds.Contains(r.RiskPointId)).OrderBy(r => r.RiskPointId).ThenBy(r => r.Sequence).ToListAsync(cancellationToken))
        .ToLookup(r => r.RiskPointId);

    /// <summary>Hazard files of the given enterprises, or one file, with their steps.</summary>
    public async Task<List<StoredHazard>> HazardsAsync(IReadOnlyCollection<Guid>? enterpriseIds = null, Guid? hazardId = null, CancellationToken cancellationToken = default)
    {
        var headers = db.Hazards.AsNoTracking();
        if (enterpriseIds is not null)
        {
            headers = headers.Where(h => enterpriseIds.Contains(h.EnterpriseId));
        }

        if (hazardId is { } id)
        {
            headers = headers.Where(h => h.Id == id);
        }

        var list = await headers.OrderBy(h => h.CreatedAt).ToListAsync(cancellationToken);
        var ids = list.Select(h => h.Id).ToList();
        var steps = (await db.HazardSteps.AsNoTracking().Where(s => ids.Contains(s.HazardId)).OrderBy(s => s.HazardId).ThenBy(s => s.Sequence).ToListAsync(cancellationToken))
            .ToLookup(s => s.HazardId);
        return [.. list.Select(h => new StoredHazard(h, [.. steps[h.Id]]))];
    }

    /// <summary>
    /// Appends steps after <paramref name="expectedCount"/> existing ones (and a new header, when given). A concurrent
    /// writer collides on the unique (hazard, sequence) index and nothing is written.
    /// </summary>
    public async Task AppendHazardAsync(HazardRecord? newHeader, Guid hazardId, int expectedCount, IReadOnlyList<(HazardStep Step, string ActorName)> steps, CancellationToken cancellationToken = default)
    {
        if (newHeader is not null)
        {
            db.Hazards.Add(newHeader);
        }

        for (var i = 0; i < steps.Count; i++)
        {
            db.HazardSteps.Add(HazardStepCodec.ToRecord(hazardId, expectedCount + i, steps[i].Step, steps[i].ActorName));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public Task<InspectionRecord?> InspectionAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Inspections.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);

    /// <summary>Planned inspections of the given enterprises with their latest assignment and their result, if any.</summary>
    public async Task<List<(InspectionRecord Inspection, InspectionAssignmentRecord? Assignment, InspectionResultRecord? Result)>> InspectionsAsync(
        IReadOnlyCollection<Guid> enterpriseIds, CancellationToken cancellationToken = default)
    {
        var inspections = await db.Inspections.AsNoTracking().Where(i => enterpriseIds.Contains(i.EnterpriseId)).OrderBy(i => i.Due).ToListAsync(cancellationToken);
        var ids = inspections.Select(i => i.Id).ToList();
        var assignments = (await db.InspectionAssignments.AsNoTracking().Where(a => ids.Contains(a.InspectionId)).ToListAsync(cancellationToken))
            .GroupBy(a => a.InspectionId).ToDictionary(g => g.Key, g => g.MaxBy(a => a.Id)!);
        var results = (await db.InspectionResults.AsNoTracking().Where(r => ids.Contains(r.InspectionId)).ToListAsync(cancellationToken))
            .ToDictionary(r => r.InspectionId);
        return [.. inspections.Select(i => (i, assignments.GetValueOrDefault(i.Id), results.GetValueOrDefault(i.Id)))];
    }

    /// <summary>The due dates already planned for an enterprise, so planning a period twice adds nothing.</summary>
    public async Task<HashSet<DateOnly>> PlannedDueDatesAsync(Guid enterpriseId, CancellationToken cancellationToken = default) =>
        [.. await db.Inspections.AsNoTracking().Where(i => i.EnterpriseId == enterpriseId).Select(i => i.Due).ToListAsync(cancellationToken)];

    public Task<List<QuarterlyReportRecord>> QuarterlyReportsAsync(IReadOnlyCollection<Guid> enterpriseIds, CancellationToken cancellationToken = default) =>
        db.QuarterlyReports.AsNoTracking().Where(r => enterpriseIds.Contains(r.EnterpriseId)).OrderBy(r => r.FiledAt).ToListAsync(cancellationToken);

    /// <summary>The unit inspections of the enterprises, oldest first.</summary>
    public Task<List<UnitInspectionRecord>> UnitInspectionsAsync(IReadOnlyCollection<Guid> enterpriseIds, CancellationToken cancellationToken = default) =>
        db.UnitInspections.AsNoTracking().Where(r => enterpriseIds.Contains(r.EnterpriseId)).OrderBy(r => r.DoneOn).ThenBy(r => r.Id).ToListAsync(cancellationToken);

    /// <summary>The enterprises whose hazard steps, inspection findings or quarterly reports cite the evidence file <paramref name="sha256"/>.</summary>
    public async Task<List<Guid>> EnterprisesCitingAsync(string sha256, CancellationToken cancellationToken = default)
    {
        var hazards = db.HazardSteps.Where(s => s.Evidence.Contains(sha256)).Select(s => s.HazardId);
        var fromHazards = db.Hazards.Where(h => hazards.Contains(h.Id)).Select(h => h.EnterpriseId);
        var inspections = db.InspectionResults.Where(r => r.Findings.Contains(sha256)).Select(r => r.InspectionId);
        var fromInspections = db.Inspections.Where(i => inspections.Contains(i.Id)).Select(i => i.EnterpriseId);
        var fromReports = db.QuarterlyReports.Where(r => r.DocumentSha256 == sha256).Select(r => r.EnterpriseId);
        return await fromHazards.Union(fromInspections).Union(fromReports).ToListAsync(cancellationToken);
    }

    /// <summary>Adds several records and saves them once, with the queued audit entries.</summary>
    public async Task AddRangeAsync(IEnumerable<object> records, CancellationToken cancellationToken = default)
    {
        db.AddRange(records);
        await db.SaveChangesAsync(cancellationToken);
    }
}
