using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Vigil.Tests.Monitoring;

/// <summary>
/// Issue 11, item 1 (AQ-DATA: an answer means stored): the real `vigil serve` process, several stations streaming over
/// real TCP, killed with SIGKILL at random moments and started again; and a database that cannot be written.
/// </summary>
[Collection(ServeProcessCollection.Name)]
public sealed class AnswerMeansStoredTests(ITestOutputHelper output)
{
    private static readonly string[] Stations = ["CRASH0001", "CRASH0002", "CRASH0003", "CRASH0004", "CRASH0005"];

    [Fact]
    public async Task Every_answered_packet_is_in_the_database_after_SIGKILL_at_a_random_moment()
    {
        await using var server = new ServeProcess();
        await server.StartAsync();
        using (var admin = await server.AdminAsync())
        {
            await server.RegisterAsync(admin, "123456", Stations);
        }

        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var answered = new ConcurrentDictionary<(string Station, DateTime DataTime), bool>();
        var next = Stations.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
        for (var round = 0; round < 4; round++)
        {
            using var stop = new CancellationTokenSource();
            var loggers = Stations.Select(s => Task.Run(() => new DataLogger(server.GatewayPort, s).StreamAsync(next[s], answered, stop.Token))).ToList();
            await Task.Delay(random.Next(400, 2500));
            await server.KillAsync();
            var reached = await Task.WhenAll(loggers);
            for (var i = 0; i < Stations.Length; i++)
            {
                next[Stations[i]] = reached[i];
            }

            var stored = server.StoredReadings();
            var missing = answered.Keys.Where(k => stored.GetValueOrDefault(k) < DataLogger.ReadingsPerPacket).ToList();
            output.WriteLine($"round {round}: {answered.Count} packets answered so far, {missing.Count} missing");
            Assert.Empty(missing);
            await server.StartAsync();
        }

        Assert.True(answered.Count >= 40, $"only {answered.Count} packets were answered: the test proved little");
    }

    [Fact]
    public async Task While_the_database_cannot_be_written_nothing_is_answered_the_server_keeps_running_and_answers_resume()
    {
        // Root ignores file modes, so the database is made unwritable the way another process really can: by holding
        // its write lock (BEGIN EXCLUSIVE). The server's busy wait is shortened so that each attempt fails within a second.
        await using var server = new ServeProcess(busyTimeoutSeconds: 1);
        await server.StartAsync();
        using var admin = await server.AdminAsync();
        await server.RegisterAsync(admin, "123456", "LOCKED001");
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, server.GatewayPort);
        var stream = client.GetStream();
        await SendAsync(stream, DataLogger.Packet("LOCKED001", "123456", 0));
        Assert.NotNull(await DataLogger.ReadAnswerAsync(stream, TimeSpan.FromSeconds(30), CancellationToken.None));

        Task<string?> pending;
        using (Lock(server.DatabaseFile))
        {
            await SendAsync(stream, DataLogger.Packet("LOCKED001", "123456", 1));
            pending = DataLogger.ReadAnswerAsync(stream, TimeSpan.FromMinutes(2), CancellationToken.None);
            Assert.NotSame(pending, await Task.WhenAny(pending, Task.Delay(TimeSpan.FromSeconds(5))));

            var status = await StatusAsync(admin);
            Assert.False(status["writable"]!.GetValue<bool>(), status.ToJsonString());
            Assert.Contains("无法写入", status["problem"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.True(status["failedAttempts"]!.GetValue<int>() >= 1);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
            Assert.True(server.Running, server.Log);
            Assert.Contains("could not be stored", server.Log, StringComparison.Ordinal);
        }

        // The lock is gone: the same batch is stored and then, only then, answered.
        Assert.NotNull(await pending);
        Assert.True((await StatusAsync(admin))["writable"]!.GetValue<bool>());
        await server.KillAsync();
        var stored = server.StoredReadings();
        Assert.Equal(DataLogger.ReadingsPerPacket, stored.GetValueOrDefault(("LOCKED001", DataLogger.StoredTime(0))));
        Assert.Equal(DataLogger.ReadingsPerPacket, stored.GetValueOrDefault(("LOCKED001", DataLogger.StoredTime(1))));
    }

    private static async Task<JsonNode> StatusAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<JsonNode>(new Uri("/api/intake/status", UriKind.Relative)))!;

    private static Task SendAsync(NetworkStream stream, string packet) => stream.WriteAsync(Encoding.ASCII.GetBytes(packet)).AsTask();

    /// <summary>Holds the database's write lock from another connection until disposed (BEGIN EXCLUSIVE).</summary>
    private static SqliteConnection Lock(string database)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        connection.Open();
        using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN EXCLUSIVE";
        begin.ExecuteNonQuery();
        return connection;
    }
}

/// <summary>Tests that start `vigil serve` processes run one at a time (two cores; each process is heavy).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServeProcessCollection
{
    public const string Name = "vigil serve processes";
}
