namespace Vigil.Security.Audit;

/// <summary>
/// One link of the append-only audit chain (SEC; issue 3 part 3): the event, its place, and the hashes that tie it
/// to the entry before. Built by <see cref="AuditChain.Append"/>; read back from storage for <see cref="AuditChain.Verify"/>.
/// </summary>
/// <param name="Sequence">1 for the first entry, then +1 per entry with no gaps.</param>
/// <param name="Timestamp">When it happened, in UTC (hashed as UTC ticks, so storage must keep 100 ns precision).</param>
/// <param name="Event">What happened.</param>
/// <param name="PreviousHash">The previous entry's <see cref="Hash"/>; 32 zero bytes for the first entry.</param>
/// <param name="Hash">SHA-256 of <see cref="AuditChain.Encode"/> of the other fields.</param>
public sealed record AuditEntry(long Sequence, DateTimeOffset Timestamp, AuditEvent Event, byte[] PreviousHash, byte[] Hash);

/// <summary>
/// A head kept outside the audit table (a file, a printed report, another database), so that deleting the newest
/// entries or recomputing the whole chain is noticed too: a bare hash chain cannot see either on its own.
/// </summary>
public sealed record AuditHead(long Sequence, byte[] Hash);
