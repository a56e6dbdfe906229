using System.Security.Cryptography;
using Vigil.Security.Keys;

namespace Vigil.Core.Tests.Security;

/// <summary>
/// AES-GCM under a random per-instance key: a real authenticated protector standing in for the host's
/// Data Protection, so a test that unprotects with another instance or altered bytes fails as it would there.
/// </summary>
internal sealed class TestKeyProtector : IKeyProtector
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public byte[] Protect(byte[] plaintext)
    {
        var result = new byte[12 + 16 + plaintext.Length];
        RandomNumberGenerator.Fill(result.AsSpan(0, 12));
        using var gcm = new AesGcm(_key, 16);
        gcm.Encrypt(result.AsSpan(0, 12), plaintext, result.AsSpan(28), result.AsSpan(12, 16));
        return result;
    }

    public byte[] Unprotect(byte[] protectedData)
    {
        var plaintext = new byte[protectedData.Length - 28];
        using var gcm = new AesGcm(_key, 16);
        gcm.Decrypt(protectedData.AsSpan(0, 12), protectedData.AsSpan(28), protectedData.AsSpan(12, 16), plaintext);
        return plaintext;
    }
}
