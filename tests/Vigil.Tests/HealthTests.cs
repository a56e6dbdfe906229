using System.Net;

namespace Vigil.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Server_answers_health_and_serves_its_OpenAPI_document()
    {
        await using var factory = new VigilFactory();
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
        var openApi = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Contains("/api/incidents/{id}/proposals", openApi, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_mode_seeds_synthetic_incidents_once()
    {
        await using var factory = new VigilFactory { Demo = true };
        using var client = await factory.As("全国科员", "division-staff", "000000");
        var list = await client.GetJson("/api/incidents");
        Assert.Equal(3, list["total"]!.GetValue<int>());
        Assert.All(list["items"]!.AsArray(), i => Assert.StartsWith("（演示）", i!["title"]!.GetValue<string>(), StringComparison.Ordinal));
        var stations = (await client.GetJson("/api/stations")).AsArray();
        Assert.Equal(2, stations.Count);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(new Uri("/api/intake/status", UriKind.Relative))).StatusCode);
        var admin = await factory.Admin();
        Assert.Equal(2 * 48 * 6, (await admin.GetJson("/api/intake/status"))["readings"]!.GetValue<int>());
    }

    [Fact]
    public async Task Demo_accounts_exist_only_in_demo_mode_and_say_they_are_demo()
    {
        await using (var demo = new VigilFactory { Demo = true })
        {
            var (signedIn, client) = await demo.SignIn("demo-duty", "vigil-demo-2026");
            Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
            var me = await client.GetJson("/api/auth/me");
            Assert.True(me["user"]!["isDemo"]!.GetValue<bool>());
            Assert.Contains("演示账户", me["user"]!["displayName"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(1, (await client.GetJson("/api/incidents"))["total"]!.GetValue<int>());
        }

        await using var plain = new VigilFactory();
        var (refused, _) = await plain.SignIn("demo-duty", "vigil-demo-2026");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
