using System.Security.Cryptography;

namespace Vigil.Security.Keys;

/// <summary>
/// Keeps key material encrypted whenever it is stored or moved (seed 004 §7.3 keys loaded and updated only encrypted,
/// §7.4 never readable outside the key store; SEC confidentiality of secrets at rest). The host implements it over
/// ASP.NET Core Data Protection, whose <c>IDataProtector.Protect/Unprotect(byte[])</c> have this shape; the core only
/// ever holds protected bytes and unprotects a key for the moment it computes with it.
/// </summary>
public interface IKeyProtector
{
    /// <summary>Encrypts and authenticates <paramref name="plaintext"/>.</summary>
    byte[] Protect(byte[] plaintext);

    /// <summary>Recovers what <see cref="Protect"/> encrypted.</summary>
    /// <exception cref="CryptographicException">The data was altered or protected under another key ring.</exception>
    byte[] Unprotect(byte[] protectedData);
}
