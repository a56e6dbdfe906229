using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Vigil.Core.Tests.Common;
using Vigil.Security.Audit;

namespace Vigil.Core.Tests.Security;

public sealed class AuditChainTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A fixed test secret (never a real one): 32 bytes 0x00…0x1F.</summary>
    private static readonly byte[] Secret = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];

    private static readonly AuditKey Key = new(Secret);

    [Fact]
    public void A_chain_of_a_thousand_entries_is_whole()
    {
        var chain = Chain(1000);
        Assert.True(AuditChain.Verify(Key, chain).IsWhole);
        Assert.True(AuditChain.Verify(Key, chain, Head(chain[^1])).IsWhole);
        Assert.True(AuditChain.Verify(Key, chain, Head(chain[499])).IsWhole);
    }

    [Fact]
    public void An_empty_chain_is_whole() => Assert.True(AuditChain.Verify(Key, []).IsWhole);

    [Fact]
    public void The_first_entry_starts_from_32_zero_bytes_and_each_next_one_points_at_the_one_before()
    {
        var chain = Chain(3);
        Assert.Equal(1, chain[0].Sequence);
        Assert.Equal(new byte[32], chain[0].PreviousHash);
        Assert.Equal(new byte[32], AuditChain.GenesisHash);
        Assert.Equal(chain[0].Hash, chain[1].PreviousHash);
        Assert.Equal(chain[1].Hash, chain[2].PreviousHash);
        Assert.Equal(3, chain[2].Sequence);
    }

    [Fact]
    public void The_hash_is_HMAC_SHA_256_under_the_derived_chain_key_over_the_documented_encoding()
    {
        var entry = AuditChain.Append(Key, null, new DateTimeOffset(2026, 3, 1, 16, 0, 0, TimeSpan.FromHours(8)), Event(7));

        // Rebuilt here from the encoding's documentation, independently of AuditChain.Encode.
        var expected = new List<byte>("VIGIL-AUDIT-2"u8.ToArray());
        var number = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, 1);
        expected.AddRange(number);
        expected.AddRange(new byte[32]);
        BinaryPrimitives.WriteInt64BigEndian(number, new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc).Ticks);
        expected.AddRange(number);
        var e = entry.Event;
        foreach (var text in new[] { e.ActorId, e.ActorName, e.Role, e.Action, e.TargetType, e.TargetId, e.DivisionCode, e.DetailsJson })
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var length = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(length, (uint)bytes.Length);
            expected.AddRange(length);
            expected.AddRange(bytes);
        }

        var chainKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, Secret, 32, info: "VIGIL-AUDIT-CHAIN"u8.ToArray());
        Assert.Equal(HMACSHA256.HashData(chainKey, expected.ToArray()), entry.Hash);
        Assert.Equal(TimeSpan.Zero, entry.Timestamp.Offset);
    }

    [Fact]
    public void Moving_text_between_neighbouring_fields_changes_the_hash()
    {
        var one = Event(1) with { ActorId = "u-1", ActorName = "张三" };
        var other = one with { ActorId = "u-1张", ActorName = "三" };
        Assert.NotEqual(AuditChain.Append(Key, null, Start, one).Hash, AuditChain.Append(Key, null, Start, other).Hash);

        var emptyDetails = Event(1) with { TargetId = "42", DetailsJson = "" };
        var emptyTarget = Event(1) with { TargetId = "", DetailsJson = "42" };
        Assert.NotEqual(AuditChain.Append(Key, null, Start, emptyDetails).Hash, AuditChain.Append(Key, null, Start, emptyTarget).Hash);
    }

    [Theory]
    [InlineData("details")]
    [InlineData("actor")]
    [InlineData("division")]
    [InlineData("timestamp")]
    public void An_edited_entry_is_named_as_edited(string field)
    {
        var chain = Chain(1000);
        var entry = chain[499];
        chain[499] = field switch
        {
            "details" => entry with { Event = entry.Event with { DetailsJson = """{"deaths":0}""" } },
            "actor" => entry with { Event = entry.Event with { ActorId = "u-999" } },
            "division" => entry with { Event = entry.Event with { DivisionCode = "310112" } },
            _ => entry with { Timestamp = entry.Timestamp.AddTicks(1) },
        };

        AssertBroken(AuditChain.Verify(Key, chain), 500, 499, AuditBreakKind.Edited);
    }

    [Fact]
    public void An_edited_and_rehashed_entry_breaks_the_link_of_the_entry_after_it()
    {
        var chain = Chain(20);
        var old = chain[9];
        var content = old.Event with { DetailsJson = "{}" };
        chain[9] = old with { Event = content, Hash = AuditChain.ComputeHash(Key, old.Sequence, old.PreviousHash, old.Timestamp, content) };

        var result = AuditChain.Verify(Key, chain);
        AssertBroken(result, 11, 10, AuditBreakKind.Deleted);
        Assert.Contains("10", result.Break!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deleted_entry_is_named_by_the_entry_after_the_gap()
    {
        var chain = Chain(1000);
        chain.RemoveAt(499);
        var result = AuditChain.Verify(Key, chain);
        AssertBroken(result, 501, 499, AuditBreakKind.Deleted);
    }

    [Fact]
    public void Deleting_the_first_entry_is_caught()
    {
        var chain = Chain(5);
        chain.RemoveAt(0);
        AssertBroken(AuditChain.Verify(Key, chain), 2, 0, AuditBreakKind.Deleted);
    }

    [Fact]
    public void A_replaced_first_entry_is_caught_by_its_previous_hash()
    {
        var chain = Chain(5);
        var first = chain[0];
        var fakePrevious = Enumerable.Repeat((byte)1, 32).ToArray();
        chain[0] = first with { PreviousHash = fakePrevious, Hash = AuditChain.ComputeHash(Key, 1, fakePrevious, first.Timestamp, first.Event) };
        AssertBroken(AuditChain.Verify(Key, chain), 1, 0, AuditBreakKind.Deleted);
    }

    [Fact]
    public void Deleting_the_newest_entries_is_caught_only_against_the_anchored_head()
    {
        var chain = Chain(100);
        var head = Head(chain[^1]);
        chain.RemoveRange(97, 3);

        Assert.True(AuditChain.Verify(Key, chain).IsWhole);
        AssertBroken(AuditChain.Verify(Key, chain, head), 98, 97, AuditBreakKind.Deleted);
    }

    [Fact]
    public void A_chain_recomputed_from_an_edit_on_is_caught_only_against_the_anchored_head()
    {
        var chain = Chain(50);
        var head = Head(chain[^1]);
        var rewritten = chain.Take(19).ToList();
        for (var i = 19; i < 50; i++)
        {
            var content = i == 19 ? chain[i].Event with { DetailsJson = """{"forged":true}""" } : chain[i].Event;
            rewritten.Add(AuditChain.Append(Key, rewritten[^1], chain[i].Timestamp, content));
        }

        Assert.True(AuditChain.Verify(Key, rewritten).IsWhole);
        AssertBroken(AuditChain.Verify(Key, rewritten, head), 50, 49, AuditBreakKind.Edited);
    }

    [Fact]
    public void Without_the_key_an_edited_entry_cannot_be_given_a_hash_that_verifies()
    {
        // Issue 12 item 5: with a bare SHA-256 anyone could recompute; under another key nothing verifies.
        var chain = Chain(20);
        var other = new AuditKey(AuditKey.NewSecret());
        var rewritten = chain.Take(9).ToList();
        for (var i = 9; i < 20; i++)
        {
            rewritten.Add(AuditChain.Append(other, rewritten[^1], chain[i].Timestamp, i == 9 ? chain[i].Event with { Action = "forged" } : chain[i].Event));
        }

        AssertBroken(AuditChain.Verify(Key, rewritten), 10, 9, AuditBreakKind.Edited);
        Assert.False(AuditChain.Verify(other, chain).IsWhole);
    }

    [Fact]
    public void A_checkpoint_signed_with_the_key_catches_a_deleted_tail_and_a_forged_one_is_not_authentic()
    {
        var chain = Chain(30);
        var checkpoint = AuditCheckpoint.Sign(Key, chain[^1], Start.AddDays(1));
        Assert.True(checkpoint.IsAuthentic(Key));
        Assert.True(AuditChain.Verify(Key, chain, checkpoint.ToHead()).IsWhole);

        chain.RemoveRange(25, 5);
        AssertBroken(AuditChain.Verify(Key, chain, checkpoint.ToHead()), 26, 25, AuditBreakKind.Deleted);

        // Moved back to the shortened chain, or re-signed without the key, the checkpoint is no longer authentic.
        Assert.False((checkpoint with { Sequence = 25, Head = chain[^1].Hash }).IsAuthentic(Key));
        Assert.False(AuditCheckpoint.Sign(new AuditKey(AuditKey.NewSecret()), chain[^1], Start.AddDays(1)).IsAuthentic(Key));
        Assert.False((checkpoint with { At = checkpoint.At.AddTicks(1) }).IsAuthentic(Key));
        Assert.True(AuditCheckpoint.Sign(Key, null, Start).IsAuthentic(Key));
        Assert.True(AuditChain.Verify(Key, [], AuditCheckpoint.Sign(Key, null, Start).ToHead()).IsWhole);
    }

    [Fact]
    public void Swapped_entries_are_named_as_reordered()
    {
        var chain = Chain(1000);
        (chain[499], chain[500]) = (chain[500], chain[499]);
        var result = AuditChain.Verify(Key, chain);
        AssertBroken(result, 501, 499, AuditBreakKind.Reordered);
    }

    [Fact]
    public void An_entry_moved_to_the_end_is_named_as_reordered()
    {
        var chain = Chain(10);
        var moved = chain[3];
        chain.RemoveAt(3);
        chain.Add(moved);
        AssertBroken(AuditChain.Verify(Key, chain), 5, 3, AuditBreakKind.Reordered);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_forged_entry_inserted_with_a_valid_hash_is_named_as_inserted(bool forgedBeforeTheReal)
    {
        var chain = Chain(1000);
        var forged = AuditChain.Append(Key, chain[498], chain[499].Timestamp, chain[499].Event with { Action = "case.close" });
        chain.Insert(forgedBeforeTheReal ? 499 : 500, forged);

        AssertBroken(AuditChain.Verify(Key, chain), 500, 500, AuditBreakKind.Inserted);
    }

    [Fact]
    public void An_entry_with_a_non_positive_sequence_is_named_as_inserted()
    {
        var chain = Chain(3);
        var bogus = chain[0] with { Sequence = 0 };
        chain.Insert(1, bogus with { Hash = AuditChain.ComputeHash(Key, 0, bogus.PreviousHash, bogus.Timestamp, bogus.Event) });
        AssertBroken(AuditChain.Verify(Key, chain), 0, 1, AuditBreakKind.Inserted);
    }

    [Fact]
    public void Text_with_no_UTF_8_form_is_refused_when_appended_and_counts_as_edited_when_found()
    {
        var lone = "\uD800";
        Assert.ThrowsAny<ArgumentException>(() => AuditChain.Append(Key, null, Start, Event(1) with { ActorName = lone }));

        var chain = Chain(3);
        chain[1] = chain[1] with { Event = chain[1].Event with { ActorName = lone } };
        AssertBroken(AuditChain.Verify(Key, chain), 2, 1, AuditBreakKind.Edited);
    }

    [Fact]
    public void Broken_hash_lengths_count_as_edited()
    {
        var chain = Chain(3);
        chain[2] = chain[2] with { Hash = chain[2].Hash[..31] };
        AssertBroken(AuditChain.Verify(Key, chain), 3, 2, AuditBreakKind.Edited);
    }

    [Fact]
    public void The_break_is_explained_in_Chinese_under_zh_CN_and_in_English_under_en()
    {
        var chain = Chain(10);
        chain.RemoveAt(4);
        using (new CultureScope("zh-CN"))
        {
            Assert.Equal("审计记录 6：缺少记录 5 至 5（已被删除）。", AuditChain.Verify(Key, chain).Break!.Message);
        }

        using (new CultureScope("en-US"))
        {
            Assert.Equal("Audit entry 6: entries 5 to 5 are missing (deleted).", AuditChain.Verify(Key, chain).Break!.Message);
        }
    }

    private static void AssertBroken(AuditVerification result, long sequence, int position, AuditBreakKind kind)
    {
        Assert.False(result.IsWhole);
        var broken = result.Break!;
        Assert.Equal((sequence, position, kind), (broken.Sequence, broken.Position, broken.Kind));
        Assert.Contains(sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), broken.Message, StringComparison.Ordinal);
    }

    private static AuditHead Head(AuditEntry entry) => new(entry.Sequence, entry.Hash);

    private static List<AuditEntry> Chain(int count)
    {
        var chain = new List<AuditEntry>(count);
        for (var i = 1; i <= count; i++)
        {
            chain.Add(AuditChain.Append(Key, chain.Count == 0 ? null : chain[^1], Start.AddMinutes(i), Event(i)));
        }

        return chain;
    }

    private static AuditEvent Event(int i) => new(
        ActorId: $"u-{i % 7}",
        ActorName: $"值班员{i % 7}",
        Role: "duty-officer",
        Action: i % 3 == 0 ? "incident.follow-up" : "incident.report",
        TargetType: "Incident",
        TargetId: $"INC-2026-{i:D4}",
        DivisionCode: "310104",
        DetailsJson: $$"""{"n":{{i}},"note":"合成数据"}""");
}
