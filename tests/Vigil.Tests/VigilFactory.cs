using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Vigil.Tests;

/// <summary>The real app over the real HTTP pipeline, with its own SQLite file and a clock the test moves.</summary>
public sealed class VigilFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 3, 0, 0, TimeSpan.FromHours(8));

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vigil-http-" + Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Clock { get; } = new(Start);

    public bool Demo { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Vigil:DataDirectory", _directory);
        builder.UseSetting("Vigil:Demo", Demo ? "true" : "false");
        builder.UseSetting("Vigil:Hj212:Port", "0");
        builder.UseSetting("Vigil:Hj212:Address", "127.0.0.1");
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    /// <summary>A client acting as a named operator in a role (the local-operator headers).</summary>
    public HttpClient As(string name, string role, string language = "zh-CN")
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Vigil-Operator", Uri.EscapeDataString(name));
        client.DefaultRequestHeaders.Add("X-Vigil-Role", role);
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}

internal static class HttpJson
{
    public static async Task<(HttpResponseMessage Response, JsonNode Body)> PostJson(this HttpClient client, string url, string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var response = await client.PostAsync(new Uri(url, UriKind.Relative), content);
        return (response, (await response.Content.ReadFromJsonAsync<JsonNode>())!);
    }

    public static async Task<JsonNode> GetJson(this HttpClient client, string url) =>
        (await client.GetFromJsonAsync<JsonNode>(new Uri(url, UriKind.Relative)))!;
}
