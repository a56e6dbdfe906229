using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Data.Monitoring;
using Vigil.Host.Monitoring;
using Vigil.Protocols.Hj212;

namespace Vigil.Tests.Monitoring;

/// <summary>
/// Issue 11, item 2 (AQ-DATA, every packet once) over real TCP to a running gateway: resends are answered again and
/// stored once, on one connection and after a reconnect; a different value keeps the first in force and waits for a
/// reviewer; /latest is the newest DataTime's Avg whatever arrives late; minute data sent twice counts once (AQ-VALID).
/// </summary>
public sealed class EveryPacketOnceTests : IAsyncLifetime
{
    private const string Station = "ONCE0001";
    private const string Password = "123456";
    private static readonly string[] Everything = [""];
    private readonly VigilFactory _app = new();
    private int _port;

    public async Task InitializeAsync()
    {
        using var admin = await _app.As("运维员甲", "om-agency");
        var (response, body) = await admin.PostJson("/api/stations", $$"""
            { "code": "{{Station}}", "name": "测试站", "divisionCode": "310104", "latitude": 31.18, "longitude": 121.43,
              "password": "{{Password}}", "items": ["a21026", "a34004"] }
            """);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        _port = await _app.Services.GetRequiredService<Hj212Gateway>().BoundPort.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Sends each packet on one connection and waits for its 9014 answer.</summary>
    private async Task SendAnsweredAsync(params string[] packets)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _port);
        var stream = client.GetStream();
        foreach (var packet in packets)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(packet));
            var answer = await DataLogger.ReadAnswerAsync(stream, TimeSpan.FromSeconds(30), CancellationToken.None);
            Assert.NotNull(answer);
            Assert.False(Hj212Parser.TryParse(Encoding.ASCII.GetBytes(answer), out var parsed).IsError, answer);
            Assert.Equal(9014, parsed.Command);
        }
    }

    private async Task<int> ReadingCount()
    {
        using var scope = _app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<MonitoringStore>().ReadingCountAsync(Everything);
    }

    private static string Minute(int hour, int minute, string value) =>
        Encoding.ASCII.GetString(Hj212Frame.Build(string.Create(CultureInfo.InvariantCulture,
            $"QN=20261120{hour:D2}{minute:D2}00000;ST=22;CN=2051;PW={Password};MN={Station};Flag=5;CP=&&DataTime=20261120{hour:D2}{minute:D2}00;a34004-Avg={value},a34004-Flag=N&&")));

    [Fact]
    public async Task A_resend_on_the_same_connection_and_after_a_reconnect_is_answered_again_and_stored_once()
    {
        var packet = DataLogger.Packet(Station, Password, 0);
        await SendAnsweredAsync(packet, packet);
        await SendAnsweredAsync(packet);
        Assert.Equal(DataLogger.ReadingsPerPacket, await ReadingCount());
    }

    [Fact]
    public async Task A_different_value_keeps_the_first_in_force_and_a_reviewer_decides_on_it_with_a_reason()
    {
        await SendAnsweredAsync(DataLogger.Packet(Station, Password, 0, avg: "20.5"), DataLogger.Packet(Station, Password, 1, avg: "20.5"));
        await SendAnsweredAsync(DataLogger.Packet(Station, Password, 0, avg: "25.5"), DataLogger.Packet(Station, Password, 1, avg: "26.5"));
        Assert.Equal(2 * DataLogger.ReadingsPerPacket, await ReadingCount());

        var (reviewer, _) = await Review.ReviewSeed.User(_app, "审核员甲", "qualified-reviewer", "310104");
        var conflicts = (await reviewer.GetJson($"/api/stations/{Station}/days/2026-01-01/conflicts")).AsArray();
        Assert.Equal([("20.5", "25.5"), ("20.5", "26.5")], conflicts.Select(c => (c!["firstValue"]!.GetValue<string>(), c["value"]!.GetValue<string>())));
        var (keep, accept) = (conflicts[0]!["id"]!.GetValue<long>(), conflicts[1]!["id"]!.GetValue<long>());

        var (noReason, problem) = await reviewer.PostJson($"/api/stations/{Station}/conflicts/{keep}/decision", """{ "decision": "keepFirst" }""");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", problem.ToJsonString(), StringComparison.Ordinal);
        using var staff = await _app.As("区局科员", "division-staff");
        var (notReviewer, _) = await staff.PostJson($"/api/stations/{Station}/conflicts/{keep}/decision", """{ "decision": "keepFirst", "reason": "x" }""");
        Assert.Equal(HttpStatusCode.Forbidden, notReviewer.StatusCode);

        var (kept, _) = await reviewer.PostJson($"/api/stations/{Station}/conflicts/{keep}/decision", """{ "decision": "keepFirst", "reason": "重发数据为校准期间值" }""");
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        var (again, _) = await reviewer.PostJson($"/api/stations/{Station}/conflicts/{keep}/decision", """{ "decision": "acceptOther", "reason": "改主意" }""");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var (accepted, _) = await reviewer.PostJson($"/api/stations/{Station}/conflicts/{accept}/decision", """{ "decision": "acceptOther", "reason": "首包数值经核实为传输错误" }""");
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        // Hour 0 keeps the first value; in hour 1 the accepted value is in force (the raw rows are unchanged).
        var day = await reviewer.GetJson($"/api/stations/{Station}/days/2026-01-01");
        Assert.Equal(20.5m, day["series"]!["hours"]![0]!["values"]!["SO2"]!["value"]!.GetValue<decimal>());
        Assert.Equal(26.5m, day["series"]!["hours"]![1]!["values"]!["SO2"]!["value"]!.GetValue<decimal>());
        var decided = (await reviewer.GetJson($"/api/stations/{Station}/days/2026-01-01/conflicts")).AsArray();
        Assert.Equal(["keepFirst", "acceptOther"], decided.Select(c => c!["decision"]!.GetValue<string>()));
        Assert.Equal("审核员甲", decided[0]!["decidedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Latest_is_the_Avg_of_the_newest_DataTime_and_a_backfilled_or_replayed_old_packet_leaves_it_unchanged()
    {
        await SendAnsweredAsync(DataLogger.Packet(Station, Password, 5, avg: "20.5"));
        await SendAnsweredAsync(DataLogger.Packet(Station, Password, 2, avg: "99.5"), DataLogger.Packet(Station, Password, 5, avg: "20.5"));
        Assert.Equal(2 * DataLogger.ReadingsPerPacket, await ReadingCount());

        using var reader = await _app.As("区局科员", "division-staff");
        var latest = (await reader.GetJson($"/api/stations/{Station}/latest")).AsArray();
        Assert.Equal(["a21026", "a34004"], latest.Select(l => l!["item"]!.GetValue<string>()));
        Assert.All(latest, l => Assert.Equal(("Avg", "2026-01-01T05:00:00+08:00"), (l!["field"]!.GetValue<string>(), l["dataTime"]!.GetValue<string>())));
        Assert.Equal("20.5", latest[0]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Minute_data_sent_twice_counts_once_toward_the_45_minute_rule()
    {
        // AQ-VALID: an hour of 2051 data is valid with at least 45 valid minutes. Hour 10 has 44, each sent twice
        // (88 packets); hour 11 has exactly 45, sent once.
        var hour10 = Enumerable.Range(0, 44).Select(m => Minute(10, m, "30")).ToArray();
        await SendAnsweredAsync(hour10);
        await SendAnsweredAsync(hour10);
        await SendAnsweredAsync(Enumerable.Range(0, 45).Select(m => Minute(11, m, "30")).ToArray());
        Assert.Equal(44 + 45, await ReadingCount());

        using var reader = await _app.As("区局科员", "division-staff");
        var day = await reader.GetJson($"/api/stations/{Station}/days/2026-11-20");
        Assert.False(day["series"]!["hours"]![10]!["values"]!["PM2.5"]!["valid"]!.GetValue<bool>());
        Assert.True(day["series"]!["hours"]![11]!["values"]!["PM2.5"]!["valid"]!.GetValue<bool>());
    }
}
