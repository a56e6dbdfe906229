using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Vigil.Tests.Security;

/// <summary>
/// Issue 12 item 13 (SEC secrets never in logs): the first start's one-time administrator password goes to standard
/// error only, inside a banner, and never to standard output, where the log's console sink writes.
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

        start.Environment.Remove("VIGIL_ADMIN_PASSWORD");
        start.Environment["Vigil__DataDirectory"] = _data;
        start.Environment["Vigil__Hj212__Port"] = "0";
        start.Environment["Vigil__Hj212__Address"] = "127.0.0.1";
        start.Environment["LANG"] = start.Environment["LC_ALL"] = "en_US.UTF-8";
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

    private static string Read(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }
}
