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

/// <summary>
/// The real app over the real HTTP pipeline, with a database of its own on <see cref="Engine"/> (a SQLite file in its
/// data directory, or a database on the test PostgreSQL server) and a clock the test moves.
/// </summary>
public sealed class VigilFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 3, 0, 0, TimeSpan.FromHours(8));

    /// <summary>The first administrator's password, given as VIGIL_ADMIN_PASSWORD (test-only, never a real secret).</summary>
    public const string AdminPassword = "test-admin-password";

    /// <summary>Password of every account the tests create.</summary>
    public const string Password = "test-user-password";

    private readonly SemaphoreSlim _adminLock = new(1, 1);
    private readonly Lazy<PostgreSqlDatabase> _postgreSql = new(() => new PostgreSqlDatabase());
    private HttpClient? _admin;
    private int _users;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "vigil-http-" + Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Clock { get; } = new(Start);

    public bool Demo { get; init; }

    /// <summary>The engine the app stores its data in (DESIGN principle 5: storage-touching tests run on both).</summary>
    public DatabaseProvider Engine { get; init; }

    /// <summary>
    /// Another app whose PostgreSQL database this one shares: a second instance of the same installation, with a data
    /// directory of its own (issue 14's two-instance story).
    /// </summary>
    public VigilFactory? SharesDatabaseWith { get; init; }

    /// <summary>The database settings as environment variables, for a CLI process over the same data.</summary>
    public IReadOnlyDictionary<string, string> DatabaseEnvironment => SharesDatabaseWith?.DatabaseEnvironment
        ?? (Engine == DatabaseProvider.PostgreSql
            ? new Dictionary<string, string> { ["Vigil__Database__Provider"] = "PostgreSQL", ["ConnectionStrings__Vigil"] = _postgreSql.Value.ConnectionString }
            : new Dictionary<string, string>());

    /// <summary>Sign-ins per minute per address; high by default so that tests signing many users in are not limited.</summary>
    public int SignInPerMinute { get; init; } = 10_000;

    public int IntakePerMinute { get; init; } = 10_000;

    /// <summary>
    /// Vigil:Hj212:QnWindowMinutes; off (0) unless a test is about replays, because tests send packets with fixed QNs
    /// while they move the clock.
    /// </summary>
    public int QnWindowMinutes { get; init; }

    /// <summary>Further configuration of the server, for a test about one setting.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>How long a writer waits for a locked database (Vigil:Database:BusyTimeoutSeconds).</summary>
    public int BusyTimeoutSeconds { get; init; } = 10;

    /// <summary>The hosting environment; the factory's default (Development) unless a test is about another.</summary>
    public string? EnvironmentName { get; init; }

    /// <summary>Anonymous hazard reports per minute per address (high unless a test is about the limit).</summary>
    public int PublicReportsPerMinute { get; init; } = 10_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Vigil:DataDirectory", DataDirectory);
        builder.UseSetting("Vigil:Demo", Demo ? "true" : "false");
        foreach (var (key, value) in DatabaseEnvironment)
        {
            builder.UseSetting(key.Replace("__", ":", StringComparison.Ordinal), value);
        }

        builder.UseSetting("Vigil:Hj212:Port", "0");
        builder.UseSetting("Vigil:Hj212:Address", "127.0.0.1");
        builder.UseSetting("Vigil:Hj212:QnWindowMinutes", QnWindowMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Vigil:Database:BusyTimeoutSeconds", BusyTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("VIGIL_ADMIN_PASSWORD", AdminPassword);
        builder.UseSetting("Vigil:RateLimits:SignInPerMinute", SignInPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Vigil:RateLimits:IntakePerMinute", IntakePerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Vigil:RateLimits:PublicReportsPerMinute", PublicReportsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (EnvironmentName is not null)
        {
            builder.UseEnvironment(EnvironmentName);
        }

        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    /// <summary>A connection of its own to the app's database, open, outside the app: another writer, a console.</summary>
    public System.Data.Common.DbConnection OpenDatabase()
    {
        System.Data.Common.DbConnection connection = DatabaseEnvironment.TryGetValue("ConnectionStrings__Vigil", out var postgreSql)
            ? new Npgsql.NpgsqlConnection(postgreSql + ";Pooling=false")
            : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(DataDirectory, "vigil.db"), Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>The first administrator, signed in (one client per factory).</summary>
    public async Task<HttpClient> Admin()
    {
        await _adminLock.WaitAsync();
        try
        {
            return _admin ??= (await SignIn("admin", AdminPassword)).Client;
        }
        finally
        {
            _adminLock.Release();
        }
    }

    /// <summary>A new account holding <paramref name="role"/> for <paramref name="division"/>, signed in.</summary>
    public async Task<HttpClient> As(string name, string role, string division = "310104", string language = "zh-CN") =>
        (await SignIn(await CreateUser(name, [(role, division)]), Password, language)).Client;

    /// <summary>Creates an account through the administrator's API and returns its user name.</summary>
    public async Task<string> CreateUser(string displayName, IEnumerable<(string Role, string Division)> roles, string? password = Password)
    {
        var admin = await Admin();
        var userName = "user" + Interlocked.Increment(ref _users).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = new JsonObject { ["userName"] = userName, ["displayName"] = displayName };
        if (password is not null)
        {
            body["password"] = password;
        }

        var (created, user) = await admin.PostJson("/api/users", body.ToJsonString());
        if (created.StatusCode != System.Net.HttpStatusCode.Created)
        {
            throw new InvalidOperationException("Creating a user failed: " + user.ToJsonString());
        }

        foreach (var (role, division) in roles)
        {
            var (assigned, problem) = await admin.PostJson($"/api/users/{user["id"]}/roles", new JsonObject { ["role"] = role, ["divisionCode"] = division }.ToJsonString());
            if (assigned.StatusCode != System.Net.HttpStatusCode.Created)
            {
                throw new InvalidOperationException("Assigning a role failed: " + problem.ToJsonString());
            }
        }

        return userName;
    }

    /// <summary>Signs in; the client keeps the session cookie and sends the antiforgery token on every request.</summary>
    public async Task<(HttpResponseMessage Response, HttpClient Client)> SignIn(string userName, string password, string language = "zh-CN")
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        var (response, body) = await client.PostJson("/api/auth/sign-in", new JsonObject { ["userName"] = userName, ["password"] = password }.ToJsonString());
        if (response.IsSuccessStatusCode)
        {
            client.DefaultRequestHeaders.Add(body["antiforgeryHeader"]!.GetValue<string>(), body["antiforgeryToken"]!.GetValue<string>());
        }

        return (response, client);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _admin?.Dispose();
        _adminLock.Dispose();
        SqliteConnection.ClearAllPools();
        if (_postgreSql.IsValueCreated)
        {
            _postgreSql.Value.Dispose();
        }

        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}

internal static class HttpJson
{
    public static async Task<(HttpResponseMessage Response, JsonNode Body)> PostJson(this HttpClient client, string url, string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var response = await client.PostAsync(new Uri(url, UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!);
    }

    public static async Task<JsonNode> GetJson(this HttpClient client, string url) =>
        (await client.GetFromJsonAsync<JsonNode>(new Uri(url, UriKind.Relative)))!;

    /// <summary>Sends <paramref name="body"/> as JSON (nothing for GET) and returns the raw response.</summary>
    public static async Task<HttpResponseMessage> Send(this HttpClient client, string method, string url, string body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative));
        if (method != "GET")
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }
}
