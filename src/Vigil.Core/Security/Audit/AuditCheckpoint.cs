using System.Buffers.Binary;
using System.Security.Cryptography;
using Vigil.Common;

namespace Vigil.Security.Audit;

/// <summary>
/// A signed statement, kept outside the database, that the audit chain had <paramref name="Sequence"/> entries and
/// ended in <paramref name="Head"/> at <paramref name="At"/> (issue 12 item 5). Verifying the chain against the newest
/// checkpoint catches what a chain cannot see by itself: its newest entries deleted, or all of it recomputed. The
/// signature is an HMAC-SHA-256 under the <see cref="AuditKey"/>'s checkpoint key, so someone holding only the
/// database can neither forge one nor move one forward.
/// </summary>
public sealed record AuditCheckpoint(long Sequence, byte[] Head, DateTimeOffset At, byte[] Signature)
{
    private static readonly byte[] Tag = "VIGIL-CHECKPOINT-1"u8.ToArray();

    /// <summary>A checkpoint of the chain whose newest entry is <paramref name="newest"/> (null: the empty chain).</summary>
    public static AuditCheckpoint Sign(AuditKey key, AuditEntry? newest, DateTimeOffset at)
    {
        var sequence = newest?.Sequence ?? 0;
        var head = newest is null ? new byte[AuditChain.HashLength] : (byte[])newest.Hash.Clone();
        var utc = at.ToUniversalTime();
        return new AuditCheckpoint(sequence, head, utc, Guard.NotNull(key, nameof(key)).Checkpoint(Encode(sequence, head, utc)));
    }

    /// <summary>Whether the signature is the key's over the other fields (compared in constant time).</summary>
    public bool IsAuthentic(AuditKey key) =>
        Head.Length == AuditChain.HashLength && Sequence >= 0
        && CryptographicOperations.FixedTimeEquals(Guard.NotNull(key, nameof(key)).Checkpoint(Encode(Sequence, Head, At)), Signature);

    public AuditHead ToHead() => new(Sequence, Head);

    /// <summary>Tag, sequence (8 bytes big-endian), head (32 bytes), UTC ticks (8 bytes big-endian).</summary>
    private static byte[] Encode(long sequence, byte[] head, DateTimeOffset at)
    {
        var buffer = new byte[Tag.Length + 8 + AuditChain.HashLength + 8];
        Tag.CopyTo(buffer, 0);
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(Tag.Length), sequence);
        head.CopyTo(buffer, Tag.Length + 8);
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(Tag.Length + 8 + AuditChain.HashLength), at.UtcTicks);
        return buffer;
    }
}
