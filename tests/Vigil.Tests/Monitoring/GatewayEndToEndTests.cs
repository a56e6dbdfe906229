using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Data.Monitoring;
using Vigil.Host.Monitoring;
using Vigil.Protocols.Hj212;

namespace Vigil.Tests.Monitoring;

/// <summary>
/// Issue 4: real TCP connections to a running gateway, several stations at once, good and bad packets mixed;
/// exactly the good data is stored, good packets that ask for an answer get 9014, bad ones are logged with a reason.
/// </summary>
public abstract class GatewayEndToEndTests(DatabaseProvider engine) : IAsyncLifetime
{
    /// <summary>The whole country's jurisdiction prefix: the test looks at everything stored.</summary>
    private static readonly string[] Everything = [""];

    private readonly VigilFactory _app = new() { Engine = engine };
    private int _port;

    public async Task InitializeAsync()
    {
        using var admin = await _app.As("运维员甲", "om-agency");
        foreach (var code in new[] { "STATION0001", "STATION0002", "STATION0003" })
        {
            var (response, _) = await admin.PostJson("/api/stations", $$"""
                { "code": "{{code}}", "name": "测试站 {{code}}", "divisionCode": "310104", "latitude": 31.18, "longitude": 121.43,
                  "password": "pw{{code[^4..]}}", "items": ["a21026", "a21004", "a34004"] }
                """);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        _port = await _app.Services.GetRequiredService<Hj212Gateway>().BoundPort.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    internal static string Packet(string station, int minute, string password, int flag = 5, string cn = "2061", string? value = null) =>
        Encoding.ASCII.GetString(Hj212Frame.Build(
            $"QN=20261122{minute:D2}0000000;ST=22;CN={cn};PW={password};MN={station};Flag={flag};" +
            $"CP=&&DataTime=202611220{minute % 10}0000;a21026-Avg={value ?? "10.5"},a21026-Flag=N;a34004-Avg=35,a34004-Flag=N&&"));

    private Task<string> Exchange(string payload, bool expectAnswer) => Hj212TcpClient.ExchangeAsync(_port, payload, expectAnswer);

    private async Task<(int Readings, List<IntakeRejectionRecord> Rejections)> WaitForStorage(int readings, int rejections)
    {
        for (var i = 0; i < 200; i++)
        {
            using var scope = _app.Services.CreateScope();
            var store = scope.ServiceProvider.GetRequiredService<MonitoringStore>();
            var count = await store.ReadingCountAsync(Everything);
            var refused = await store.RejectionsAsync(Everything, 500);
            if (count >= readings && refused.Count >= rejections)
            {
                return (count, refused);
            }

            await Task.Delay(50);
        }

        using var last = _app.Services.CreateScope();
        var lastStore = last.ServiceProvider.GetRequiredService<MonitoringStore>();
        return (await lastStore.ReadingCountAsync(Everything), await lastStore.RejectionsAsync(Everything, 500));
    }

    [Fact]
    public async Task Good_packets_from_several_stations_are_stored_and_answered_while_bad_ones_are_logged()
    {
        var good = Enumerable.Range(0, 3).Select(s => Task.Run(async () =>
        {
            var station = $"STATION000{s + 1}";
            var answers = new List<string>();
            for (var minute = 0; minute < 5; minute++)
            {
                answers.Add(await Exchange(Packet(station, minute, "pw" + station[^4..]), expectAnswer: true));
            }

            return answers;
        })).ToList();

        var tampered = Packet("STATION0001", 7, "pw0001").Replace("a34004-Avg=35", "a34004-Avg=36", StringComparison.Ordinal);
        var bad = new[]
        {
            Exchange(tampered, expectAnswer: false),
            Exchange("garbage that is not a packet\r\n", expectAnswer: false),
            Exchange(Packet("UNKNOWN0009", 1, "x"), expectAnswer: false),
            Exchange(Packet("STATION0002", 8, "bad123"), expectAnswer: false),
            Exchange(new string('#', 1024 * 1024) + "\r\n", expectAnswer: false),
            Exchange(Packet("STATION0003", 9, "pw0003")[..40], expectAnswer: false),
        };
        await Task.WhenAll(bad);
        var answers = (await Task.WhenAll(good)).SelectMany(a => a).ToList();

        Assert.Equal(15, answers.Count);
        foreach (var answer in answers)
        {
            var frame = Encoding.ASCII.GetBytes(answer);
            Assert.False(Hj212Parser.TryParse(frame, out var packet).IsError, answer);
            Assert.Equal(9014, packet.Command);
        }

        var (readings, rejections) = await WaitForStorage(readings: 30, rejections: 6);
        Assert.Equal(30, readings);
        var codes = rejections.Select(r => r.Code).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["hj212.crc.mismatch", "hj212.header", "line.incomplete", "line.tooLong", "station.password", "station.unknown"], codes);
        Assert.All(rejections, r => Assert.False(string.IsNullOrEmpty(r.Reason)));
    }

    [Fact]
    public async Task Packet_without_the_answer_flag_is_stored_silently_and_one_bad_item_does_not_lose_the_others()
    {
        await Exchange(Packet("STATION0001", 3, "pw0001", flag: 4, value: "n/a"), expectAnswer: false);
        var (readings, rejections) = await WaitForStorage(readings: 1, rejections: 1);
        Assert.Equal(1, readings);
        Assert.Contains(rejections, r => r.Code == "cp.item" && r.Reason.Contains("a21026-Avg=n/a", StringComparison.Ordinal));

        using var scope = _app.Services.CreateScope();
        var latest = await scope.ServiceProvider.GetRequiredService<MonitoringStore>().LatestAsync("STATION0001");
        var kept = Assert.Single(latest);
        Assert.Equal(("a34004", "Avg", "35", "N"), (kept.Item, kept.Field, kept.Value, kept.Flag));
    }
}

public sealed class GatewayEndToEndOnSqlite() : GatewayEndToEndTests(DatabaseProvider.Sqlite);

public sealed class GatewayEndToEndOnPostgreSql() : GatewayEndToEndTests(DatabaseProvider.PostgreSql);
