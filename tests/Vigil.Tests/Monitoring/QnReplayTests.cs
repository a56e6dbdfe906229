using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Data.Monitoring;
using Vigil.Host.Monitoring;
using Vigil.Security.Mac;

namespace Vigil.Tests.Monitoring;

/// <summary>
/// Issue 11, item 3 (SEC, replays) over real TCP: for a station with a MAC key, a QN more than the window
/// (Vigil:Hj212:QnWindowMinutes, 10 here) from the server clock is refused on both sides and both edges; a QN used again
/// for a packet saying something else is refused; the same packet sent again is answered and stored once; a backfill
/// (old DataTime, fresh QN) is accepted.
/// </summary>
public sealed class QnReplayTests : IAsyncLifetime
{
    private const string Station = "REPLAY0001";
    private static readonly string[] Everything = [""];
    private readonly VigilFactory _app = new() { QnWindowMinutes = 10 };
    private int _port;
    private string _key = "";

    public async Task InitializeAsync()
    {
        using var admin = (await _app.SignIn("admin", VigilFactory.AdminPassword)).Client;
        var (registered, problem) = await admin.PostJson("/api/stations", $$"""
            { "code": "{{Station}}", "name": "重放测试站", "divisionCode": "310104", "latitude": 31.18, "longitude": 121.43,
              "password": "123456", "items": ["a34004"] }
            """);
        Assert.True(registered.StatusCode == HttpStatusCode.Created, problem.ToJsonString());
        _key = await StationKeyDelivery.CreateAsync(admin, Station, await StationKeyDelivery.CommissionAsync(admin, Station), "aes", days: 30);
        _port = await _app.Services.GetRequiredService<Hj212Gateway>().BoundPort.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A signed 2061 packet sent at <paramref name="qn"/> (Beijing time, with milliseconds) for the hour <paramref name="dataTime"/>.</summary>
    private string Packet(string qn, string dataTime, string value = "35")
    {
        var head = $"QN={qn};ST=22;CN=2061;PW=123456;MN={Station};Flag=5;";
        var cp = $"CP=&&DataTime={dataTime};a34004-Avg={value},a34004-Flag=N&&";
        using var cipher = MacAlgorithms.CreateCipher(MacAlgorithm.Aes128, Convert.FromHexString(_key));
        var mac = Convert.ToHexString(MessageAuthenticationCode.Compute(cipher, Encoding.ASCII.GetBytes(head + cp)));
        return Encoding.ASCII.GetString(Vigil.Protocols.Hj212.Hj212Frame.Build(head + "MAC=" + mac + ";" + cp));
    }

    private async Task<bool> Answered(string packet) =>
        (await Hj212TcpClient.ExchangeAsync(_port, packet, expectAnswer: true)).Contains("CN=9014", StringComparison.Ordinal);

    private async Task<List<IntakeRejectionRecord>> Rejections(int count)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var scope = _app.Services.CreateScope();
            var refused = await scope.ServiceProvider.GetRequiredService<MonitoringStore>().RejectionsAsync(Everything, 100);
            if (refused.Count >= count || attempt == 200)
            {
                return refused;
            }

            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_QN_outside_the_window_is_refused_on_both_sides_of_both_edges()
    {
        // The clock reads 2026-11-22 03:00:00 Beijing time; the window is ten minutes either way.
        Assert.True(await Answered(Packet("20261122025000000", "20261122010000")));
        Assert.True(await Answered(Packet("20261122031000000", "20261122020000")));
        await Hj212TcpClient.ExchangeAsync(_port, Packet("20261122024959999", "20261122000000"), expectAnswer: false);
        await Hj212TcpClient.ExchangeAsync(_port, Packet("20261122031000001", "20261121230000"), expectAnswer: false);

        var refused = await Rejections(2);
        Assert.Equal(["station.replayWindow", "station.replayWindow"], refused.Select(r => r.Code));
        Assert.All(refused, r => Assert.Contains("10", r.Reason, StringComparison.Ordinal));
        using var scope = _app.Services.CreateScope();
        Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<MonitoringStore>().ReadingCountAsync(Everything));
    }

    [Fact]
    public async Task A_QN_used_again_for_another_packet_is_a_replay_while_the_same_packet_again_is_a_resend_and_a_backfill_is_accepted()
    {
        var packet = Packet("20261122030000000", "20261122020000");
        Assert.True(await Answered(packet));
        Assert.True(await Answered(packet));
        await Hj212TcpClient.ExchangeAsync(_port, Packet("20261122030000000", "20261122020000", value: "95"), expectAnswer: false);

        // An outage is over: the logger sends last week's hours now, with a fresh QN each.
        Assert.True(await Answered(Packet("20261122030001000", "20261115100000")));
        Assert.True(await Answered(Packet("20261122030002000", "20261115110000")));

        var refused = Assert.Single(await Rejections(1));
        Assert.Equal("station.replay", refused.Code);
        using var scope = _app.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<MonitoringStore>();
        Assert.Equal(3, await store.ReadingCountAsync(Everything));
        Assert.Empty(await store.ConflictsAsync(Station, DateTimeOffset.MinValue, DateTimeOffset.MaxValue));
    }
}
