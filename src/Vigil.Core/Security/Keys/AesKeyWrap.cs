using System.Buffers.Binary;
using System.Security.Cryptography;
using Vigil.Common;

namespace Vigil.Security.Keys;

/// <summary>
/// AES Key Wrap, RFC 3394 §2.2 (the index-based form), for delivering a station's working key encrypted under its
/// key-encryption key (seed 004 §7.3: 「传输过程中的密钥应该经过加密」; issue 12 item 3).
/// </summary>
/// <remarks>
/// .NET has no AES-KW API (there is none in System.Security.Cryptography up to .NET 10), and taking a third-party
/// library for some twenty lines of a fixed, test-vectored algorithm would add a dependency to the key path. It is
/// therefore written here over <see cref="SymmetricAlgorithm.EncryptEcb(ReadOnlySpan{byte}, PaddingMode)"/>
/// (single-block AES, the "W" of the RFC) and checked against the RFC's own test vectors (§4.1–§4.6). Working keys
/// are 16 bytes, a multiple of 8 and at least two blocks, so RFC 3394 applies as is and the padded variant of
/// RFC 5649 is not needed.
/// </remarks>
public static class AesKeyWrap
{
    /// <summary>The default initial value of RFC 3394 §2.2.3.1, checked on unwrap (the integrity check).</summary>
    private const ulong DefaultIv = 0xA6A6A6A6A6A6A6A6;

    /// <summary>Wraps <paramref name="plaintext"/> (16 bytes or more, a multiple of 8) under <paramref name="kek"/> (16, 24 or 32 bytes).</summary>
    public static byte[] Wrap(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> plaintext)
    {
        Guard.Requires(plaintext.Length >= 16 && plaintext.Length % 8 == 0, nameof(plaintext), "RFC 3394 wraps two or more 64-bit blocks.");
        using var aes = Create(kek);
        var n = plaintext.Length / 8;
        var output = new byte[plaintext.Length + 8];
        var registers = output.AsSpan(8);
        plaintext.CopyTo(registers);
        var a = DefaultIv;
        Span<byte> block = stackalloc byte[16];
        for (var j = 0; j <= 5; j++)
        {
            for (var i = 1; i <= n; i++)
            {
                // B = AES(K, A | R[i]); A = MSB(64, B) ^ t where t = (n*j)+i; R[i] = LSB(64, B)
                BinaryPrimitives.WriteUInt64BigEndian(block, a);
                registers.Slice((i - 1) * 8, 8).CopyTo(block[8..]);
                aes.EncryptEcb(block, block, PaddingMode.None);
                a = BinaryPrimitives.ReadUInt64BigEndian(block) ^ (ulong)((n * j) + i);
                block[8..].CopyTo(registers.Slice((i - 1) * 8, 8));
            }
        }

        BinaryPrimitives.WriteUInt64BigEndian(output, a);
        CryptographicOperations.ZeroMemory(block);
        return output;
    }

    /// <summary>
    /// Unwraps what <see cref="Wrap"/> produced, or null when the integrity check fails (another key-encryption key,
    /// or the data was altered): nothing of a failed unwrap is returned.
    /// </summary>
    public static byte[]? Unwrap(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> wrapped)
    {
        if (wrapped.Length < 24 || wrapped.Length % 8 != 0)
        {
            return null;
        }

        using var aes = Create(kek);
        var n = (wrapped.Length / 8) - 1;
        var registers = wrapped[8..].ToArray();
        var a = BinaryPrimitives.ReadUInt64BigEndian(wrapped);
        Span<byte> block = stackalloc byte[16];
        for (var j = 5; j >= 0; j--)
        {
            for (var i = n; i >= 1; i--)
            {
                // B = AES-1(K, (A ^ t) | R[i]) where t = n*j+i; A = MSB(64, B); R[i] = LSB(64, B)
                BinaryPrimitives.WriteUInt64BigEndian(block, a ^ (ulong)((n * j) + i));
                registers.AsSpan((i - 1) * 8, 8).CopyTo(block[8..]);
                aes.DecryptEcb(block, block, PaddingMode.None);
                a = BinaryPrimitives.ReadUInt64BigEndian(block);
                block[8..].CopyTo(registers.AsSpan((i - 1) * 8, 8));
            }
        }

        CryptographicOperations.ZeroMemory(block);
        if (a != DefaultIv)
        {
            CryptographicOperations.ZeroMemory(registers);
            return null;
        }

        return registers;
    }

    private static Aes Create(ReadOnlySpan<byte> kek)
    {
        Guard.Requires(kek.Length is 16 or 24 or 32, nameof(kek), "A key-encryption key is an AES key: 16, 24 or 32 bytes.");
        var aes = Aes.Create();
        aes.Key = kek.ToArray();
        return aes;
    }
}
