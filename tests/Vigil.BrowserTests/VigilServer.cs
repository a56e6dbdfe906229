using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using Microsoft.Playwright;

namespace Vigil.BrowserTests;

/// <summary>
/// The real server, `vigil serve --demo`, as a process on a free port with a fresh data directory, and Debian's
/// Chromium driven by Playwright. Shared by the tests of a collection; everything is removed afterwards.
/// </summary>
public class VigilServer : IAsyncLifetime
{
    /// <summary>Debian's Chromium; Playwright's own browser downloads are never used.</summary>
    public const string Chromium = "/usr/bin/chromium";

    public const string AdminPassword = "browser-test-admin-2026";

    /// <summary>The demo accounts' password (src/Vigil/Demo/DemoData.cs, README).</summary>
    public const string DemoPassword = "vigil-demo-2026";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "vigil-browser-" + Guid.NewGuid().ToString("N"));
    private readonly StringBuilder _log = new();
    private Process? _process;
    private IPlaywright? _playwright;

    public Uri BaseAddress { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>What the server printed, for failure messages.</summary>
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

    public virtual async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            // A missing browser is a broken machine, not a reason to skip: .ci/run installs the chromium package.
            throw new InvalidOperationException($"{Chromium} is missing: install Debian's chromium package (apt-get install -y chromium).");
        }

        Directory.CreateDirectory(_dataDirectory);
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var dll = typeof(VigilServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "VigilDll").Value!;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _dataDirectory,
        };
        foreach (var arg in new[] { dll, "serve", "--demo", "--urls", BaseAddress.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Vigil__DataDirectory"] = _dataDirectory;
        start.Environment["VIGIL_ADMIN_PASSWORD"] = AdminPassword;
        start.Environment["Vigil__Hj212__Port"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Vigil__RateLimits__SignInPerMinute"] = "1000";
        foreach (var (name, value) in Settings())
        {
            start.Environment[name] = value;
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitForHealthAsync();

        // Two cores shared with builds: a circuit may take seconds to connect, so waits are generous (they end as
        // soon as the condition holds).
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser session (its own cookies), in Chinese unless told otherwise, at a laptop's width.</summary>
    public Task<IBrowserContext> NewContextAsync(string locale = "zh-CN", int width = 1366, int height = 900) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = locale,
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });

    /// <summary>Signs in through the sign-in page and waits for the duty board.</summary>
    public static async Task<IPage> SignInAsync(IBrowserContext context, string userName, string password = DemoPassword)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/sign-in"));
        await page.Locator("#userName").FillAsync(userName);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("h1[data-interactive]")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Further settings (environment variables) of the server, for a collection that needs another configuration.</summary>
    protected virtual IEnumerable<(string Name, string Value)> Settings() => [];

    /// <summary>
    /// Creates an account through the administrator's API (POST /api/users, then a role per assignment), as an
    /// administrator would; <paramref name="oneTimePassword"/> makes the password one the user must change at first sign-in.
    /// </summary>
    public async Task CreateAccountAsync(string userName, string password, bool oneTimePassword, params (string Role, string Division)[] roles)
    {
        await using var api = await _playwright!.APIRequest.NewContextAsync(new APIRequestNewContextOptions { BaseURL = BaseAddress.ToString() });
        var signIn = await api.PostAsync("/api/auth/sign-in", new APIRequestContextOptions { DataObject = new { userName = "admin", password = AdminPassword } });
        var token = (await signIn.JsonAsync())!.Value.GetProperty("antiforgeryToken").GetString()!;
        var headers = new Dictionary<string, string> { ["X-CSRF-TOKEN"] = token };
        var created = await api.PostAsync("/api/users", new APIRequestContextOptions
        {
            Headers = headers,
            DataObject = new { userName, displayName = userName + "（测试账户）", password, mustChangePassword = oneTimePassword },
        });
        Assert.True(created.Ok, await created.TextAsync());
        var id = (await created.JsonAsync())!.Value.GetProperty("id").GetString();
        foreach (var (role, division) in roles)
        {
            var assigned = await api.PostAsync($"/api/users/{id}/roles", new APIRequestContextOptions { Headers = headers, DataObject = new { role, divisionCode = division } });
            Assert.True(assigned.Ok, await assigned.TextAsync());
        }
    }

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        if (Environment.GetEnvironmentVariable("VIGIL_BROWSER_SERVER_LOG") is { Length: > 0 } logFile)
        {
            await File.WriteAllTextAsync(logFile, Log);
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
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

    private async Task WaitForHealthAsync()
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
                if ((await http.GetAsync(new Uri("health", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
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

            await Task.Delay(250);
        }

        throw new TimeoutException("vigil serve did not answer /health within 90 s:" + Environment.NewLine + Log);
    }

    protected static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One server and browser for all browser tests (starting them is the slow part).</summary>
[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<VigilServer>
{
    public const string Name = "vigil server";
}
