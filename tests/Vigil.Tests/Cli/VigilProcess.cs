using System.Diagnostics;
using System.Text;

namespace Vigil.Tests.Cli;

/// <summary>Runs the built <c>vigil</c> as a real process: the CLI contract is exit code, stdout and stderr.</summary>
internal static class VigilProcess
{
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string? input, string language, params string[] args) =>
        RunAsync(input, language, new Dictionary<string, string>(), args);

    /// <summary>Runs with extra environment variables (the CLI's sign-in: VIGIL_USER, VIGIL_PASSWORD, VIGIL_API_KEY).</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string? input, string language, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vigil.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "VIGIL_USER", "VIGIL_PASSWORD", "VIGIL_API_KEY" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["LANG"] = language;
        start.Environment["LC_ALL"] = language;
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
