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
        using var client = factory.CreateClient();
        var list = await client.GetJson("/api/incidents");
        Assert.Equal(3, list["total"]!.GetValue<int>());
        Assert.All(list["items"]!.AsArray(), i => Assert.StartsWith("（演示）", i!["title"]!.GetValue<string>(), StringComparison.Ordinal));
        var stations = (await client.GetJson("/api/stations")).AsArray();
        Assert.Equal(2, stations.Count);
        Assert.Equal(2 * 48 * 6, (await client.GetJson("/api/intake/status"))["readings"]!.GetValue<int>());
    }
}
