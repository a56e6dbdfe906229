using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Vigil.Security.Mac;

/// <summary>
/// The "retail MAC" (ISO/IEC 9797-1 MAC algorithm 3, ANSI X9.19) with a double-length key K1‖K2:
/// single-DES CBC under K1, then the last block decrypted under K2 and encrypted again under K1,
/// which is the triple-DEA form of seed 004 §8.2.4.1 (8-byte blocks).
/// </summary>
[SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms",
    Justification = "Seed 004 §8.2.4.1 and the stations' firmware mandate DEA for the 8-byte-block MAC; AES is offered beside it.")]
internal sealed class RetailDesMacCipher : IMacCipher
{
    private readonly DES _k1;
    private readonly DES _k2;

    public RetailDesMacCipher(ReadOnlySpan<byte> key)
    {
        _k1 = DES.Create();
        _k2 = DES.Create();
        _k1.Key = key[..8].ToArray();
        _k2.Key = key[8..16].ToArray();
    }

    /// <summary>
    /// The 1-based half (K1 = 1, K2 = 2) that is a DES weak or semi-weak key, or 0 when neither is:
    /// such keys make encryption its own inverse (or another key's), and the platform's DES refuses them.
    /// </summary>
    public static int WeakHalf(ReadOnlySpan<byte> key)
    {
        for (var half = 0; half < 2; half++)
        {
            var part = key.Slice(half * 8, 8).ToArray();
            if (DES.IsWeakKey(part) || DES.IsSemiWeakKey(part))
            {
                return half + 1;
            }
        }

        return 0;
    }

    public MacAlgorithm Algorithm => MacAlgorithm.RetailDes;

    public int BlockSize => 8;

    public void EncryptBlock(Span<byte> block)
    {
        Span<byte> output = stackalloc byte[8];
        _k1.EncryptEcb(block, output, PaddingMode.None);
        output.CopyTo(block);
    }

    public void TransformOutput(Span<byte> block)
    {
        Span<byte> decrypted = stackalloc byte[8];
        _k2.DecryptEcb(block, decrypted, PaddingMode.None);
        _k1.EncryptEcb(decrypted, block, PaddingMode.None);
    }

    public void Dispose()
    {
        _k1.Dispose();
        _k2.Dispose();
    }
}
