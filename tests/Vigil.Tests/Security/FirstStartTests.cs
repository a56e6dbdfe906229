using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Vigil.Tests.Security;

/// <summary>
/// A real first start of <c>vigil serve</c>. Issue 12 item 13 (SEC secrets never in logs): the one-time administrator
/// password goes to standard error only, inside a banner, and never to standard output, where the log's console sink
/// writes. Item 4: in production, a key ring without its certificate is refused.
/// </summary>
public sealed class FirstStartTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "vigil-first-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task The_one_time_password_is_written_to_stderr_in_a_banner_and_never_to_the_log()
    {
        var start = Serve();

        // Production, as a real start; the key ring's protection is another test's subject.
        start.Environment["Vigil__DataProtection__AllowUnprotected"] = "true";
        var output = new StringBuilder();
        var error = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (error) { error.AppendLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // The server logs "Now listening" on stdout once it serves; the banner was written before that.
            for (var waited = 0; !Read(output).Contains("Now listening", StringComparison.Ordinal) && waited < 600; waited++)
            {
                Assert.False(process.HasExited, Read(error));
                await Task.Delay(100);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var stderr = Read(error);
        var password = System.Text.RegularExpressions.Regex.Match(stderr, "One-time password: (\\S+) ").Groups[1].Value;
        Assert.True(password.Length >= 20, stderr);
        Assert.Contains(new string('=', 72) + Environment.NewLine + "First start", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(password, Read(output), StringComparison.Ordinal);
        Assert.Contains("Now listening", Read(output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_production_server_refuses_to_start_with_an_unprotected_key_ring()
    {
        // Issue 12 item 4: the data directory alone must not yield the station keys.
        var start = Serve();
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("Vigil:DataProtection:CertificateFile", await error, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", await output, StringComparison.Ordinal);
    }

    /// <summary><c>vigil serve</c> on a fresh data directory, in production (no environment set), no admin password given.</summary>
    private ProcessStartInfo Serve()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "vigil.dll"), "serve", "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "VIGIL_ADMIN_PASSWORD", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["Vigil__DataDirectory"] = _data;
        start.Environment["Vigil__Hj212__Port"] = "0";
        start.Environment["Vigil__Hj212__Address"] = "127.0.0.1";
        start.Environment["LANG"] = start.Environment["LC_ALL"] = "en_US.UTF-8";
        return start;
    }

    private static string Read(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }
}
