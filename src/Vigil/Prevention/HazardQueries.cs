using Vigil.Data.Prevention;
using Vigil.Host.Security;

namespace Vigil.Host.Prevention;

/// <summary>A hazard file with the enterprise it belongs to.</summary>
internal sealed record VisibleHazard(StoredHazard Hazard, EnterpriseRecord Enterprise);

/// <summary>
/// The hazards a user sees (DP-HAZ; by jurisdiction or by appointment, <see cref="EnterpriseGate"/>), shared by the
/// HTTP API's list and the web UI's hazard board and hazard page.
/// </summary>
internal sealed class HazardQueries(EnterpriseGate gate, PreventionStore store)
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
}
