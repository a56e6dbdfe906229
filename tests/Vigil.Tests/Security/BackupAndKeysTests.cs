using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Host.Security;
using Vigil.Security.Keys;
using Vigil.Tests.Cli;

namespace Vigil.Tests.Security;

/// <summary>Backup and restore (issue 3 part 5) and station keys at rest (part 4), through the real CLI.</summary>
public sealed class BackupAndKeysTests : IAsyncLifetime
{
    private readonly VigilFactory _app = new();
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "vigil-backup-" + Guid.NewGuid().ToString("N"));
    private Dictionary<string, string> _admin = [];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_scratch);
        await _app.Admin();
        _admin = new() { ["VIGIL_USER"] = "admin", ["VIGIL_PASSWORD"] = VigilFactory.AdminPassword };
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_scratch, recursive: true);
    }

    [Fact]
    public async Task A_backup_taken_while_the_server_runs_restores_every_record_and_a_whole_chain()
    {
        using var duty = await _app.As("徐汇值班员", "duty-officer");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await duty.PostJson("/api/incidents", AccessFixture.OpenXuhui)).Response.StatusCode);
        }

        var backup = Path.Combine(_scratch, "vigil-backup.db");
        var (backedUp, _, backupError) = await VigilProcess.RunAsync(null, "en_US.UTF-8", _admin, "backup", backup, "--data", _app.DataDirectory);
        Assert.True(backedUp == 0, backupError);

        var restored = Path.Combine(_scratch, "restored");

        // The audit key travels apart from the backup (it proves the backup untouched): the restore is told where it is.
        var withKey = new Dictionary<string, string>(_admin) { ["Vigil__Audit__KeyFile"] = Path.Combine(_app.DataDirectory, "audit.key") };
        var (exit, output, error) = await VigilProcess.RunAsync(null, "en_US.UTF-8", withKey, "restore", backup, "--data", restored);
        Assert.True(exit == 0, error);
        Assert.Contains("audit entries checked", output, StringComparison.Ordinal);

        Assert.Equal(Count(_app.DataDirectory, "incidents"), Count(restored, "incidents"));
        Assert.Equal(3, Count(restored, "incidents"));
        Assert.Equal(Count(_app.DataDirectory, "incident_events"), Count(restored, "incident_events"));
        Assert.Equal(Count(_app.DataDirectory, "users"), Count(restored, "users"));
        var (verified, _, verifyError) = await VigilProcess.RunAsync(null, "en_US.UTF-8", withKey, "audit", "verify", "--data", restored);
        Assert.True(verified == 0, verifyError);
    }

    [Fact]
    public async Task Restore_refuses_a_data_directory_that_is_not_empty_and_a_backup_never_overwrites()
    {
        var backup = Path.Combine(_scratch, "b.db");
        Assert.Equal(0, (await VigilProcess.RunAsync(null, "en_US.UTF-8", _admin, "backup", backup, "--data", _app.DataDirectory)).ExitCode);
        var before = Count(_app.DataDirectory, "audit_entries");
        var (exit, _, error) = await VigilProcess.RunAsync(null, "en_US.UTF-8", _admin, "restore", backup, "--data", _app.DataDirectory);
        Assert.Equal(2, exit);
        Assert.Contains("not empty", error, StringComparison.Ordinal);
        Assert.Equal(before, Count(_app.DataDirectory, "audit_entries"));
        Assert.Equal(2, (await VigilProcess.RunAsync(null, "en_US.UTF-8", _admin, "backup", backup, "--data", _app.DataDirectory)).ExitCode);
    }

    [Fact]
    public async Task Restore_needs_an_administrator_of_the_backup_and_leaves_nothing_behind_otherwise()
    {
        var backup = Path.Combine(_scratch, "c.db");
        Assert.Equal(0, (await VigilProcess.RunAsync(null, "en_US.UTF-8", _admin, "backup", backup, "--data", _app.DataDirectory)).ExitCode);
        var target = Path.Combine(_scratch, "refused");
        var wrong = new Dictionary<string, string> { ["VIGIL_USER"] = "admin", ["VIGIL_PASSWORD"] = "wrong-password" };
        Assert.Equal(3, (await VigilProcess.RunAsync(null, "en_US.UTF-8", wrong, "restore", backup, "--data", target)).ExitCode);
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public async Task Keys_are_created_once_listed_without_material_rotated_with_overlap_and_stored_encrypted()
    {
        using (var operators = await _app.As("运维员", "om-agency", "310000"))
        {
            var (registered, problem) = await operators.PostJson("/api/stations", """
                { "code": "MN0001", "name": "密钥测试站", "divisionCode": "310104", "latitude": 31.18, "longitude": 121.43, "password": "123456", "items": ["a34004"] }
                """);
            Assert.True(registered.StatusCode == HttpStatusCode.Created, problem.ToJsonString());
        }

        // Before commissioning no key can be delivered encrypted, so none is made.
        Assert.Equal(1, (await VigilProcess.RunAsync(null, "en_US.UTF-8", _admin, "keys", "create", "--station", "MN0001", "--purpose", "mac", "--algorithm", "aes", "--data", _app.DataDirectory)).ExitCode);
        var (commissioned, kekOutput, kekError) = await VigilProcess.RunAsync(null, "en_US.UTF-8", _admin, "keys", "commission", "--station", "MN0001", "--data", _app.DataDirectory);
        Assert.True(commissioned == 0, kekError);
        var kek = Convert.FromHexString(kekOutput.Trim().Split('\n')[^1].Trim());
        Assert.Equal(1, (await VigilProcess.RunAsync(null, "en_US.UTF-8", _admin, "keys", "commission", "--station", "MN0001", "--data", _app.DataDirectory)).ExitCode);

        var (created, output, error) = await VigilProcess.RunAsync(null, "en_US.UTF-8", _admin, "keys", "create", "--station", "MN0001", "--purpose", "mac", "--algorithm", "aes", "--data", _app.DataDirectory);
        Assert.True(created == 0, error);
        var lines = output.Trim().Split('\n');
        var material = Convert.ToHexString(AesKeyWrap.Unwrap(kek, Convert.FromHexString(lines[^1].Trim()))!);
        Assert.Matches("^[0-9A-F]{32}$", material);
        Assert.DoesNotContain(material, output, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexString(Vigil.Security.Mac.MacAlgorithms.CheckValue(Vigil.Security.Mac.MacAlgorithm.Aes128, Convert.FromHexString(material))), lines[0], StringComparison.Ordinal);

        var (listed, list, _) = await VigilProcess.RunAsync(null, "en_US.UTF-8", _admin, "keys", "list", "--station", "MN0001", "--data", _app.DataDirectory);
        Assert.Equal(0, listed);
        Assert.Contains("MN0001", list, StringComparison.Ordinal);
        Assert.DoesNotContain(material, list, StringComparison.Ordinal);

        using (var connection = Open(_app.DataDirectory))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT ProtectedMaterial FROM station_keys";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                Assert.DoesNotContain(material, Convert.ToHexString((byte[])reader[0]), StringComparison.Ordinal);
            }
        }

        var (rotated, rotation, rotateError) = await VigilProcess.RunAsync(null, "en_US.UTF-8", _admin, "keys", "rotate", "--station", "MN0001", "--purpose", "mac", "--overlap-days", "2", "--data", _app.DataDirectory);
        Assert.True(rotated == 0, rotateError);
        Assert.NotEqual(material, Convert.ToHexString(AesKeyWrap.Unwrap(kek, Convert.FromHexString(rotation.Trim().Split('\n')[^1].Trim()))!));

        await using var scope = _app.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<StationKeyService>();
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(2, StationKeys.Usable(await keys.KeysAsync("MN0001"), "MN0001", KeyPurpose.MessageAuthentication, now).Count);
        Assert.Single(StationKeys.Usable(await keys.KeysAsync("MN0001"), "MN0001", KeyPurpose.MessageAuthentication, now.AddDays(3)));
        var admin = await _app.Admin();
        var listedOverHttp = (await admin.GetJson("/api/stations/MN0001/keys")).ToJsonString();
        Assert.DoesNotContain(material, listedOverHttp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Divisions_are_imported_from_csv_by_an_administrator_only()
    {
        var file = Path.Combine(_scratch, "divisions.csv");
        await File.WriteAllTextAsync(file, "code,name,parentCode\n310000,上海市,\n310104,徐汇区,310000\n310112,闵行区,310000\n");
        var (exit, output, error) = await VigilProcess.RunAsync(null, "zh_CN.UTF-8", _admin, "divisions", "import", file, "--data", _app.DataDirectory);
        Assert.True(exit == 0, error);
        Assert.Contains("3", output, StringComparison.Ordinal);
        Assert.Equal(3, Count(_app.DataDirectory, "divisions"));

        using var duty = await _app.As("徐汇值班员", "duty-officer");
        var visible = (await duty.GetJson("/api/divisions")).AsArray();
        Assert.Equal(["310104"], visible.Select(d => d!["code"]!.GetValue<string>()));

        var dutyEnv = new Dictionary<string, string> { ["VIGIL_USER"] = await _app.CreateUser("值班员", [("duty-officer", "310104")]), ["VIGIL_PASSWORD"] = VigilFactory.Password };
        Assert.Equal(3, (await VigilProcess.RunAsync(null, "zh_CN.UTF-8", dutyEnv, "divisions", "import", file, "--data", _app.DataDirectory)).ExitCode);

        await File.WriteAllTextAsync(file, "310104,徐汇区\nXuhui,坏行\n");
        var (bad, _, badError) = await VigilProcess.RunAsync(null, "zh_CN.UTF-8", _admin, "divisions", "import", file, "--data", _app.DataDirectory);
        Assert.Equal(2, bad);
        Assert.Contains("第 2 行", badError, StringComparison.Ordinal);
    }

    private static SqliteConnection Open(string directory)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "vigil.db")};Pooling=False");
        connection.Open();
        return connection;
    }

    private static long Count(string directory, string table)
    {
        using var connection = Open(directory);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }
}
