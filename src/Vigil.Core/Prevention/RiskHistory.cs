using Vigil.Common;

namespace Vigil.Prevention;

/// <summary>One appended entry of a risk point's history (DESIGN principle 2: nothing is overwritten).</summary>
public abstract record RiskHistoryEntry(Actor By, DateTimeOffset At);

/// <summary>A computed assessment.</summary>
public sealed record RiskAssessed(RiskScore Score, Actor By, DateTimeOffset At) : RiskHistoryEntry(By, At);

/// <summary>
/// A regulator's override of the computed colour of the assessment at <paramref name="OverridesEntry"/>
/// (its index in the history), with the reason that justifies it (DP-RISK).
/// </summary>
public sealed record RiskColourOverridden(RiskColour Colour, string Reason, int OverridesEntry, Actor By, DateTimeOffset At) : RiskHistoryEntry(By, At);

/// <summary>
/// The assessment history of one risk point (DP-RISK "assessments are appended, never replaced, so the map can show
/// trends"). The current colour is derived: the latest assessment's colour, or the latest override of that assessment.
/// A new assessment supersedes earlier overrides, because it may rest on changed facts the override did not weigh.
/// </summary>
public sealed class RiskHistory
{
    private RiskHistory(string riskPointId, IReadOnlyList<RiskHistoryEntry> entries)
    {
        RiskPointId = riskPointId;
        Entries = entries;
    }

    public string RiskPointId { get; }

    public IReadOnlyList<RiskHistoryEntry> Entries { get; }

    public static RiskHistory Empty(string riskPointId) => new(riskPointId, []);

    /// <summary>The colour in force, or null before the first assessment.</summary>
    public RiskColour? CurrentColour
    {
        get
        {
            var latest = LatestAssessmentIndex;
            if (latest < 0)
            {
                return null;
            }

            var overridden = Entries.Skip(latest + 1).OfType<RiskColourOverridden>().LastOrDefault();
            return overridden?.Colour ?? ((RiskAssessed)Entries[latest]).Score.Colour;
        }
    }

    /// <summary>Colour after each assessment or override, oldest first: the trend the map shows.</summary>
    public IReadOnlyList<(DateTimeOffset At, RiskColour Colour)> Trend =>
        [.. Entries.Select(e => (e.At, e is RiskAssessed a ? a.Score.Colour : ((RiskColourOverridden)e).Colour))];

    private int LatestAssessmentIndex
    {
        get
        {
            for (var i = Entries.Count - 1; i >= 0; i--)
            {
                if (Entries[i] is RiskAssessed)
                {
                    return i;
                }
            }

            return -1;
        }
    }

    public Outcome<RiskHistory> Record(RiskScore score, Actor by, DateTimeOffset at) =>
        InOrder(at) ?? Outcome.Ok(Append(new RiskAssessed(score, by, at)));

    /// <summary>DP-RISK: only a regulator overrides, only with a reason, and only an existing assessment.</summary>
    public Outcome<RiskHistory> Override(RiskColour colour, string? reason, Actor by, DateTimeOffset at)
    {
        if (by.Role != ActorRole.Regulator)
        {
            return Outcome.Forbidden<RiskHistory>(PreventionText.Problem("by", "override.not_regulator", "Risk_OverrideNotRegulator", by.Id));
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Outcome.Refused<RiskHistory>(PreventionText.Problem("reason", "override.reason_required", "Risk_OverrideReasonRequired"));
        }

        var latest = LatestAssessmentIndex;
        if (latest < 0)
        {
            return Outcome.Refused<RiskHistory>(PreventionText.Problem("riskPoint", "override.nothing", "Risk_OverrideNothing", RiskPointId));
        }

        return InOrder(at) ?? Outcome.Ok(Append(new RiskColourOverridden(colour, reason.Trim(), latest, by, at)));
    }

    private Outcome<RiskHistory>? InOrder(DateTimeOffset at) =>
        Entries.Count > 0 && at < Entries[^1].At
            ? Outcome.Conflict<RiskHistory>(PreventionText.Problem("at", "history.out_of_order", "History_OutOfOrder", at, Entries[^1].At))
            : null;

    private RiskHistory Append(RiskHistoryEntry entry) => new(RiskPointId, [.. Entries, entry]);
}
