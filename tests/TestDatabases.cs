using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Vigil.Security.Audit;

namespace Vigil.Testing;

/// <summary>
/// A fresh, migrated database on one engine for one test (DESIGN principle 5: every storage test runs on both).
/// SQLite: a file in the temporary directory. PostgreSQL: a database on <see cref="PostgreSqlServer"/>.
/// </summary>
internal abstract class TestDatabase : IDisposable
{
    /// <summary>The engines the storage tests run on, as xUnit theory data.</summary>
    public static TheoryData<DatabaseProvider> Engines => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    public abstract DatabaseProvider Provider { get; }

    public abstract string ConnectionString { get; }

    public static TestDatabase Create(DatabaseProvider provider) =>
        provider == DatabaseProvider.PostgreSql ? new PostgreSqlDatabase() : new SqliteDatabase();

    /// <summary>The audit key of this database's chain (random per test: a key file is the host's business).</summary>
    public AuditKey AuditKey { get; } = new(AuditKey.NewSecret());

    public VigilDbContext NewContext() => new(VigilDatabase.Options(Provider, ConnectionString), AuditKey);

    /// <summary>Runs <paramref name="sql"/> outside the application, as a console or a script would.</summary>
    public int Execute(string sql)
    {
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    /// <summary>Names of the triggers the migrations left in the database.</summary>
    public abstract IReadOnlySet<string> TriggerNames();

    protected abstract DbConnection OpenConnection();

    protected IReadOnlySet<string> Strings(string sql)
    {
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    public abstract void Dispose();
}

/// <summary>A real SQLite file per test, migrated, deleted afterwards.</summary>
internal sealed class SqliteDatabase : TestDatabase
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"vigil-test-{Guid.NewGuid():N}.db");

    public SqliteDatabase()
    {
        using var db = NewContext();
        db.Database.Migrate();
    }

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string ConnectionString => $"Data Source={_path};Pooling=False";

    public override IReadOnlySet<string> TriggerNames() => Strings("SELECT name FROM sqlite_master WHERE type = 'trigger'");

    protected override DbConnection OpenConnection()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public override void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}

/// <summary>
/// A database of its own on the shared test server, dropped afterwards: a copy of the migrated template, or empty
/// (for the tests of migrating itself).
/// </summary>
internal sealed class PostgreSqlDatabase(bool migrated = true) : TestDatabase
{
    private readonly string _name = PostgreSqlServer.Instance.CreateDatabase(migrated);

    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

    public override string ConnectionString => PostgreSqlServer.Instance.ConnectionString(_name);

    public override IReadOnlySet<string> TriggerNames() => Strings("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal");

    protected override DbConnection OpenConnection()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public override void Dispose() => PostgreSqlServer.Instance.DropDatabase(_name);
}

/// <summary>
/// Debian's PostgreSQL for this test process: a cluster of its own initialised in a temporary directory, listening on
/// a free loopback port only, run by the <c>postgres</c> user when the tests run as root (PostgreSQL refuses root).
/// Started on first use; a watchdog stops and deletes it once this process is gone, however it ended (the test runner
/// may kill its test host). A template database is migrated once; each test database is a copy of it. Installed by .ci/run (apt-get install postgresql-15 postgresql-15-postgis-3).
/// </summary>
internal sealed class PostgreSqlServer
{
    private const string Template = "vigil_template";
    private const string User = "vigil";
    private static readonly Lazy<PostgreSqlServer> Shared = new(() => new PostgreSqlServer());
    private readonly Lock _createLock = new();
    private readonly string _bin;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vigil-pg-" + Guid.NewGuid().ToString("N"));
    private readonly int _port;
    private int _databases;

    private PostgreSqlServer()
    {
        _bin = FindBinaries();
        _port = FreePort();
        Run("initdb", "-D", _directory, "-U", User, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync");
        StartWatchdog();
        Run("pg_ctl", "-D", _directory, "-l", Path.Combine(_directory, "server.log"), "-w", "-o",
            $"-p {_port} -k {_directory} -c listen_addresses=127.0.0.1 -c max_connections=500 -c shared_buffers=64MB " +
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start");
        Administer($"CREATE DATABASE {Template}");
        using (var db = new VigilDbContext(VigilDatabase.Options(DatabaseProvider.PostgreSql, ConnectionString(Template)), new AuditKey(AuditKey.NewSecret())))
        {
            db.Database.Migrate();
        }

        NpgsqlConnection.ClearAllPools();
    }

    public static PostgreSqlServer Instance => Shared.Value;

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={_port};Username={User};Database={database};Include Error Detail=true";

    public string CreateDatabase(bool migrated)
    {
        var name = "vigil_" + Interlocked.Increment(ref _databases).ToString(System.Globalization.CultureInfo.InvariantCulture);
        lock (_createLock)
        {
            Administer($"CREATE DATABASE {name} TEMPLATE {(migrated ? Template : "template0")}");
        }

        return name;
    }

    public void DropDatabase(string name)
    {
        NpgsqlConnection.ClearAllPools();
        Administer($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private void Administer(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static bool AsRoot => Environment.UserName == "root";

    /// <summary>A shell that waits for this process to end, then stops the server and deletes its directory.</summary>
    private void StartWatchdog()
    {
        var stop = (AsRoot ? "runuser -u postgres -- " : "") + $"'{Path.Combine(_bin, "pg_ctl")}' -D '{_directory}' -m immediate stop";
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; {stop} >/dev/null 2>&1; rm -rf '{_directory}'";
        var start = new ProcessStartInfo("sh") { RedirectStandardInput = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        Process.Start(start)!.Dispose();
    }

    /// <summary>Runs a PostgreSQL program, as the postgres user when this process is root; fails with its output.</summary>
    private void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(AsRoot ? "runuser" : Path.Combine(_bin, program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (AsRoot)
        {
            foreach (var argument in new[] { "-u", "postgres", "--", Path.Combine(_bin, program) })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {error}{output.Result}");
        }
    }

    /// <summary>VIGIL_PG_BIN, else the newest /usr/lib/postgresql/N/bin (Debian's layout).</summary>
    private static string FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("VIGIL_PG_BIN") is { Length: > 0 } configured)
        {
            return configured;
        }

        var found = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var version) ? version : 0)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            "PostgreSQL not found: the storage tests run on it too. Install it (apt-get install postgresql-15 postgresql-15-postgis-3, as .ci/run does) or set VIGIL_PG_BIN.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
