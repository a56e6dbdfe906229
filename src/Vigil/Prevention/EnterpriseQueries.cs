using Vigil.Common;
using Vigil.Data.Prevention;
using Vigil.Host.Security;
using Vigil.Prevention;
using InspectionRecord = Vigil.Data.Prevention.InspectionRecord;

namespace Vigil.Host.Prevention;

/// <summary>One enterprise of the register list: its tier now, its risk points by current colour and its open hazards.</summary>
internal sealed record EnterpriseRow(EnterpriseRecord Enterprise, TierDecision Tier, IReadOnlyDictionary<string, int> RiskPoints, int OpenHazards);

/// <summary>A risk point with its colour in force ("none" before its first assessment) and its whole history, oldest first.</summary>
internal sealed record RiskPointHistory(RiskPointRecord Point, string Colour, IReadOnlyList<RiskEntryRecord> History);

/// <summary>A planned inspection not yet done: its due day, the inspector assigned and how many days it is overdue (0 when not).</summary>
internal sealed record InspectionDue(InspectionRecord Inspection, string? Inspector, int DaysOverdue);

/// <summary>Everything the enterprise page shows (issue 6): register entry, tier and why, risk points, open hazards, inspections, quarterly report.</summary>
internal sealed record EnterpriseDetail(
    EnterpriseRecord Enterprise,
    TierDecision Tier,
    IReadOnlyList<LinkedAccident> Accidents,
    IReadOnlyList<RiskPointHistory> RiskPoints,
    IReadOnlyList<StoredHazard> OpenHazards,
    IReadOnlyList<InspectionDue> Inspections,
    QuarterlyReportLine QuarterlyReport);

/// <summary>
/// The register as the web UI shows it, over the same gate as the API (<see cref="EnterpriseGate"/>): an enterprise
/// outside the user's jurisdiction and appointments is not found and absent from the list.
/// </summary>
internal sealed class EnterpriseQueries(EnterpriseGate gate, PreventionStore store, PreventionQueries queries)
{
    /// <summary>The tiers by name, the list's colour filter (DP-TIER 红黄蓝).</summary>
    public static readonly string[] Tiers = ["red", "yellow", "blue"];

    /// <summary>The enterprises the user sees, narrowed to a district (division prefix), an industry code and a tier; by name.</summary>
    public async Task<Outcome<IReadOnlyList<EnterpriseRow>>> ListAsync(Access access, string? district, string? industry, string? tier)
    {
        var problems = new List<Problem>();
        MapQueries.CheckDistrict(district, problems);
        if (tier is not null && !Tiers.Contains(tier))
        {
            problems.Add(PreventionText.Problem("tier", "tier.unknown", tier));
        }

        if (problems.Count > 0)
        {
            return Outcome.Refused<IReadOnlyList<EnterpriseRow>>(problems);
        }

        var enterprises = await gate.VisibleAsync(access, district, industry);
        var ids = enterprises.Select(e => e.Id).ToList();
        var points = (await store.RiskPointsAsync(ids)).ToLookup(p => p.EnterpriseId);
        var entries = await store.RiskEntriesAsync([.. points.SelectMany(g => g).Select(p => p.Id)]);
        var open = (await store.HazardsAsync(ids)).Where(h => h.File.State != HazardState.ClosedOut).ToLookup(h => h.Header.EnterpriseId);
        var tiers = await queries.TiersAsync(enterprises);
        return Outcome.Ok<IReadOnlyList<EnterpriseRow>>([.. enterprises
            .Where(e => tier is null || TierName(tiers[e.Id].Decision.Tier) == tier)
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .Select(e =>
            {
                var colours = points[e.Id].Select(p => RiskApi.CurrentColour(entries[p.Id]) ?? "none").ToList();
                return new EnterpriseRow(e, tiers[e.Id].Decision, MapQueries.Colours.ToDictionary(c => c, c => colours.Count(x => x == c)), open[e.Id].Count());
            })]);
    }

    /// <summary>One enterprise the user sees, or not found (the same answer for one that does not exist).</summary>
    public async Task<Outcome<EnterpriseDetail>> DetailAsync(Access access, Guid id, DateTimeOffset now)
    {
        var context = await gate.ContextAsync(access, id, PreventionRoles.All);
        if (!context.IsSuccess)
        {
            return Outcome<EnterpriseDetail>.Failure(context.Kind, context.Problems);
        }

        var enterprise = context.Value.Enterprise;
        var (tier, accidents) = await queries.TierAsync(enterprise);
        var points = await store.RiskPointsAsync([id]);
        var entries = await store.RiskEntriesAsync([.. points.Select(p => p.Id)]);
        var riskPoints = points.OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => new RiskPointHistory(p, RiskApi.CurrentColour(entries[p.Id]) ?? "none", [.. entries[p.Id].OrderBy(e => e.Sequence)]))
            .ToList();
        var hazards = (await store.HazardsAsync([id])).Where(h => h.File.State != HazardState.ClosedOut).OrderByDescending(h => h.Header.CreatedAt).ToList();
        var inspections = (await store.InspectionsAsync([id])).Where(x => x.Result is null).ToList();
        var overdue = InspectionOverdue.Find(
            inspections.Select(x => new PlannedInspection(x.Inspection.Id.ToString(), id.ToString(), x.Assignment?.InspectorUserId ?? "", x.Inspection.DistrictCode, x.Inspection.Due, null)),
            now).ToDictionary(o => o.Inspection.Id, o => o.DaysOverdue);
        var due = inspections.OrderBy(x => x.Inspection.Due)
            .Select(x => new InspectionDue(x.Inspection, x.Assignment?.InspectorName, overdue.GetValueOrDefault(x.Inspection.Id.ToString())))
            .ToList();
        var filings = (await store.QuarterlyReportsAsync([id])).Select(QuarterlyReportsApi.Filing).ToList();
        var report = QuarterlyReports.Overview([id.ToString()], filings, QuarterlyReports.LatestDue(now), now)[0];
        return Outcome.Ok(new EnterpriseDetail(enterprise, tier, accidents, riskPoints, hazards, due, report));
    }

    /// <summary>A risk point whose enterprise the user sees, or null (the same answer for one that does not exist).</summary>
    public async Task<RiskPointRecord?> RiskPointAsync(Access access, Guid id) =>
        await store.RiskPointAsync(id) is { } point && (await gate.ContextAsync(access, point.EnterpriseId, PreventionRoles.All)).IsSuccess ? point : null;

    /// <summary>A tier's name, as in GET /api/enterprises/{id}/tier.</summary>
    public static string TierName(SupervisionTier tier) => tier.ToString().ToLowerInvariant();
}
