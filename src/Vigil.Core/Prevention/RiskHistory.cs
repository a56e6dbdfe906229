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

/// <summary>A regulator's withdrawal of the override at <paramref name="WithdrawsEntry"/>, with its reason (DP-RISK).</summary>
public sealed record RiskOverrideWithdrawn(RiskColour Colour, string Reason, int WithdrawsEntry, Actor By, DateTimeOffset At) : RiskHistoryEntry(By, At);

/// <summary>
/// The assessment history of one risk point (DP-RISK "assessments are appended, never replaced, so the map can show
/// trends"). The current colour is derived: a regulator's override stands until the regulator withdraws it; an
/// enterprise's later assessment may raise the colour above the override, never lower it below; without an override
/// in force, the latest assessment's colour.
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
    public RiskColour? CurrentColour => Entries.Count == 0 ? null : ColoursInForce().Last();

    /// <summary>The index of the latest override not withdrawn since, or null.</summary>
    public int? OverrideInForce
    {
        get
        {
            for (var i = Entries.Count - 1; i >= 0; i--)
            {
                switch (Entries[i])
                {
                    case RiskOverrideWithdrawn:
                        return null;
                    case RiskColourOverridden:
                        return i;
                }
            }

            return null;
        }
    }

    /// <summary>Colour in force after each entry, oldest first: the trend the map shows.</summary>
    public IReadOnlyList<(DateTimeOffset At, RiskColour Colour)> Trend => [.. Entries.Zip(ColoursInForce(), (e, c) => (e.At, c))];

    /// <summary>
    /// The colour in force after each entry, in one pass (DP-RISK): an override sets the colour and stands until it is
    /// withdrawn; an assessment while it stands may raise the colour above it, never lower it below; without an override
    /// in force, the latest assessment's colour. The first entry is always an assessment (an override needs one).
    /// </summary>
    private IEnumerable<RiskColour> ColoursInForce()
    {
        var assessed = default(RiskColour);
        RiskColour? overridden = null;
        foreach (var entry in Entries)
        {
            switch (entry)
            {
                case RiskAssessed a:
                    assessed = a.Score.Colour;
                    yield return overridden is { } held && held > assessed ? held : assessed;
                    break;
                case RiskColourOverridden o:
                    overridden = o.Colour;
                    yield return o.Colour;
                    break;
                case RiskOverrideWithdrawn:
                    overridden = null;
                    yield return assessed;
                    break;
                default:
                    throw new InvalidOperationException($"Unknown risk history entry {entry.GetType().Name}.");
            }
        }
    }

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
        if (RegulatorWithReason(reason, by) is { } refused)
        {
            return refused;
        }

        var latest = LatestAssessmentIndex;
        if (latest < 0)
        {
            return Outcome.Refused<RiskHistory>(PreventionText.Problem("riskPoint", "override.nothing", "Risk_OverrideNothing", RiskPointId));
        }

        return InOrder(at) ?? Outcome.Ok(Append(new RiskColourOverridden(colour, reason!.Trim(), latest, by, at)));
    }

    /// <summary>DP-RISK: only a regulator withdraws the override in force, with a reason; the assessments then decide.</summary>
    public Outcome<RiskHistory> Withdraw(string? reason, Actor by, DateTimeOffset at)
    {
        if (RegulatorWithReason(reason, by) is { } refused)
        {
            return refused;
        }

        return OverrideInForce is not { } index
            ? Outcome.Conflict<RiskHistory>(PreventionText.Problem("riskPoint", "override.none_in_force", "Risk_NoOverrideInForce", RiskPointId))
            : InOrder(at) ?? Outcome.Ok(Append(new RiskOverrideWithdrawn(((RiskColourOverridden)Entries[index]).Colour, reason!.Trim(), index, by, at)));
    }

    private static Outcome<RiskHistory>? RegulatorWithReason(string? reason, Actor by)
    {
        if (by.Role != ActorRole.Regulator)
        {
            return Outcome.Forbidden<RiskHistory>(PreventionText.Problem("by", "override.not_regulator", "Risk_OverrideNotRegulator", by.Id));
        }

        return string.IsNullOrWhiteSpace(reason)
            ? Outcome.Refused<RiskHistory>(PreventionText.Problem("reason", "override.reason_required", "Risk_OverrideReasonRequired"))
            : null;
    }

    private Outcome<RiskHistory>? InOrder(DateTimeOffset at) =>
        Entries.Count > 0 && at < Entries[^1].At
            ? Outcome.Conflict<RiskHistory>(PreventionText.Problem("at", "history.out_of_order", "History_OutOfOrder", at, Entries[^1].At))
            : null;

    private RiskHistory Append(RiskHistoryEntry entry) => new(RiskPointId, [.. Entries, entry]);
}
