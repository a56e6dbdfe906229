using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Data.Monitoring;
using Vigil.Host.Monitoring;

namespace Vigil.Tests.Monitoring;

/// <summary>
/// Issue 11, item 5 (SEC, a gateway hard to abuse) over real TCP: a slow-trickle client is cut off, a garbage flood
/// grows the refusals by a bounded number of rows while good stations keep being answered, connections per address are
/// limited, wrong passwords block a source and then a station MN (not the station's own address), and station
/// passwords are salted PBKDF2.
/// </summary>
public sealed class GatewayAbuseTests : IAsyncLifetime
{
    private const string Station = "ABUSE0001";
    private readonly VigilFactory _app = new()
    {
        Settings = new Dictionary<string, string>
        {
            ["Vigil:Hj212:LineTimeoutSeconds"] = "2",
            ["Vigil:Hj212:MaxConnectionsPerAddress"] = "6",
        },
    };

    private int _port;

    public async Task InitializeAsync()
    {
        using var admin = await _app.As("运维员甲", "om-agency");
        var (response, body) = await admin.PostJson("/api/stations", $$"""
            { "code": "{{Station}}", "name": "测试站", "divisionCode": "310104", "latitude": 31.18, "longitude": 121.43, "password": "123456", "items": ["a34004"] }
            """);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        _port = await _app.Services.GetRequiredService<Hj212Gateway>().BoundPort.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<TcpClient> ConnectAsync(string from = "127.0.0.1")
    {
        var client = new TcpClient(new IPEndPoint(IPAddress.Parse(from), 0));
        await client.ConnectAsync(IPAddress.Loopback, _port);
        return client;
    }

    /// <summary>Sends one packet on a fresh connection from <paramref name="from"/>; true when it was answered 9014.</summary>
    private async Task<bool> AnsweredAsync(string packet, string from = "127.0.0.1")
    {
        using var client = await ConnectAsync(from);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(packet));
        client.Client.Shutdown(SocketShutdown.Send);
        return await DataLogger.ReadAnswerAsync(stream, TimeSpan.FromSeconds(30), CancellationToken.None) is { } answer && answer.Contains("CN=9014", StringComparison.Ordinal);
    }

