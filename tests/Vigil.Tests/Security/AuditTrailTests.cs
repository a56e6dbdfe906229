using System.Net;
using Microsoft.Data.Sqlite;
using Vigil.Security.Audit;
using Vigil.Tests.Cli;

namespace Vigil.Tests.Security;

/// <summary>
/// The audit trail (issue 3 part 3): who did and read what, written with the change; <c>vigil audit verify</c>
/// exits 0 on a whole chain and 1 naming the first entry that was edited, deleted, reordered or inserted.
/// </summary>
public sealed class AuditTrailTests : IAsyncLifetime
{
    private readonly VigilFactory _app = new();
    private Dictionary<string, string> _auditor = [];
    private string _incident = "";

    public async Task InitializeAsync()
    {
        using var duty = await _app.As("徐汇值班员", "duty-officer");
        var (_, incident) = await duty.PostJson("/api/incidents", AccessFixture.OpenXuhui);
        _incident = incident["id"]!.GetValue<string>();
        await duty.GetJson($"/api/incidents/{_incident}");
        await duty.PostJson($"/api/incidents/{_incident}/reports", """{ "facts": { "deaths": 1 } }""");
        _auditor = new() { ["VIGIL_USER"] = await _app.CreateUser("审计员", [("auditor", "000000")]), ["VIGIL_PASSWORD"] = VigilFactory.Password };
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Changes_and_reads_of_contact_details_are_recorded_with_who_and_where()
    {
        using var auditor = await _app.As("审计员乙", "auditor", "000000");
        var items = (await auditor.GetJson("/api/audit?pageSize=500"))["items"]!.AsArray();
        var incidentEntries = items.Where(i => i!["targetId"]!.GetValue<string>() == _incident).ToList();
        Assert.Equal(["incident.open", "incident.read", "incident.report"],
            incidentEntries.Select(i => i!["action"]!.GetValue<string>()).Reverse());
        Assert.All(incidentEntries, i =>
        {
            Assert.Equal("徐汇值班员", i!["actorName"]!.GetValue<string>());
            Assert.Equal("duty-officer", i["role"]!.GetValue<string>());
            Assert.Equal("310104", i["divisionCode"]!.GetValue<string>());
        });
        Assert.Contains(items, i => i!["action"]!.GetValue<string>() == "account.signIn");
        var verdict = await auditor.GetJson("/api/audit/verify");
        Assert.True(verdict["whole"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_auditor_of_another_district_does_not_see_the_entries()
    {
        using var minhang = await _app.As("闵行审计员", "auditor", "310112");
        var items = (await minhang.GetJson("/api/audit?pageSize=500"))["items"]!.AsArray();
        Assert.DoesNotContain(items, i => i!["targetId"]!.GetValue<string>() == _incident);
    }

    [Fact]
    public async Task A_refused_command_writes_no_audit_entry()
    {
        using var auditor = await _app.As("审计员丙", "auditor", "000000");
        using var reviewer = await _app.As("审核员", "qualified-reviewer", "310104");
        var before = (await auditor.GetJson("/api/audit?pageSize=1"))["total"]!.GetValue<int>();
        var (refused, _) = await reviewer.PostJson($"/api/incidents/{_incident}/reports", """{ "facts": { "deaths": 2 } }""");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(before, (await auditor.GetJson("/api/audit?pageSize=1"))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Verify_exits_0_on_a_whole_chain()
    {
        var (exit, output, error) = await Verify();
        Assert.True(exit == 0, error);
        Assert.Contains("审计链完整", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_names_an_edited_entry()
    {
        Tamper("DROP TRIGGER audit_entries_no_update; UPDATE audit_entries SET ActorName = '某人' WHERE Sequence = 3;");
        var (exit, _, error) = await Verify();
        Assert.Equal(1, exit);
        Assert.Contains("审计记录 3：", error, StringComparison.Ordinal);
        Assert.Contains("修改", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_names_the_entry_after_a_deleted_one()
    {
        Tamper("DROP TRIGGER audit_entries_no_delete; DELETE FROM audit_entries WHERE Sequence = 3;");
        var (exit, _, error) = await Verify();
        Assert.Equal(1, exit);
        Assert.Contains("审计记录 4：", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_names_reordered_entries()
    {
        Tamper("""
            DROP TRIGGER audit_entries_no_update;
            DROP INDEX IX_audit_entries_Sequence;
            CREATE TEMP TABLE swap AS SELECT * FROM audit_entries WHERE Sequence IN (3, 4);
            UPDATE audit_entries SET Sequence = s.Sequence, TimestampUtcTicks = s.TimestampUtcTicks, ActorId = s.ActorId,
              ActorName = s.ActorName, Role = s.Role, Action = s.Action, TargetType = s.TargetType, TargetId = s.TargetId,
              DivisionCode = s.DivisionCode, DetailsJson = s.DetailsJson, PreviousHash = s.PreviousHash, Hash = s.Hash
            FROM swap AS s WHERE audit_entries.Sequence IN (3, 4) AND s.Sequence = 7 - audit_entries.Sequence;
            """);
        var (exit, _, error) = await Verify();
        Assert.Equal(1, exit);
        Assert.Contains("审计记录 4：", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_names_an_inserted_entry()
    {
        Tamper("""
            DROP INDEX IX_audit_entries_Sequence;
            INSERT INTO audit_entries (Sequence, TimestampUtcTicks, ActorId, ActorName, Role, Action, TargetType, TargetId, DivisionCode, DetailsJson, PreviousHash, Hash)
            SELECT Sequence, TimestampUtcTicks, ActorId, '冒名者', Role, Action, TargetType, TargetId, DivisionCode, DetailsJson, PreviousHash, Hash
            FROM audit_entries WHERE Sequence = 2;
            """);
        var (exit, _, error) = await Verify();
        Assert.Equal(1, exit);
        Assert.Contains("审计记录 2：", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_table_refuses_updates_and_deletes()
    {
        var update = Assert.Throws<SqliteException>(() => Tamper("UPDATE audit_entries SET ActorName = '某人' WHERE Sequence = 1;"));
        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Throws<SqliteException>(() => Tamper("DELETE FROM audit_entries WHERE Sequence = 1;"));
        Assert.Equal(0, (await Verify()).ExitCode);
    }

    [Fact]
    public async Task Verify_needs_a_signed_in_auditor()
    {
        Assert.Equal(3, (await VigilProcess.RunAsync(null, "zh_CN.UTF-8", "audit", "verify", "--data", _app.DataDirectory)).ExitCode);
        var duty = new Dictionary<string, string> { ["VIGIL_USER"] = await _app.CreateUser("值班员", [("duty-officer", "310104")]), ["VIGIL_PASSWORD"] = VigilFactory.Password };
        var (exit, _, error) = await VigilProcess.RunAsync(null, "zh_CN.UTF-8", duty, "audit", "verify", "--data", _app.DataDirectory);
        Assert.Equal(3, exit);
        Assert.Contains("auditor", error, StringComparison.Ordinal);
        var wrong = new Dictionary<string, string>(_auditor) { ["VIGIL_PASSWORD"] = "wrong-password" };
        Assert.Equal(3, (await VigilProcess.RunAsync(null, "zh_CN.UTF-8", wrong, "audit", "verify", "--data", _app.DataDirectory)).ExitCode);
    }

    [Fact]
    public async Task Verify_catches_a_deleted_tail_against_the_newest_checkpoint()
    {
        var sequence = await Checkpoint();
        Tamper($"DROP TRIGGER audit_entries_no_delete; DELETE FROM audit_entries WHERE Sequence > {sequence - 5};");
        var (exit, _, error) = await Verify();
        Assert.Equal(1, exit);
        Assert.Contains($"记录 {sequence}（最新的记录被删除）", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Verify_catches_an_edit_with_the_chain_recomputed_after_it(bool withTheKey)
    {
        var sequence = await Checkpoint();

        // Without the key the recomputed hashes do not verify; an insider holding the key too is caught by the checkpoint.
        var key = withTheKey
            ? new AuditKey(Convert.FromHexString(File.ReadAllText(Path.Combine(_app.DataDirectory, "audit.key")).Trim()))
            : new AuditKey(AuditKey.NewSecret());
        Recompute(key, editAt: 3);
        var (exit, _, error) = await Verify();
        Assert.Equal(1, exit);
        Assert.Contains(withTheKey ? $"审计记录 {sequence}：哈希与锚定值不同" : "审计记录 3：", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_checkpoint_is_refused_by_name_and_never_passed_over()
    {
        await Checkpoint();
        var file = Directory.GetFiles(Path.Combine(_app.DataDirectory, "audit-checkpoints")).Single();
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("\"sequence\": ", "\"sequence\": 1", StringComparison.Ordinal));
        var (exit, _, error) = await Verify();
        Assert.Equal(1, exit);
        Assert.Contains(Path.GetFileName(file), error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_writes_a_checkpoint_every_hour_when_the_chain_has_grown()
    {
        var directory = Path.Combine(_app.DataDirectory, "audit-checkpoints");
        Assert.False(Directory.Exists(directory) && Directory.GetFiles(directory).Length > 0);
        _app.Clock.Advance(TimeSpan.FromMinutes(61));
        for (var waited = 0; (!Directory.Exists(directory) || Directory.GetFiles(directory, "*.json").Length == 0) && waited < 300; waited++)
        {
            await Task.Delay(100);
        }

        Assert.Single(Directory.GetFiles(directory, "*.json"));
        var (exit, output, error) = await Verify();
        Assert.True(exit == 0, error);
        Assert.Contains("与最新检查点一致", output, StringComparison.Ordinal);
    }

    /// <summary><c>vigil audit checkpoint</c>; returns the sequence it signed.</summary>
    private async Task<long> Checkpoint()
    {
        var (exit, output, error) = await VigilProcess.RunAsync(null, "zh_CN.UTF-8", _auditor, "audit", "checkpoint", "--data", _app.DataDirectory);
        Assert.True(exit == 0, error);
        return long.Parse(System.Text.RegularExpressions.Regex.Match(output, "第 (\\d+) 条").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>An insider edits entry <paramref name="editAt"/> and rewrites every hash from there on under <paramref name="key"/>.</summary>
    private void Recompute(AuditKey key, long editAt)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_app.DataDirectory, "vigil.db")};Pooling=False");
        connection.Open();
        using (var drop = connection.CreateCommand())
        {
            drop.CommandText = "DROP TRIGGER audit_entries_no_update;";
            drop.ExecuteNonQuery();
        }

        var entries = new List<AuditEntry>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT Sequence, TimestampUtcTicks, ActorId, ActorName, Role, Action, TargetType, TargetId, DivisionCode, DetailsJson, PreviousHash, Hash FROM audit_entries ORDER BY Id";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                entries.Add(new AuditEntry(reader.GetInt64(0), new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero),
                    new AuditEvent(reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetString(9)),
                    (byte[])reader[10], (byte[])reader[11]));
            }
        }

        AuditEntry? previous = entries.LastOrDefault(e => e.Sequence < editAt);
        foreach (var entry in entries.Where(e => e.Sequence >= editAt))
        {
            var content = entry.Sequence == editAt ? entry.Event with { ActorName = "某人" } : entry.Event;
            previous = AuditChain.Append(key, previous, entry.Timestamp, content);
            using var write = connection.CreateCommand();
            write.CommandText = "UPDATE audit_entries SET ActorName = $name, PreviousHash = $previous, Hash = $hash WHERE Sequence = $sequence";
            write.Parameters.AddWithValue("$name", content.ActorName);
            write.Parameters.AddWithValue("$previous", previous.PreviousHash);
            write.Parameters.AddWithValue("$hash", previous.Hash);
            write.Parameters.AddWithValue("$sequence", entry.Sequence);
            write.ExecuteNonQuery();
        }
    }

    private Task<(int ExitCode, string Output, string Error)> Verify() =>
        VigilProcess.RunAsync(null, "zh_CN.UTF-8", _auditor, "audit", "verify", "--data", _app.DataDirectory);

    /// <summary>An insider with the database file: plain SQL, past the application.</summary>
    private void Tamper(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_app.DataDirectory, "vigil.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
