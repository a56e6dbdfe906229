using System.CommandLine;
using Vigil.Host.Monitoring;
using Vigil.Host.Security;
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
        WebApplication app;
        try
        {
            app = VigilWebApp.Build(hostArgs);
        }
        catch (StartupRefusedException refused)
        {
            Console.Error.WriteLine(refused.Message);
            return 2;
        }

        app.Start();
        Console.WriteLine(HostText.Format("serve.http", string.Join(", ", app.Urls)));
        Console.WriteLine(HostText.Format("serve.hj212", Gateway(app.Services.GetRequiredService<Hj212Gateway>())));
        app.WaitForShutdown();
        return 0;
    }

    /// <summary>Where the HJ 212 gateway listens (Vigil:Hj212:Address and Port), or why it does not.</summary>
    private static string Gateway(Hj212Gateway gateway)
    {
        try
        {
            return gateway.BoundEndpoint.WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult().ToString();
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or OperationCanceledException or TimeoutException)
        {
            return HostText.Format("serve.hj212Off", e.Message);
        }
    }
}