    private async Task<T> Query<T>(Func<VigilDbContext, Task<T>> query)
    {
        using var scope = _app.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<VigilDbContext>());
    }

    [Fact]
    public async Task A_trickle_client_is_closed_and_a_garbage_flood_adds_bounded_rows_while_a_good_station_is_served()
    {
        using var trickle = await ConnectAsync();
        var trickling = Task.Run(async () =>
        {
            var stream = trickle.GetStream();
            var started = DateTime.UtcNow;
            try
            {
                while (DateTime.UtcNow - started < TimeSpan.FromSeconds(30))
                {
                    await stream.WriteAsync("#"u8.ToArray());
                    await Task.Delay(200);
                }
            }
            catch (IOException)
            {
                // Closed by the server, as it should be.
            }

            return DateTime.UtcNow - started;
        });

        const int Flood = 3000;
        var flooding = Task.Run(async () =>
        {
            using var client = await ConnectAsync();
            var stream = client.GetStream();
            var garbage = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("garbage that is not a packet\r\n", Flood)));
            await stream.WriteAsync(garbage);
            client.Client.Shutdown(SocketShutdown.Send);
            await stream.ReadAtLeastAsync(new byte[1], 1, throwOnEndOfStream: false);
        });

        for (var i = 0; i < 20; i++)
        {
            Assert.True(await AnsweredAsync(DataLogger.Packet(Station, "123456", i)), $"packet {i} of the good station was not answered");
        }

        await flooding;
        Assert.True(await trickling < TimeSpan.FromSeconds(15), "the trickling connection was not closed");

        // Every refusal is counted; of the flood's, at most 10 a minute keep their raw line (RefusalBudget).
        var counted = 0L;
        for (var attempt = 0; attempt < 200 && counted < Flood; attempt++)
        {
            counted = await Query(db => db.IntakeRefusalCounts.Where(r => r.Code == "hj212.header").SumAsync(r => r.Count));
            await Task.Delay(50);
        }

        Assert.Equal(Flood, counted);
        var minutes = await Query(db => db.IntakeRefusalCounts.Where(r => r.Code == "hj212.header").CountAsync());
        var raw = await Query(db => db.IntakeRejections.CountAsync(r => r.Code == "hj212.header"));
        Assert.InRange(raw, 1, RefusalBudget.PerSourceMinute * minutes);
        Assert.Equal(1, await Query(db => db.IntakeRejections.CountAsync(r => r.Code == "line.trickle")));
        Assert.Equal(20 * DataLogger.ReadingsPerPacket, await Query(db => db.RawReadings.CountAsync()));
    }

    [Fact]
    public async Task Connections_beyond_the_limit_of_one_address_are_closed_at_once()
    {
        var held = new List<TcpClient>();
        for (var i = 0; i < 6; i++)
        {
            held.Add(await ConnectAsync("127.0.0.5"));
        }

        using var extra = await ConnectAsync("127.0.0.5");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.Equal(0, await extra.GetStream().ReadAsync(new byte[1], timeout.Token));

        // Another address is not affected.
        Assert.True(await AnsweredAsync(DataLogger.Packet(Station, "123456", 0), from: "127.0.0.6"));
        held.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Wrong_passwords_block_the_source_then_the_MN_but_not_the_stations_own_address_and_the_block_ends()
    {
        Assert.True(await AnsweredAsync(DataLogger.Packet(Station, "123456", 0), from: "127.0.0.1"));

        // Ten wrong passwords from one address: that address is blocked, even with the right password.
        for (var i = 0; i < 10; i++)
        {
            Assert.False(await AnsweredAsync(DataLogger.Packet(Station, "000000", 1), from: "127.0.0.2"));
        }

        Assert.False(await AnsweredAsync(DataLogger.Packet(Station, "123456", 1), from: "127.0.0.2"));

        // Guesses for the MN from nine more addresses (one each) make ten for the MN: it is blocked for new addresses
        // while the station's own address, which authenticated before, keeps being served.
        for (var i = 3; i < 12; i++)
        {
            Assert.False(await AnsweredAsync(DataLogger.Packet(Station, "000000", 1), from: $"127.0.0.{i}"));
        }

        Assert.False(await AnsweredAsync(DataLogger.Packet(Station, "123456", 1), from: "127.0.0.20"));
        Assert.True(await AnsweredAsync(DataLogger.Packet(Station, "123456", 2), from: "127.0.0.1"));

        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True(await AnsweredAsync(DataLogger.Packet(Station, "123456", 3), from: "127.0.0.20"));
        Assert.True(await AnsweredAsync(DataLogger.Packet(Station, "123456", 4), from: "127.0.0.2"));

        var codes = await Query(db => db.IntakeRefusalCounts.Where(r => r.Code.EndsWith(".blocked")).Select(r => r.Code).Distinct().ToListAsync());
        for (var attempt = 0; attempt < 100 && codes.Count < 2; attempt++)
        {
            await Task.Delay(50);
            codes = await Query(db => db.IntakeRefusalCounts.Where(r => r.Code.EndsWith(".blocked")).Select(r => r.Code).Distinct().ToListAsync());
        }

        Assert.Equal(["source.blocked", "station.blocked"], codes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Station_passwords_are_salted_PBKDF2_and_first_version_hashes_are_upgraded_without_the_password()
    {
        var stored = await Query(db => db.Stations.Where(s => s.Code == Station).Select(s => s.PasswordHash).SingleAsync());
        Assert.StartsWith("pbkdf2$100000$", stored, StringComparison.Ordinal);
        Assert.NotEqual(StationDirectory.HashPassword("123456"), StationDirectory.HashPassword("123456"));

        var legacy = Convert.ToHexString(SHA256.HashData("123456"u8));
        var upgraded = StationDirectory.UpgradeLegacy(legacy)!;
        Assert.StartsWith("pbkdf2-sha256$", upgraded, StringComparison.Ordinal);
        Assert.Null(StationDirectory.UpgradeLegacy(upgraded));
        var directory = new StationDirectory(_ => Task.FromResult(new StationSnapshot(
            [new StationRecord { Code = "OLD", PasswordHash = upgraded }, new StationRecord { Code = "NEW", PasswordHash = stored }], [])));
        await directory.RefreshAsync();
        Assert.Equal([true, false, true, true, false], new bool?[]
        {
            directory.Check("OLD", "123456"u8), directory.Check("OLD", "123457"u8), directory.Check("OLD", "123456"u8),
            directory.Check("NEW", "123456"u8), directory.Check("NEW", "654321"u8),
        });
        Assert.Null(directory.Check("NONE", "123456"u8));
    }
}
