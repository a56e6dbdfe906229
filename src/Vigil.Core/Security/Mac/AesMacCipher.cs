using System.Security.Cryptography;

namespace Vigil.Security.Mac;

/// <summary>AES-128 for MAC algorithm 1 (seed 004 §8.2.4.2, 16-byte blocks): plain CBC, no output transformation.</summary>
internal sealed class AesMacCipher : IMacCipher
{
    private readonly Aes _aes;

    public AesMacCipher(ReadOnlySpan<byte> key)
    {
        _aes = Aes.Create();
        _aes.Key = key.ToArray();
    }

    public MacAlgorithm Algorithm => MacAlgorithm.Aes128;

    public int BlockSize => 16;

    public void EncryptBlock(Span<byte> block)
    {
        Span<byte> output = stackalloc byte[16];
        _aes.EncryptEcb(block, output, PaddingMode.None);
        output.CopyTo(block);
    }

    public void TransformOutput(Span<byte> block)
    {
        // Output transformation 1 is the identity: the MAC is the last CBC block.
    }

    public void Dispose() => _aes.Dispose();
}
