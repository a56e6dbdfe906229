using Vigil.Common;
using Vigil.Plans;

namespace Vigil.Incidents;

/// <summary>An aftermath task of an ended incident with the owner the plan names for its level (SE-POST).</summary>
public sealed record AftermathItem(AftermathTask Task, string Level, LocalizedText? Owner, bool Done);

public static class Aftermath
{
    /// <summary>The tasks after the end; empty while the incident is still running.</summary>
    public static IReadOnlyList<AftermathItem> For(IncidentState state, PlanDefinition plan)
    {
        if (!state.Ended)
        {
            return [];
        }

        return [.. plan.Aftermath.Select(task =>
        {
            var level = state.LevelOf(task.Grading ?? plan.EventGrading);
            return new AftermathItem(task, level, task.OwnerFor(level, plan, state.Facts), state.AftermathDone.Contains(task.Id));
        })];
    }
}
