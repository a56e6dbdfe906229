using System.CommandLine;
using System.Globalization;
using Vigil.Host.Cli;

namespace Vigil.Tests.Monitoring;

/// <summary>Runs a CLI command in-process under a given UI culture and captures stdout, stderr and the exit code.</summary>
internal static class CliRunner
{
    public static (int Exit, string Out, string Err) Run(string uiCulture, params string[] args)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(uiCulture);
        try
        {
            var root = new RootCommand { AqiCommand.Create(), Hj212Command.Create() };
            using var output = new StringWriter(CultureInfo.InvariantCulture);
            using var error = new StringWriter(CultureInfo.InvariantCulture);
            var exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    public static string TempFile(string contents)
    {
        // Under the test output folder (build output, ignored by git) rather than the machine's temp folder.
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "cli-input"));
        var path = Path.Combine(folder.FullName, $"{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, contents);
        return path;
    }

    public static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
}
