using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Vigil.Tests.Security;

/// <summary>Key ring certificates for tests that run a protected server (issue 12 item 4).</summary>
internal static class TestCertificate
{
    /// <summary>Writes a self-signed RSA certificate with its private key as a PKCS#12 file in <paramref name="directory"/>.</summary>
    public static string Write(string directory)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Vigil key ring (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(directory, "key-ring.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12));
        return path;
    }
}
