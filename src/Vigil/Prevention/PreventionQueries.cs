using Vigil.Data.Incidents;
using Vigil.Data.Prevention;
using Vigil.Prevention;

namespace Vigil.Host.Prevention;

/// <summary>An accident on an enterprise's record: the linked incident and its accident level now.</summary>
internal sealed record LinkedAccident(Guid IncidentId, string Level, string Reason);

/// <summary>A rectification past its deadline (DP-HAZ), with the enterprise it belongs to.</summary>
internal sealed record OverdueRectification(Guid HazardId, EnterpriseRecord Enterprise, HazardGrade? Grade, HazardState State, DateOnly Deadline, int DaysOverdue, string SupervisingRegulator);

/// <summary>Derived views over the stored records, shared by the HTTP API and the CLI.</summary>
internal sealed class PreventionQueries(PreventionStore store, IncidentStore incidents)
{
    /// <summary>The grading of a plan whose levels I–IV are accident levels (生产安全事故等级); other plans' incidents do not count.</summary>
    public const string AccidentGrading = "accident";

    /// <summary>
    /// DP-TIER: the tier derived now from the enterprise's hazard files and the accidents linked to it. An incident
    /// counts with the accident level it has now (a follow-up that regrades it changes the tier).
    /// </summary>
    public async Task<(TierDecision Decision, IReadOnlyList<LinkedAccident> Accidents)> TierAsync(EnterpriseRecord enterprise) =>
        (await TiersAsync([enterprise]))[enterprise.Id];

    /// <summary>As <see cref="TierAsync"/> for many enterprises at once (the register list): one read of their hazards and links.</summary>
    public async Task<IReadOnlyDictionary<Guid, (TierDecision Decision, IReadOnlyList<LinkedAccident> Accidents)>> TiersAsync(IReadOnlyCollection<EnterpriseRecord> enterprises)
    {
        var ids = enterprises.Select(e => e.Id).ToList();
        var hazards = (await store.HazardsAsync(ids)).ToLookup(h => h.Header.EnterpriseId);
        var links = (await store.IncidentLinksAsync(ids)).ToLookup(l => l.EnterpriseId);

        // Each linked incident is read once, however many enterprises it is linked to.
        var states = new Dictionary<Guid, Vigil.Incidents.IncidentState?>();
        foreach (var incident in links.SelectMany(l => l).Select(l => l.IncidentId).Distinct())
        {
            states[incident] = await incidents.LoadAsync(incident);
        }

        var tiers = new Dictionary<Guid, (TierDecision, IReadOnlyList<LinkedAccident>)>();
        foreach (var enterprise in enterprises)
        {
            var accidents = links[enterprise.Id].Select(link =>
                new LinkedAccident(link.IncidentId, states[link.IncidentId]?.LevelOf(AccidentGrading) ?? "none", link.Reason)).ToList();

            var levels = accidents.Select(a => AccidentLevel(a.Level)).OfType<RecordedAccidentLevel>().ToList();
            var facts = SupervisionFacts.Gather(Core(enterprise), hazards[enterprise.Id].Select(h => h.File), levels);
            tiers[enterprise.Id] = (TierPolicy.Default.Decide(facts), accidents);
        }

        return tiers;
    }

    /// <summary>Rectifications past their deadline at <paramref name="now"/> among <paramref name="enterprises"/>, most overdue first.</summary>
    public async Task<IReadOnlyList<OverdueRectification>> OverdueRectificationsAsync(IReadOnlyCollection<EnterpriseRecord> enterprises, DateTimeOffset now)
    {
        var byId = enterprises.ToDictionary(e => e.Id);
        var hazards = await store.HazardsAsync(byId.Keys);
        return [.. hazards
            .Select(h => (h, File: h.File))
            .SelectMany(x => x.File.Escalations(now)
                .Where(e => e.Code == "hazard.rectification_overdue")
                .Select(e => new OverdueRectification(x.h.Header.Id, byId[x.h.Header.EnterpriseId], x.File.Grade, x.File.State, e.Deadline!.Value, e.DaysOverdue, e.To)))
            .OrderByDescending(o => o.DaysOverdue)
            .ThenBy(o => o.HazardId)];
    }

    /// <summary>The register entry as the core sees it (its credit code was checked when it was registered).</summary>
    public static Enterprise Core(EnterpriseRecord e) =>
        Enterprise.Create(e.Id.ToString(), e.Name, e.CreditCode, e.DistrictCode, e.Industry, e.Address, DatumNames.Point(e.Latitude, e.Longitude, e.Datum)).Value;

    private static RecordedAccidentLevel? AccidentLevel(string level) => level switch
    {
        "I" => RecordedAccidentLevel.I,
        "II" => RecordedAccidentLevel.II,
        "III" => RecordedAccidentLevel.III,
        "IV" => RecordedAccidentLevel.IV,
        _ => null,
    };
}
