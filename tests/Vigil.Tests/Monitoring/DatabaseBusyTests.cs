using System.Net;

namespace Vigil.Tests.Monitoring;

/// <summary>
/// Issue 11, item 7 (issue 14 on PostgreSQL): an HTTP write that cannot get its lock within the bounded wait is answered
/// 503 with Retry-After, never 500 "database is locked" or a wait without end, and succeeds once the lock is gone.
/// </summary>
public abstract class DatabaseBusyTests(DatabaseProvider engine)
{
    private const string Station = """
        { "code": "BUSY0001", "name": "测试站", "divisionCode": "310104", "latitude": 31.18, "longitude": 121.43, "password": "123456", "items": ["a34004"] }
        """;

    [Fact]
    public async Task A_write_that_finds_the_database_locked_for_the_whole_wait_gets_503_with_Retry_After_and_succeeds_later()
    {
        await using var app = new VigilFactory { BusyTimeoutSeconds = 1, Engine = engine };
        using var operatorClient = await app.As("运维员甲", "om-agency");
        using (var holder = app.OpenDatabase())
        {
            using var begin = holder.CreateCommand();
            // Another writer holds the stations for longer than the wait: SQLite's whole-database write lock, a
            // PostgreSQL table lock that still lets readers read.
            begin.CommandText = engine == DatabaseProvider.PostgreSql ? "BEGIN; LOCK TABLE stations IN EXCLUSIVE MODE" : "BEGIN EXCLUSIVE";
            begin.ExecuteNonQuery();

            var (busy, problem) = await operatorClient.PostJson("/api/stations", Station);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(2), busy.Headers.RetryAfter?.Delta);
            Assert.Contains("数据库正忙", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        var (created, body) = await operatorClient.PostJson("/api/stations", Station);
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToJsonString());
    }
}

public sealed class DatabaseBusyOnSqlite() : DatabaseBusyTests(DatabaseProvider.Sqlite);

public sealed class DatabaseBusyOnPostgreSql() : DatabaseBusyTests(DatabaseProvider.PostgreSql);
