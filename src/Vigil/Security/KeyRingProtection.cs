using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Vigil.Host.Security;

/// <summary>
/// The Data Protection key ring (which encrypts station keys, cookies and antiforgery tokens) is itself encrypted at
/// rest with an X.509 certificate whose PKCS#12 file lies outside the data directory (issue 12 item 4; SEC
/// confidentiality of secrets at rest): a copy of the data directory alone then yields no station key.
/// <c>Vigil:DataProtection:CertificateFile</c> names the file, <c>Vigil:DataProtection:CertificatePassword</c> its
/// password. A production server refuses to start without it unless <c>Vigil:DataProtection:AllowUnprotected</c> is
/// true; development, the tests and demo mode (synthetic data only) run without one.
/// </summary>
internal static class KeyRingProtection
{
    public const string CertificateFileKey = "Vigil:DataProtection:CertificateFile";

    /// <summary>Persists the key ring in <c>&lt;data&gt;/keys</c>, encrypted with the configured certificate if there is one.</summary>
    public static void AddVigilKeyRing(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var ring = services.AddDataProtection()
            .SetApplicationName("Vigil")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        if (configuration[CertificateFileKey] is { Length: > 0 } file)
        {
            // Load once; both directions use it, so no certificate store is needed (Linux has none for this).
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(Path.GetFullPath(file), configuration["Vigil:DataProtection:CertificatePassword"]);
            ring.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
    }

    /// <summary>
    /// Why a server must not start with this configuration, or null: in production the key ring needs a certificate
    /// kept outside <paramref name="dataDirectory"/>, unless running the demo or explicitly allowed.
    /// </summary>
    public static string? Refusal(IHostEnvironment environment, IConfiguration configuration, string dataDirectory)
    {
        if (!environment.IsProduction() || configuration.GetValue<bool>("Vigil:Demo") || configuration.GetValue<bool>("Vigil:DataProtection:AllowUnprotected"))
        {
            return null;
        }

        if (configuration[CertificateFileKey] is not { Length: > 0 } file)
        {
            return HostText.Format("keyRing.unprotected", CertificateFileKey);
        }

        var full = Path.GetFullPath(file);
        var data = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDirectory)) + Path.DirectorySeparatorChar;
        return full.StartsWith(data, StringComparison.Ordinal) ? HostText.Format("keyRing.insideData", CertificateFileKey, full, dataDirectory) : null;
    }
}

/// <summary>A configuration the server refuses to start with; its message is the reason, shown on stderr (exit 2).</summary>
internal sealed class StartupRefusedException(string message) : Exception(message);
