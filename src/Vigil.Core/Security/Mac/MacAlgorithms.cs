using System.Diagnostics.CodeAnalysis;
using Vigil.Common;

namespace Vigil.Security.Mac;

/// <summary>What each <see cref="MacAlgorithm"/> needs: its name on the command line, key length, key checks and cipher.</summary>
public static class MacAlgorithms
{
    /// <summary>The names accepted by <c>vigil mac --algorithm</c>, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["aes", "3des"];

    public static string Name(this MacAlgorithm algorithm) => algorithm switch
    {
        MacAlgorithm.Aes128 => "aes",
        MacAlgorithm.RetailDes => "3des",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
    };

    /// <summary>Key length in bytes: 16 for AES-128, 16 (K1‖K2) for the double-length DES key.</summary>
    public static int KeyLength(this MacAlgorithm algorithm) => algorithm switch
    {
        MacAlgorithm.Aes128 => 16,
        MacAlgorithm.RetailDes => 16,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
    };

    /// <summary>Reads an algorithm name ("aes", "3des"; any case).</summary>
    public static bool TryParse(string? text, string field, out MacAlgorithm algorithm, [NotNullWhen(false)] out Problem? problem)
    {
        problem = null;
        algorithm = default;
        if (text is null)
        {
            problem = SecurityText.Problem(field, "argument.missing", "ArgumentMissing");
            return false;
        }

        foreach (var candidate in Enum.GetValues<MacAlgorithm>())
        {
            if (string.Equals(text, candidate.Name(), StringComparison.OrdinalIgnoreCase))
            {
                algorithm = candidate;
                return true;
            }
        }

        problem = SecurityText.Problem(field, "algorithm.unknown", "AlgorithmUnknown", text, string.Join(", ", Names));
        return false;
    }

    /// <summary>
    /// Null when <paramref name="key"/> is usable for <paramref name="algorithm"/>; otherwise why not.
    /// DES refuses weak and semi-weak key halves, whose encryption is its own inverse or another key's.
    /// </summary>
    public static Problem? CheckKey(MacAlgorithm algorithm, ReadOnlySpan<byte> key, string field)
    {
        var expected = algorithm.KeyLength();
        if (key.Length != expected)
        {
            return SecurityText.Problem(field, "key.length", "KeyLengthWrong", algorithm.Name(), expected, expected * 2, key.Length);
        }

        if (algorithm == MacAlgorithm.RetailDes && RetailDesMacCipher.WeakHalf(key) is var half and > 0)
        {
            return SecurityText.Problem(field, "key.weak", "KeyWeak", half);
        }

        return null;
    }

    /// <summary>
    /// The key check value: the first 3 bytes of the key's encryption of an all-zero block (AES-128; for the
    /// double-length DES key the two-key 3DES encryption, which is the retail MAC's single-block path). Whoever loads a
    /// key compares it to tell a right key from a corrupted or mistyped one without showing the key.
    /// </summary>
    public static byte[] CheckValue(MacAlgorithm algorithm, ReadOnlySpan<byte> key)
    {
        using var cipher = CreateCipher(algorithm, key);
        Span<byte> block = stackalloc byte[cipher.BlockSize];
        block.Clear();
        cipher.EncryptBlock(block);
        cipher.TransformOutput(block);
        return block[..3].ToArray();
    }

    /// <summary>A keyed cipher for <paramref name="algorithm"/>; the key must have passed <see cref="CheckKey"/>.</summary>
    public static IMacCipher CreateCipher(MacAlgorithm algorithm, ReadOnlySpan<byte> key)
    {
        Guard.Requires(CheckKey(algorithm, key, nameof(key)) is null, nameof(key), "The key does not fit the algorithm; call CheckKey first.");
        return algorithm switch
        {
            MacAlgorithm.Aes128 => new AesMacCipher(key),
            MacAlgorithm.RetailDes => new RetailDesMacCipher(key),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
        };
    }
}
