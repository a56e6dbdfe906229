using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Data.Monitoring;
using Vigil.Host.Monitoring;

namespace Vigil.Tests.Monitoring;

/// <summary>
/// Issue 11, item 4: a field logger whose MN has '_' and '-' and whose PW has 8 characters is served when the station is
/// registered exactly so, with one conformance note; the same logger under another registration stays refused.
/// </summary>
public sealed class LoggerDeviationTests
{
    [Fact]
    public async Task A_logger_registered_exactly_so_is_answered_with_one_conformance_note()
    {
        await using var app = new VigilFactory();
        using var admin = await app.As("运维员甲", "om-agency");
        var (response, body) = await admin.PostJson("/api/stations", """
            { "code": "SH_0001-A", "name": "现场数采仪站", "divisionCode": "310104", "latitude": 31.18, "longitude": 121.43, "password": "12345678", "items": ["a34004"] }
            """);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        var port = await app.Services.GetRequiredService<Hj212Gateway>().BoundPort.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("CN=9014", await Hj212TcpClient.ExchangeAsync(port, DataLogger.Packet("SH_0001-A", "12345678", 0), expectAnswer: true), StringComparison.Ordinal);
        Assert.Contains("CN=9014", await Hj212TcpClient.ExchangeAsync(port, DataLogger.Packet("SH_0001-A", "12345678", 1), expectAnswer: true), StringComparison.Ordinal);
        await Hj212TcpClient.ExchangeAsync(port, DataLogger.Packet("SH_0001-A", "1234567", 2), expectAnswer: false);
        await Hj212TcpClient.ExchangeAsync(port, DataLogger.Packet("SH-0001_A", "12345678", 3), expectAnswer: false);

        using var scope = app.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<MonitoringStore>();
        Assert.Equal(2 * DataLogger.ReadingsPerPacket, await store.ReadingCountAsync([""]));
        var notes = await store.RejectionsAsync([""], 10);
        for (var attempt = 0; notes.Count < 3 && attempt < 200; attempt++)
        {
            // Refusals earn no answer, so their batch may still be on its way to the database.
            await Task.Delay(50);
            notes = await store.RejectionsAsync([""], 10);
        }

        Assert.Equal(["note.conformance", "station.password", "station.unknown"], notes.Select(n => n.Code).Order(StringComparer.Ordinal));
        Assert.Contains("PW is longer than 6 characters", notes.Single(n => n.Code == "note.conformance").Reason, StringComparison.Ordinal);
    }
}
