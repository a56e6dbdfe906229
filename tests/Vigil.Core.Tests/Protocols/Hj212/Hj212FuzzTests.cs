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
