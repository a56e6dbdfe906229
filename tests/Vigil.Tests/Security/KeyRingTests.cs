using System.Net;
using Microsoft.Extensions.Configuration;
using Vigil.Host.Security;

namespace Vigil.Tests.Security;

/// <summary>
/// Issue 12 item 4 (SEC confidentiality of secrets at rest): the Data Protection key ring in the data directory is
/// encrypted with a certificate kept elsewhere, so the data directory alone opens no station key; in production a
/// certificate inside the data directory, or none, is refused.
/// </summary>
public sealed class KeyRingTests : IDisposable
{
    private readonly string _elsewhere = Path.Combine(Path.GetTempPath(), "vigil-cert-" + Guid.NewGuid().ToString("N"));

    public KeyRingTests() => Directory.CreateDirectory(_elsewhere);

    public void Dispose() => Directory.Delete(_elsewhere, recursive: true);

    [Fact]
    public async Task Without_a_certificate_the_key_ring_lies_in_the_clear_and_with_one_it_is_encrypted()
    {
        await using (var plain = new VigilFactory())
        {
            await plain.Admin();
            Assert.Contains("unencrypted form", await KeyRing(plain), StringComparison.Ordinal);
        }

        await using var protectedApp = new VigilFactory { Settings = new Dictionary<string, string> { [KeyRingProtection.CertificateFileKey] = TestCertificate.Write(_elsewhere) } };
        using var admin = await protectedApp.Admin();
        var ring = await KeyRing(protectedApp);
        Assert.Contains("encryptedSecret", ring, StringComparison.Ordinal);
        Assert.DoesNotContain("unencrypted form", ring, StringComparison.Ordinal);

        // The ring still opens with the certificate: cookies and antiforgery tokens issued under it work.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri("/api/users", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task In_production_no_certificate_or_one_inside_the_data_directory_is_refused_and_one_outside_is_used()
    {
        var data = Path.Combine(_elsewhere, "data");
        var inside = TestCertificate.Write(Directory.CreateDirectory(data).FullName);
        var outside = TestCertificate.Write(_elsewhere);
        var production = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" };
        Assert.Contains(KeyRingProtection.CertificateFileKey, KeyRingProtection.Refusal(production, Configuration(), data), StringComparison.Ordinal);
        Assert.Contains(data, KeyRingProtection.Refusal(production, Configuration((KeyRingProtection.CertificateFileKey, inside)), data), StringComparison.Ordinal);
        Assert.Null(KeyRingProtection.Refusal(production, Configuration((KeyRingProtection.CertificateFileKey, outside)), data));
        Assert.Null(KeyRingProtection.Refusal(production, Configuration(("Vigil:DataProtection:AllowUnprotected", "true")), data));
        Assert.Null(KeyRingProtection.Refusal(production, Configuration(("Vigil:Demo", "true")), data));
        Assert.Null(KeyRingProtection.Refusal(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Development" }, Configuration(), data));

        await using var app = new VigilFactory { EnvironmentName = "Production", Settings = new Dictionary<string, string> { [KeyRingProtection.CertificateFileKey] = outside } };
        using var admin = await app.Admin();
        Assert.Contains("encryptedSecret", await KeyRing(app), StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();

    private static async Task<string> KeyRing(VigilFactory app) =>
        string.Concat(await Task.WhenAll(Directory.GetFiles(Path.Combine(app.DataDirectory, "keys"), "*.xml").Select(f => File.ReadAllTextAsync(f))));
}
