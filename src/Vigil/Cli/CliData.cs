using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Vigil.Data;
using Vigil.Host.Security;
using Vigil.Security.Access;

namespace Vigil.Host.Cli;

/// <summary>
/// What the data-touching commands share: the data directory, the same services as the server, and sign-in. A CLI
/// command is a user acting like any other (SEC): it signs in with VIGIL_USER and VIGIL_PASSWORD, or VIGIL_API_KEY,
/// needs the command's role, and is audited. Having the files is not a role.
/// </summary>
internal static class CliData
{
    /// <summary>Signed out, wrong credentials, locked, or a role that may not run the command.</summary>
    public const int NotAllowed = 3;

    public static Option<string?> DataOption() => new("--data") { Description = "Data directory / 数据目录 (default: Vigil:DataDirectory or ./data)" };

    public static string DataDirectory(ParseResult parse, Option<string?> data) =>
        Path.GetFullPath(parse.GetValue(data) ?? Environment.GetEnvironmentVariable("Vigil__DataDirectory") ?? "data");

    /// <summary>
    /// The server's configuration from the environment (Vigil__Database__Provider, ConnectionStrings__Vigil, …), with
    /// the data directory the command was given.
    /// </summary>
    private static IConfiguration Configuration(string dataDirectory) => new ConfigurationBuilder()
        .AddEnvironmentVariables()
        .AddInMemoryCollection([KeyValuePair.Create<string, string?>("Vigil:DataDirectory", dataDirectory)])
        .Build();

    /// <summary>The engine and connection the server would use over <paramref name="dataDirectory"/>.</summary>
    public static DatabaseSettings Database(string dataDirectory) => DatabaseSettings.From(Configuration(dataDirectory), dataDirectory);

    /// <summary>The server's services over <paramref name="dataDirectory"/>.</summary>
    public static ServiceProvider Services(string dataDirectory)
    {
        var configuration = Configuration(dataDirectory);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddVigilData(configuration, dataDirectory);
        services.AddScoped<DivisionImporter>();
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// Signs in over the data directory of <paramref name="data"/> and runs <paramref name="work"/> with the server's
    /// services and the user's access; exit <see cref="NotAllowed"/> when sign-in or the role check fails.
    /// </summary>
    public static async Task<int> RunSignedInAsync(ParseResult parse, Option<string?> data, IReadOnlyCollection<string> roles, Func<IServiceProvider, Access, Task<int>> work)
    {
        var directory = DataDirectory(parse, data);
        await using var provider = Services(directory);
        var signedIn = await SignInAsync(provider, directory, roles, parse.InvocationConfiguration.Error);
        if (signedIn is null)
        {
            return NotAllowed;
        }

        var (scope, access) = signedIn.Value;
        await using (scope)
        {
            return await work(scope.ServiceProvider, access);
        }
    }

    /// <summary>
    /// Opens the existing database in <paramref name="dataDirectory"/>, signs in from the environment and checks the
    /// role; writes the refusal on <paramref name="error"/> and returns null when any of that fails.
    /// </summary>
    public static async Task<(AsyncServiceScope Scope, Access Access)?> SignInAsync(
        ServiceProvider provider, string dataDirectory, IReadOnlyCollection<string> roles, TextWriter error)
    {
        if (provider.GetRequiredService<DatabaseSettings>().Provider == DatabaseProvider.Sqlite && !File.Exists(VigilServices.DatabaseFile(dataDirectory)))
        {
            await error.WriteLineAsync(HostText.Format("cli.noDatabase", dataDirectory));
            return null;
        }

        var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VigilDbContext>();
        db.Prepare();
        var access = await AuthenticateAsync(scope.ServiceProvider.GetRequiredService<AccountService>(), error);
        if (access is not null && !access.HoldsAny(roles))
        {
            await error.WriteLineAsync(HostText.Format("role.forbidden", "VIGIL_USER", string.Join(", ", roles)));
            access = null;
        }

        if (access is null)
        {
            await scope.DisposeAsync();
            return null;
        }

        return (scope, access);
    }

    public static async Task<Access?> AuthenticateAsync(AccountService accounts, TextWriter error)
    {
        if (Environment.GetEnvironmentVariable("VIGIL_API_KEY") is { Length: > 0 } token)
        {
            if (await accounts.FindByApiKeyAsync(token) is { } keyUser)
            {
                return await accounts.AccessAsync(keyUser, null);
            }

            await error.WriteLineAsync(HostText.Format("signIn.failed", "VIGIL_API_KEY"));
            return null;
        }

        var userName = Environment.GetEnvironmentVariable("VIGIL_USER");
        var password = Environment.GetEnvironmentVariable("VIGIL_PASSWORD");
        if (string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(password))
        {
            await error.WriteLineAsync(HostText.Format("cli.credentials"));
            return null;
        }

        var (status, user) = await accounts.CheckPasswordAsync(userName, password);
        if (status != SignInStatus.Succeeded)
        {
            await error.WriteLineAsync(status == SignInStatus.LockedOut
                ? HostText.Format("signIn.locked", "VIGIL_USER", (int)AccountService.LockoutDuration.TotalMinutes)
                : HostText.Format("signIn.failed", "VIGIL_USER"));
            return null;
        }

        if (user!.MustChangePassword)
        {
            await error.WriteLineAsync(HostText.Format("password.mustChange", "VIGIL_PASSWORD"));
            return null;
        }

        return await accounts.AccessAsync(user, null);
    }

    /// <summary>Whether the database's users table is there at all (a file that is not a Vigil database is refused).</summary>
    public static async Task<bool> IsVigilDatabaseAsync(VigilDbContext db)
    {
        try
        {
            return await db.Users.AnyAsync();
        }
        catch (System.Data.Common.DbException)
        {
            return false;
        }
    }

    public static readonly string[] Administrators = [RoleIds.Administrator];
}
