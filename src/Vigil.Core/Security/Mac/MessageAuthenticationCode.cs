using System.Security.Cryptography;

namespace Vigil.Security.Mac;

/// <summary>
/// 报文鉴别码 (MAC) of seed 004 §8.2.4 — ISO/IEC 9797-1 padding method 2 and CBC with a zero IV,
/// written once for every block cipher (SEC integrity: station messages cannot be altered unnoticed).
/// </summary>
public static class MessageAuthenticationCode
{
    /// <summary>The MAC is the leftmost 4 bytes of the result (seed 004 §8.2.2 and §8.2.4.1 step 6).</summary>
    public const int Length = 4;

    /// <summary>Computes the 4-byte MAC of <paramref name="data"/>, padding it first.</summary>
    public static byte[] Compute(IMacCipher cipher, ReadOnlySpan<byte> data)
    {
        var blockSize = cipher.BlockSize;

        // Step 1: the initial chaining value is a block of zeros.
        Span<byte> chain = stackalloc byte[blockSize];
        chain.Clear();

        // Steps 3 and 5: split into blocks and CBC-encrypt every whole block.
        var whole = data.Length / blockSize;
        for (var i = 0; i < whole; i++)
        {
            Xor(chain, data.Slice(i * blockSize, blockSize));
            cipher.EncryptBlock(chain);
        }

        // Step 4, padding method 2: the 0-to-(n-1) bytes left, then 0x80, then zeros to the block size.
        // Data that fills its last block leaves 0 bytes here, so it gets the whole extra block 80 00 ... 00.
        var tail = data[(whole * blockSize)..];
        Xor(chain, tail);
        chain[tail.Length] ^= 0x80;
        cipher.EncryptBlock(chain);

        cipher.TransformOutput(chain);
        var mac = chain[..Length].ToArray();
        CryptographicOperations.ZeroMemory(chain);
        return mac;
    }

    /// <summary>
    /// Whether <paramref name="mac"/> is the MAC of <paramref name="data"/>; compared in constant time so
    /// the time taken does not tell a forger how many leading bytes were right.
    /// </summary>
    public static bool Verify(IMacCipher cipher, ReadOnlySpan<byte> data, ReadOnlySpan<byte> mac) =>
        mac.Length == Length && CryptographicOperations.FixedTimeEquals(Compute(cipher, data), mac);

    private static void Xor(Span<byte> chain, ReadOnlySpan<byte> block)
    {
        for (var i = 0; i < block.Length; i++)
        {
            chain[i] ^= block[i];
        }
    }
}
