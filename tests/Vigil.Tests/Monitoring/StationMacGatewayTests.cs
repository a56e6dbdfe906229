using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Data.Monitoring;
using Vigil.Host.Monitoring;
using Vigil.Protocols.Hj212;
using Vigil.Security.Mac;

namespace Vigil.Tests.Monitoring;

/// <summary>
/// Issue 3 part 4 and issue 4 intake (SEC; seed 004 §8.2.4 and §7.5): once a station has a message-authentication
/// key, its packets must carry a MAC made with a key valid now. Packets without one, with a wrong one, or after the
/// key expired are refused over real TCP and logged with the reason; a rotation keeps the station's data flowing.
/// </summary>
public sealed class StationMacGatewayTests : IAsyncLifetime
{
    private const string Station = "MACSTATION01";
    private static readonly string[] Everything = [""];
    private readonly VigilFactory _app = new();
    private int _port;
    private byte[]? _kek;

    public async Task InitializeAsync()
    {
        using var operators = await _app.As("运维员乙", "om-agency");
        var (registered, _) = await operators.PostJson("/api/stations", $$"""
            { "code": "{{Station}}", "name": "认证测试站", "divisionCode": "310104", "latitude": 31.18, "longitude": 121.43,
              "password": "123456", "items": ["a21026", "a34004"] }
            """);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        _port = await _app.Services.GetRequiredService<Hj212Gateway>().BoundPort.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A 2061 upload with MAC=… before CP, the MAC computed over the data segment without that field.</summary>
    private static string Signed(MacAlgorithm algorithm, string keyHex, int hour, string value = "35", Func<string, string>? tamper = null)
    {
        var head = $"QN=20261122{hour:D2}0000000;ST=22;CN=2061;PW=123456;MN={Station};Flag=5;";
        var cp = $"CP=&&DataTime=20261122{hour:D2}0000;a34004-Avg={value},a34004-Flag=N&&";
        using var cipher = MacAlgorithms.CreateCipher(algorithm, Convert.FromHexString(keyHex));
        var mac = Convert.ToHexString(MessageAuthenticationCode.Compute(cipher, Encoding.ASCII.GetBytes(head + cp)));
        var segment = head + "MAC=" + (tamper ?? (m => m))(mac) + ";" + cp;
        return Encoding.ASCII.GetString(Hj212Frame.Build(segment));
    }

    private static string Unsigned(int hour) => Encoding.ASCII.GetString(Hj212Frame.Build(
        $"QN=20261122{hour:D2}0000000;ST=22;CN=2061;PW=123456;MN={Station};Flag=5;CP=&&DataTime=20261122{hour:D2}0000;a34004-Avg=35,a34004-Flag=N&&"));

    /// <summary>A new MAC key as the data logger receives it (<see cref="StationKeyDelivery"/>), commissioning the station the first time.</summary>
    private async Task<string> CreateKey(string algorithm, int days, bool rotate = false)
    {
        // Signed in afresh each time: the tests move the clock by weeks, past any session's end.
        using var admin = (await _app.SignIn("admin", VigilFactory.AdminPassword)).Client;
        _kek ??= await StationKeyDelivery.CommissionAsync(admin, Station);
        return await StationKeyDelivery.CreateAsync(admin, Station, _kek, algorithm, days, rotate);
    }

    private async Task<(int Readings, List<IntakeRejectionRecord> Rejections)> Stored(int readings, int rejections)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var scope = _app.Services.CreateScope();
            var store = scope.ServiceProvider.GetRequiredService<MonitoringStore>();
            var (count, refused) = (await store.ReadingCountAsync(Everything), await store.RejectionsAsync(Everything, 100));
            if ((count >= readings && refused.Count >= rejections) || attempt == 200)
            {
                return (count, refused);
            }

            await Task.Delay(50);
        }
    }

    [Theory]
    [InlineData("aes", MacAlgorithm.Aes128)]
    [InlineData("3des", MacAlgorithm.RetailDes)]
    public async Task Only_packets_with_a_valid_MAC_are_stored_and_answered(string name, MacAlgorithm algorithm)
    {
        var key = await CreateKey(name, days: 30);

        var answer = await Hj212TcpClient.ExchangeAsync(_port, Signed(algorithm, key, 1), expectAnswer: true);
        Assert.False(Hj212Parser.TryParse(Encoding.ASCII.GetBytes(answer), out var packet).IsError, answer);
        Assert.Equal(9014, packet.Command);
        Assert.Contains("CN=9014", await Hj212TcpClient.ExchangeAsync(_port, Signed(algorithm, key, 2, tamper: m => m.ToLowerInvariant()), expectAnswer: true), StringComparison.Ordinal);

        // The value changed after signing (the CRC made to fit): the MAC no longer matches.
        var altered = Signed(algorithm, key, 3);
        var segment = altered[6..^6].Replace("a34004-Avg=35", "a34004-Avg=95", StringComparison.Ordinal);
        await Hj212TcpClient.ExchangeAsync(_port, Encoding.ASCII.GetString(Hj212Frame.Build(segment)), expectAnswer: false);
        await Hj212TcpClient.ExchangeAsync(_port, Unsigned(4), expectAnswer: false);
        var other = Convert.ToHexString([.. Convert.FromHexString(key).Reverse()]);
        await Hj212TcpClient.ExchangeAsync(_port, Signed(algorithm, other, 5), expectAnswer: false);

        var (readings, rejections) = await Stored(readings: 2, rejections: 3);
        Assert.Equal(2, readings);
        Assert.Equal(["station.macForged", "station.macForged", "station.macMissing"], rejections.Select(r => r.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_expired_key_is_refused_and_the_refusal_is_logged_naming_the_key_and_a_rotation_keeps_data_flowing()
    {
        var first = await CreateKey("aes", days: 30);
        _app.Clock.Advance(TimeSpan.FromDays(29));
        var second = await CreateKey("aes", days: 365, rotate: true);

        // During the two-day overlap both keys verify; the station's firmware may change over at its own pace.
        await Hj212TcpClient.ExchangeAsync(_port, Signed(MacAlgorithm.Aes128, first, 1), expectAnswer: true);
        await Hj212TcpClient.ExchangeAsync(_port, Signed(MacAlgorithm.Aes128, second, 2), expectAnswer: true);

        _app.Clock.Advance(TimeSpan.FromDays(2));
        await Hj212TcpClient.ExchangeAsync(_port, Signed(MacAlgorithm.Aes128, first, 3), expectAnswer: false);
        await Hj212TcpClient.ExchangeAsync(_port, Signed(MacAlgorithm.Aes128, second, 4), expectAnswer: true);

        // A year later the new key has expired too, and no key of the station may be used: the refusal names it.
        _app.Clock.Advance(TimeSpan.FromDays(366));
        await Hj212TcpClient.ExchangeAsync(_port, Signed(MacAlgorithm.Aes128, second, 5), expectAnswer: false);

        var (readings, rejections) = await Stored(readings: 3, rejections: 2);
        Assert.Equal(3, readings);
        var codes = rejections.OrderBy(r => r.Id).Select(r => r.Code).ToList();
        Assert.Equal(["station.macForged", "station.keyRefused"], codes);
        var refusal = rejections.Single(r => r.Code == "station.keyRefused");
        Assert.Contains(Station + "-", refusal.Reason, StringComparison.Ordinal);
    }
}
