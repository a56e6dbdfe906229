using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Vigil.Common;

namespace Vigil.Security.Audit;

/// <summary>
/// The audit trail's hash chain (SEC non-repudiation: "a log that cannot be rewritten unnoticed"; DESIGN principle 2).
/// Each entry's hash covers its sequence number, the previous entry's hash and all of its content, so editing,
/// deleting, reordering or inserting an entry breaks the chain at that entry. The hash is an HMAC-SHA-256 under an
/// <see cref="AuditKey"/> kept outside the database (issue 12 item 5), so the chain cannot be recomputed after an
/// edit by someone who holds only the database; a signed <see cref="AuditCheckpoint"/> kept elsewhere also catches a
/// deleted tail, which no chain can see on its own.
/// </summary>
public static class AuditChain
{
    /// <summary>SHA-256 length; also the length of the genesis previous hash.</summary>
    public const int HashLength = 32;

    // Versioned domain tag: a different encoding later gets a different tag (2: keyed with HMAC), and no other
    // use of the key can produce a value that also verifies as an audit hash.
    private static readonly byte[] Tag = "VIGIL-AUDIT-2"u8.ToArray();

    // Strict UTF-8: a lone surrogate would otherwise become U+FFFD, and two different strings would encode alike.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The previous hash of the first entry: 32 zero bytes.</summary>
    public static IReadOnlyList<byte> GenesisHash { get; } = new byte[HashLength];

    /// <summary>The entry that follows <paramref name="last"/> (or starts the chain when it is null).</summary>
    /// <exception cref="ArgumentException">A text field holds an unpaired surrogate, which has no UTF-8 form.</exception>
    public static AuditEntry Append(AuditKey key, AuditEntry? last, DateTimeOffset timestamp, AuditEvent content)
    {
        var sequence = last is null ? 1 : last.Sequence + 1;
        var previous = last is null ? new byte[HashLength] : (byte[])last.Hash.Clone();
        var utc = timestamp.ToUniversalTime();
        return new AuditEntry(sequence, utc, content, previous, ComputeHash(key, sequence, previous, utc, content));
    }

    /// <summary>HMAC-SHA-256 under <paramref name="key"/> over <see cref="Encode"/>.</summary>
    public static byte[] ComputeHash(AuditKey key, long sequence, ReadOnlySpan<byte> previousHash, DateTimeOffset timestamp, AuditEvent content) =>
        Guard.NotNull(key, nameof(key)).Chain(Encode(sequence, previousHash, timestamp, content));

