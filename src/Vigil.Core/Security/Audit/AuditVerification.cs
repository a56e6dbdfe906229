namespace Vigil.Security.Audit;

/// <summary>How the chain was found broken (issue 3: "edited, deleted, reordered or inserted").</summary>
public enum AuditBreakKind
{
    /// <summary>The entry's content no longer gives its stored hash, or no longer matches the anchored head.</summary>
    Edited,

    /// <summary>Sequence numbers jump, the previous hash points at an entry that is not there, or the newest entries are gone.</summary>
    Deleted,

    /// <summary>The entry is stored before an entry with a lower sequence number.</summary>
    Reordered,

    /// <summary>A sequence number appears twice or is out of range.</summary>
    Inserted,
}

/// <summary>The first place the chain is broken.</summary>
/// <param name="Sequence">Sequence number of the first broken entry (the first missing one when the tail is gone).</param>
/// <param name="Position">0-based position in the order the entries were given (storage order); equals the count when the tail is gone.</param>
/// <param name="Kind">What kind of tampering it shows.</param>
/// <param name="Message">Localized explanation naming the entry.</param>
public sealed record AuditBreak(long Sequence, int Position, AuditBreakKind Kind, string Message);

/// <summary>The verdict on a chain: whole, or the first break.</summary>
public sealed record AuditVerification(AuditBreak? Break)
{
    public bool IsWhole => Break is null;

    public static AuditVerification Whole { get; } = new((AuditBreak?)null);
}
