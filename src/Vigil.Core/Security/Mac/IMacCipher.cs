namespace Vigil.Security.Mac;

/// <summary>
/// The block-cipher half of an ISO/IEC 9797-1 MAC, keyed: what differs between algorithms.
/// Padding, the zero IV and CBC chaining are shared in <see cref="MessageAuthenticationCode"/>,
/// so a new cipher (SM4) only says how to encrypt one block and how to finish the last one.
/// </summary>
public interface IMacCipher : IDisposable
{
    MacAlgorithm Algorithm { get; }

    /// <summary>Block length in bytes: 8 for DES, 16 for AES and SM4.</summary>
    int BlockSize { get; }

    /// <summary>The CBC iteration: encrypts one block of <see cref="BlockSize"/> bytes in place with the MAC key (K1 for algorithm 3).</summary>
    void EncryptBlock(Span<byte> block);

    /// <summary>
    /// The ISO/IEC 9797-1 output transformation applied in place to the last chaining value:
    /// identity for algorithm 1, decrypt with K2 then encrypt with K1 for algorithm 3.
    /// </summary>
    void TransformOutput(Span<byte> block);
}
