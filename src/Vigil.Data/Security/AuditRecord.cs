using Vigil.Security.Audit;

namespace Vigil.Data.Security;

/// <summary>
/// One stored link of the audit chain (SEC non-repudiation). Append-only: the interceptor and the table's triggers
/// refuse updates and deletes. The row id is the storage order the verifier reads in; the timestamp is kept as UTC
/// ticks because the hash covers all 100 ns of it.
/// </summary>
public sealed class AuditRecord : IAppendOnly
{
    public long Id { get; init; }

    public long Sequence { get; init; }

    public long TimestampUtcTicks { get; init; }

    public string ActorId { get; init; } = "";

    public string ActorName { get; init; } = "";

    public string Role { get; init; } = "";

    public string Action { get; init; } = "";

    public string TargetType { get; init; } = "";

    public string TargetId { get; init; } = "";

    public string DivisionCode { get; init; } = "";

    public string DetailsJson { get; init; } = "";

    public byte[] PreviousHash { get; init; } = [];

    public byte[] Hash { get; init; } = [];

    public AuditEntry ToEntry() => new(
        Sequence,
        new DateTimeOffset(TimestampUtcTicks, TimeSpan.Zero),
        new AuditEvent(ActorId, ActorName, Role, Action, TargetType, TargetId, DivisionCode, DetailsJson),
        PreviousHash,
        Hash);

    public static AuditRecord From(AuditEntry entry) => new()
    {
        Sequence = entry.Sequence,
        TimestampUtcTicks = entry.Timestamp.UtcTicks,
        ActorId = entry.Event.ActorId,
        ActorName = entry.Event.ActorName,
        Role = entry.Event.Role,
        Action = entry.Event.Action,
        TargetType = entry.Event.TargetType,
        TargetId = entry.Event.TargetId,
        DivisionCode = entry.Event.DivisionCode,
        DetailsJson = entry.Event.DetailsJson,
        PreviousHash = entry.PreviousHash,
        Hash = entry.Hash,
    };
}
