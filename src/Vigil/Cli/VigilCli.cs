using System.CommandLine;

namespace Vigil.Host.Cli;

/// <summary>The single entry point: `vigil serve`, `vigil grade`, … (DESIGN "Shape").</summary>
internal static class VigilCli
{
    public static int Run(string[] args)
    {
        // WebApplicationFactory and `dotnet run` without a verb start the server:
        // the test host passes only --key=value host settings.
        if (args.Length == 0 || args[0].StartsWith('-') && args[0] is not ("-h" or "--help" or "-?" or "--version"))
        {
            return ServeCommand.RunServer(args);
        }

        CliCulture.Apply();
        var root = new RootCommand("Vigil — 安全监管应急平台 / safety-regulator platform");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(GradeCommand.Create());
        root.Subcommands.Add(PlansCommand.Create());
        root.Subcommands.Add(MacCommand.Create());
        root.Subcommands.Add(AqiCommand.Create());
        root.Subcommands.Add(Hj212Command.Create());
        foreach (var command in MonitoringCommands.Create())
        {
            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(RiskCommand.Create());
        root.Subcommands.Add(HazardsCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        root.Subcommands.Add(MapCommand.Create());
        root.Subcommands.Add(DivisionsCommand.Create());
        root.Subcommands.Add(KeysCommand.Create());
        root.Subcommands.Add(BackupCommands.CreateBackup());
        root.Subcommands.Add(BackupCommands.CreateRestore());
        return root.Parse(args).Invoke();
    }
}