    /// <summary>
    /// The canonical bytes that are hashed, in this order (all integers big-endian):
    /// <list type="number">
    /// <item>the 13 ASCII bytes <c>VIGIL-AUDIT-2</c>;</item>
    /// <item>sequence: 8-byte signed integer;</item>
    /// <item>previous hash: exactly 32 bytes;</item>
    /// <item>timestamp: 8-byte signed integer, UTC ticks (100 ns since 0001-01-01);</item>
    /// <item>actor id, actor name, role, action, target type, target id, division code, details JSON: each as a 4-byte
    /// unsigned length followed by that many bytes of strict UTF-8.</item>
    /// </list>
    /// Every field is fixed-length or length-prefixed and their order is fixed, so two different entries never
    /// encode to the same bytes (moving text from one field to the next changes a length prefix).
    /// </summary>
    public static byte[] Encode(long sequence, ReadOnlySpan<byte> previousHash, DateTimeOffset timestamp, AuditEvent content)
    {
        Guard.Requires(previousHash.Length == HashLength, nameof(previousHash), "A previous hash is 32 bytes.");
        string[] texts =
        [
            content.ActorId, content.ActorName, content.Role, content.Action,
            content.TargetType, content.TargetId, content.DivisionCode, content.DetailsJson,
        ];
        var encoded = new byte[texts.Length][];
        var length = Tag.Length + 8 + HashLength + 8;
        for (var i = 0; i < texts.Length; i++)
        {
            encoded[i] = StrictUtf8.GetBytes(Guard.NotNull(texts[i], nameof(content)));
            length += 4 + encoded[i].Length;
        }

        var buffer = new byte[length];
        var span = buffer.AsSpan();
        Tag.CopyTo(span);
        span = span[Tag.Length..];
        BinaryPrimitives.WriteInt64BigEndian(span, sequence);
        previousHash.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt64BigEndian(span[(8 + HashLength)..], timestamp.UtcTicks);
        span = span[(16 + HashLength)..];
        foreach (var bytes in encoded)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span, (uint)bytes.Length);
            bytes.CopyTo(span[4..]);
            span = span[(4 + bytes.Length)..];
        }

        return buffer;
    }

    /// <summary>
    /// Checks a whole chain from its first entry and returns the first break. Pass the entries in storage order
    /// (insertion order, e.g. by row id), not sorted by sequence number, or a reordering cannot be seen as one.
    /// With <paramref name="head"/> (the newest checkpoint's), also requires that entry to be present with that hash,
    /// which catches a deleted tail and a chain recomputed from some entry on.
    /// </summary>
    public static AuditVerification Verify(AuditKey key, IReadOnlyList<AuditEntry> entries, AuditHead? head = null)
    {
        var allSequences = new HashSet<long>(entries.Count);
        foreach (var entry in entries)
        {
            allSequences.Add(entry.Sequence);
        }

        var expectedPrevious = new byte[HashLength];
        for (var position = 0; position < entries.Count; position++)
        {
            var entry = entries[position];
            var expected = position + 1L;
            if (!HashMatches(key, entry))
            {
                return Broken(entry.Sequence, position, AuditBreakKind.Edited, "AuditEdited");
            }

            if (entry.Sequence < expected)
            {
                return Broken(entry.Sequence, position, AuditBreakKind.Inserted, "AuditInserted");
            }

            if (entry.Sequence > expected)
            {
                // The missing number turning up later means the entries were moved, not removed.
                return allSequences.Contains(expected)
                    ? Broken(entry.Sequence, position, AuditBreakKind.Reordered, "AuditReordered", expected)
                    : Broken(entry.Sequence, position, AuditBreakKind.Deleted, "AuditGap", expected, entry.Sequence - 1);
            }

            if (!entry.PreviousHash.AsSpan().SequenceEqual(expectedPrevious))
            {
                return position == 0
                    ? Broken(entry.Sequence, position, AuditBreakKind.Deleted, "AuditNotGenesis")
                    : Broken(entry.Sequence, position, AuditBreakKind.Deleted, "AuditUnlinked", entry.Sequence - 1);
            }

            expectedPrevious = entry.Hash;
        }

        if (head is not null)
        {
            if (head.Sequence > entries.Count)
            {
                return Broken(entries.Count + 1, entries.Count, AuditBreakKind.Deleted, "AuditTruncated", head.Sequence);
            }

            if (head.Sequence >= 1 && !entries[(int)(head.Sequence - 1)].Hash.AsSpan().SequenceEqual(head.Hash))
            {
                return Broken(head.Sequence, (int)(head.Sequence - 1), AuditBreakKind.Edited, "AuditHeadMismatch");
            }
        }

        return AuditVerification.Whole;
    }

    private static bool HashMatches(AuditKey key, AuditEntry entry)
    {
        if (entry.PreviousHash.Length != HashLength || entry.Hash.Length != HashLength)
        {
            return false;
        }

        try
        {
            return CryptographicOperations.FixedTimeEquals(ComputeHash(key, entry.Sequence, entry.PreviousHash, entry.Timestamp, entry.Event), entry.Hash);
        }
        catch (ArgumentException)
        {
            // Text that has no UTF-8 form (a lone surrogate) was never written by Append: it was put there by hand.
            return false;
        }
    }

    private static AuditVerification Broken(long sequence, int position, AuditBreakKind kind, string messageKey, params object[] args) =>
        new(new AuditBreak(sequence, position, kind, SecurityText.Format(messageKey, [sequence, .. args])));
}
