using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Vigil.Tests.Security;

namespace Vigil.Tests.Monitoring;

/// <summary>
/// The real `vigil serve` as a process on loopback ports with its own data directory, which survives the process: the
/// tests kill it with SIGKILL (<see cref="Process.Kill()"/> on Linux) and start it again on the same data.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    public const string AdminPassword = "crash-test-admin-2026";

    private readonly StringBuilder _log = new();
    private readonly Dictionary<string, string> _settings;
    private Process? _process;

    /// <summary><paramref name="busyTimeoutSeconds"/>: how long the server's SQLite connections wait for a lock.</summary>
    public ServeProcess(int? busyTimeoutSeconds = null, params (string Name, string Value)[] settings)
    {
        HttpPort = FreePort();
        GatewayPort = FreePort();
        _settings = settings.ToDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal);
        if (busyTimeoutSeconds is { } seconds)
        {
            _settings["ConnectionStrings__Vigil"] = new SqliteConnectionStringBuilder { DataSource = DatabaseFile, DefaultTimeout = seconds }.ToString();
        }
    }

    /// <summary>Holds the data directory and, beside it (outside, as in production), the key ring's certificate.</summary>
    private string Root { get; } = Path.Combine(Path.GetTempPath(), "vigil-serve-" + Guid.NewGuid().ToString("N"));

    public string DataDirectory => Path.Combine(Root, "data");

    public string DatabaseFile => Path.Combine(DataDirectory, "vigil.db");

    public int HttpPort { get; }

    public int GatewayPort { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}/");

    /// <summary>Everything the server printed so far (start-up output and log), for assertions and failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts the server and waits until it answers /health and the gateway accepts connections.</summary>
    public async Task StartAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        if (!_settings.ContainsKey("Vigil__DataProtection__CertificateFile"))
        {
            // Production (no environment set) refuses an unprotected key ring: issue 12 item 4.
            _settings["Vigil__DataProtection__CertificateFile"] = TestCertificate.Write(Root);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = DataDirectory,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "vigil.dll"), "serve", "--urls", BaseAddress.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Vigil__DataDirectory"] = DataDirectory;
        start.Environment["VIGIL_ADMIN_PASSWORD"] = AdminPassword;
        start.Environment["Vigil__Hj212__Port"] = GatewayPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["Vigil__RateLimits__SignInPerMinute"] = "1000";
        foreach (var (name, value) in _settings)
        {
            start.Environment[name] = value;
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilServingAsync();
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a power cut or the OOM killer.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public bool Running => _process is { HasExited: false };

    /// <summary>An HTTP client signed in as the first administrator, sending the antiforgery token.</summary>
    public async Task<HttpClient> AdminAsync()
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var signIn = await http.PostAsJsonAsync(new Uri("/api/auth/sign-in", UriKind.Relative), new { userName = "admin", password = AdminPassword });
        var answer = (await signIn.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.True(signIn.IsSuccessStatusCode, answer.ToJsonString());
        http.DefaultRequestHeaders.Add(answer["antiforgeryHeader"]!.GetValue<string>(), answer["antiforgeryToken"]!.GetValue<string>());
        return http;
    }

    /// <summary>Registers stations through the API (password <paramref name="password"/>, division 310104).</summary>
    public async Task RegisterAsync(HttpClient admin, string password, params string[] codes)
    {
        foreach (var code in codes)
        {
            using var response = await admin.PostAsJsonAsync(new Uri("/api/stations", UriKind.Relative), new
            {
                code,
                name = "崩溃测试站 " + code,
                divisionCode = "310104",
                latitude = 31.18,
                longitude = 121.43,
                password,
                items = new[] { "a21026", "a34004" },
            });
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>Readings per (station, DataTime) as they are in the database file, read directly (not through the server).</summary>
    public Dictionary<(string Station, DateTime DataTime), int> StoredReadings()
    {
        var counts = new Dictionary<(string, DateTime), int>();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabaseFile, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT StationCode, DataTime, COUNT(*) FROM raw_readings GROUP BY StationCode, DataTime";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            counts[(reader.GetString(0), reader.GetDateTime(1))] = reader.GetInt32(2);
        }

        return counts;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the exiting server; the temp directory is cleaned by the system.
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException("vigil serve exited with " + _process.ExitCode + ":" + Environment.NewLine + Log);
            }

            try
            {
                if ((await http.GetAsync(new Uri("health", UriKind.Relative))).StatusCode == HttpStatusCode.OK && Log.Contains("HJ 212", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Still starting.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("vigil serve did not start within 90 s:" + Environment.NewLine + Log);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
