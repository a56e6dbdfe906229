using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Vigil.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Server_answers_health_and_serves_its_OpenAPI_document()
    {
        await using var factory = new WebApplicationFactory<Program>();
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
        var openApi = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Contains("\"openapi\"", openApi, StringComparison.Ordinal);
    }
}
