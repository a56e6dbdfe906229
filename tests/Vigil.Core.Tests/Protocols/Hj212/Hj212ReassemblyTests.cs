using Vigil.Protocols.Hj212;

namespace Vigil.Core.Tests.Protocols.Hj212;

public sealed class Hj212ReassemblyTests
{
    private static Hj212Message Part(int number, string cp, int count = 3, string mn = "STATION1") =>
        new("20220104140000123", "22", "2061", "123456", mn, 7, count, number, cp);

    [Fact]
    public void Parts_in_any_order_join_in_PNO_order_without_the_split_bit()
    {
        var error = Hj212Reassembly.TryReassemble([Part(3, "c=3"), Part(1, "DataTime=20220104140000;a=1"), Part(2, "b=2")], out var whole);
        Assert.False(error.IsError);
        Assert.Equal("DataTime=20220104140000;a=1;b=2;c=3", whole!.Cp);
        Assert.Equal(5, whole.Flag);
        Assert.Null(whole.PacketCount);
        Assert.Null(whole.PacketNumber);
    }

    [Fact]
    public void Identical_retransmitted_part_counts_once()
    {
        var error = Hj212Reassembly.TryReassemble([Part(1, "a=1"), Part(1, "a=1"), Part(2, "b=2"), Part(3, "c=3")], out var whole);
        Assert.False(error.IsError);
        Assert.Equal("a=1;b=2;c=3", whole!.Cp);
    }

    [Fact]
    public void Missing_part_is_incomplete()
    {
        var error = Hj212Reassembly.TryReassemble([Part(1, "a=1"), Part(3, "c=3")], out var whole);
        Assert.Equal(Hj212ErrorCode.SplitIncomplete, error.Kind);
        Assert.Equal(3, error.Expected);
        Assert.Equal(2, error.Actual);
        Assert.Null(whole);
    }

    [Fact]
    public void Part_of_another_station_is_a_mismatch()
    {
        var error = Hj212Reassembly.TryReassemble([Part(1, "a=1"), Part(2, "b=2", mn: "OTHER"), Part(3, "c=3")], out _);
        Assert.Equal(Hj212ErrorCode.SplitMismatch, error.Kind);
        Assert.Equal(2, error.Position);
    }

    [Fact]
    public void Same_PNO_with_different_content_is_a_mismatch()
    {
        var error = Hj212Reassembly.TryReassemble([Part(1, "a=1"), Part(1, "a=2")], out _);
        Assert.Equal(Hj212ErrorCode.SplitMismatch, error.Kind);
    }

    [Fact]
    public void PNO_beyond_PNUM_or_an_unsplit_part_is_a_numbering_error()
    {
        Assert.Equal(Hj212ErrorCode.SplitNumbering, Hj212Reassembly.TryReassemble([Part(4, "a=1")], out _).Kind);
        var unsplit = Part(1, "a=1") with { PacketCount = null, PacketNumber = null };
        Assert.Equal(Hj212ErrorCode.SplitNumbering, Hj212Reassembly.TryReassemble([unsplit], out _).Kind);
        Assert.Equal(Hj212ErrorCode.SplitIncomplete, Hj212Reassembly.TryReassemble([], out _).Kind);
    }
}
