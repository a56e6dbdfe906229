using System.CommandLine;
using Vigil.Host.Web;

namespace Vigil.Host.Cli;

internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on, e.g. http://127.0.0.1:5080" };
        var demo = new Option<bool>("--demo") { Description = "Seed synthetic demo data (never real people)" };
        var command = new Command("serve", "Run the Vigil server (HTTP API) on the embedded SQLite default") { urls, demo };
        command.SetAction(parse =>
        {
            var hostArgs = new List<string>();
            if (parse.GetValue(urls) is { } u)
            {
                hostArgs.Add($"--urls={u}");
            }

            if (parse.GetValue(demo))
            {
                hostArgs.Add("--Vigil:Demo=true");
            }

            return RunServer([.. hostArgs]);
        });
        return command;
    }

    public static int RunServer(string[] hostArgs)
    {
        var app = VigilWebApp.Build(hostArgs);
        app.Run();
        return 0;
    }
}
