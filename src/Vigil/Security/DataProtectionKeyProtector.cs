using Microsoft.AspNetCore.DataProtection;
using Vigil.Security.Keys;

namespace Vigil.Host.Security;

/// <summary>The core's key protector over ASP.NET Core Data Protection (seed 004 §7.3, §7.4; SEC secrets at rest).</summary>
internal sealed class DataProtectionKeyProtector(IDataProtectionProvider provider) : IKeyProtector
{
    // A purpose string of its own: nothing else protected by Vigil (cookies, antiforgery) can be unprotected as a key.
    private readonly IDataProtector _protector = provider.CreateProtector("Vigil.StationKeys.v1");

    public byte[] Protect(byte[] plaintext) => _protector.Protect(plaintext);

    public byte[] Unprotect(byte[] protectedData) => _protector.Unprotect(protectedData);
}
