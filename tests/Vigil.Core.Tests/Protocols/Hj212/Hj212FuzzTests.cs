using System.Diagnostics;
using Vigil.Protocols.Hj212;
using static Vigil.Core.Tests.Protocols.Hj212.Hj212Samples;

namespace Vigil.Core.Tests.Protocols.Hj212;

/// <summary>Property: whatever bytes arrive, the parser answers (ok or a reason) without throwing or hanging.</summary>
public sealed class Hj212FuzzTests
{
    private static readonly byte[] Alphabet = "##0123456789ABCDEFabcdef=;,&-QNSTCPWMFlagPNUMO\r\n \u0001"u8.ToArray();

    [Fact]
    public void Random_bytes_never_throw_and_finish_quickly()
    {
        var random = new Random(20260301);
        var clock = Stopwatch.StartNew();
        for (var n = 0; n < 20_000; n++)
        {
            var bytes = new byte[random.Next(0, 200)];
            if (n % 2 == 0)
            {
                random.NextBytes(bytes);
            }
            else
            {
                for (var i = 0; i < bytes.Length; i++)
                {
                    bytes[i] = Alphabet[random.Next(Alphabet.Length)];
                }
            }

            AssertAnswers(bytes);
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"fuzzing took {clock.Elapsed}");
    }

    [Fact]
    public void Mutated_valid_frames_never_throw_and_keep_a_fixed_CRC_honest()
    {
        var random = new Random(212_2017);
        var seeds = new[] { Frame(RealTimeData), Bytes(AppendixFrame), Frame("QN=20220104140000123;ST=22;CN=2061;PW=1;MN=A1;Flag=7;PNUM=2;PNO=1;CP=&&a21026-Avg=1&&") };
        var accepted = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var bytes = (byte[])seeds[n % seeds.Length].Clone();
            var mutations = random.Next(1, 4);
            for (var m = 0; m < mutations; m++)
            {
                bytes = Mutate(bytes, random);
            }

            if (AssertAnswers(bytes))
            {
                accepted++;
            }

            // Re-frame the mutated data segment with a correct CRC so the field parser is exercised too.
            if (bytes.Length > 12)
            {
                var reframed = new byte[bytes.Length];
                if (Hj212Frame.TryWrite(bytes.AsSpan(6, bytes.Length - 12), reframed, out _))
                {
                    AssertAnswers(reframed);
                }
            }
        }

        Assert.True(accepted < 20_000);
    }

    [Fact]
    public void Random_CP_blocks_are_judged_as_the_CP_rule_says_at_the_first_bad_entry()
    {
        // Long enough to cross the 16-byte blocks of the vectorised check and its scalar tail.
        const string alphabet = "ab1=;,&";
        var random = new Random(9014);
        for (var n = 0; n < 5_000; n++)
        {
            var cp = new string([.. Enumerable.Range(0, random.Next(0, 70)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var data = "ST=32;CN=1062;PW=1;MN=A1;CP=&&" + cp + "&&";
            var error = Hj212Parser.TryParse(Frame(data), out var packet);

            var expectedBad = FirstBadEntry(cp);
            if (expectedBad is { } at)
            {
                Assert.Equal(Hj212ErrorCode.CpSyntax, error.Kind);
                Assert.Equal(6 + data.IndexOf("CP=&&", StringComparison.Ordinal) + 5 + at, error.Position);
            }
            else if (cp.Contains("&&", StringComparison.Ordinal) || cp.EndsWith('&'))
            {
                Assert.True(error.IsError);
            }
            else
            {
                Assert.False(error.IsError, cp);
                Assert.Equal(cp, System.Text.Encoding.ASCII.GetString(packet.Cp));
            }
        }
    }

    /// <summary>Reference rule: every ;/, separated entry has '=' after a non-empty key and no '&amp;'.</summary>
    private static int? FirstBadEntry(string cp)
    {
        if (cp.Length == 0)
        {
            return null;
        }

        var start = 0;
        foreach (var entry in cp.Split(';', ','))
        {
            if (entry.IndexOf('=', StringComparison.Ordinal) <= 0 || entry.Contains('&', StringComparison.Ordinal))
            {
                return start;
            }

            start += entry.Length + 1;
        }

        return null;
    }

    private static bool AssertAnswers(byte[] bytes)
    {
        var error = Hj212Parser.TryParse(bytes, out var packet);
        if (error.IsError)
        {
            Assert.InRange(error.Position, 0, bytes.Length);
            Assert.False(string.IsNullOrEmpty(error.ToProblem().Message));
            return false;
        }

        foreach (var entry in packet.Items)
        {
            Assert.True(entry.Key.Length > 0);
        }

        Assert.NotNull(packet.ToMessage());
        return true;
    }

    private static byte[] Mutate(byte[] bytes, Random random)
    {
        if (bytes.Length == 0)
        {
            return [Alphabet[random.Next(Alphabet.Length)]];
        }

        var at = random.Next(bytes.Length);
        switch (random.Next(4))
        {
            case 0:
                bytes[at] = Alphabet[random.Next(Alphabet.Length)];
                return bytes;
            case 1:
                bytes[at] ^= (byte)(1 << random.Next(8));
                return bytes;
            case 2:
                return [.. bytes.AsSpan(0, at), .. bytes.AsSpan(at + 1)];
            default:
                return [.. bytes.AsSpan(0, at), Alphabet[random.Next(Alphabet.Length)], .. bytes.AsSpan(at)];
        }
    }
}
