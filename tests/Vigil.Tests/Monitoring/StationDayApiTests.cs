using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Data.Monitoring;

namespace Vigil.Tests.Monitoring;

/// <summary>AQ-STD over HTTP: the day's own date picks the standard; compare=true adds the other version.</summary>
public sealed class StationDayApiTests
{
    private static async Task Seed(VigilFactory app, DateTime localDay)
    {
        using var scope = app.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<MonitoringStore>();
        if (await store.StationAsync("DAY0001") is null)
        {
            await store.AddStationAsync(new StationRecord { Code = "DAY0001", Name = "测试站", DivisionCode = "310104", PasswordHash = "", Items = "a34004" });
        }

        var readings = Enumerable.Range(0, 24).Select(h => new RawReadingRecord
        {
            StationCode = "DAY0001",
            DataTime = new DateTimeOffset(localDay.AddHours(h), TimeSpan.FromHours(8)),
            Command = 2061,
            Item = "a34004",
            Field = "Avg",
            Value = "60",
            Flag = "N",
            ReceivedAt = DateTimeOffset.UtcNow,
            PacketQn = "1",
        }).ToList();
        await store.AppendAsync(readings, []);
    }

    [Fact]
    public async Task Day_before_and_after_1_March_2026_is_judged_by_the_standard_then_in_force()
    {
        await using var app = new VigilFactory();
        await Seed(app, new DateTime(2026, 2, 28));
        await Seed(app, new DateTime(2026, 3, 1));
        using var client = await app.As("审核员甲", "qualified-reviewer");

        var before = await client.GetJson("/api/stations/DAY0001/days/2026-02-28?compare=true");
        Assert.Equal("HJ633-2012", before["series"]!["standard"]!.GetValue<string>());
        Assert.Equal(60m, before["series"]!["daily"]!["pm25"]!.GetValue<decimal>());
        Assert.Equal("HJ633-2026", before["compare"]!["standard"]!.GetValue<string>());
        Assert.Equal(82, before["series"]!["daily"]!["aqi"]!["computed"]!.GetValue<int>());
        Assert.Equal(100, before["compare"]!["daily"]!["aqi"]!["computed"]!.GetValue<int>());

        var after = await client.GetJson("/api/stations/DAY0001/days/2026-03-01");
        Assert.Equal("HJ633-2026", after["series"]!["standard"]!.GetValue<string>());
        Assert.Null(after["compare"]);
        Assert.True(after["series"]!["hours"]![0]!["values"]!["PM2.5"]!["valid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Bad_date_or_standard_is_refused_naming_it()
    {
        await using var app = new VigilFactory();
        await Seed(app, new DateTime(2026, 3, 1));
        using var client = await app.As("审核员甲", "qualified-reviewer");
        var date = await client.GetAsync(new Uri("/api/stations/DAY0001/days/2026-13-01", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, date.StatusCode);
        var standard = await client.GetAsync(new Uri("/api/stations/DAY0001/days/2026-03-01?standard=HJ633-1999", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, standard.StatusCode);
        var station = await client.GetAsync(new Uri("/api/stations/NOPE/days/2026-03-01", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, station.StatusCode);
        using var minhang = await app.As("审核员乙", "qualified-reviewer", "310112");
        var elsewhere = await minhang.GetAsync(new Uri("/api/stations/DAY0001/days/2026-03-01", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        using var signedOut = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await signedOut.GetAsync(new Uri("/api/stations/DAY0001/days/2026-03-01", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Month_of_27_full_days_has_a_valid_mean_and_26_does_not()
    {
        await using var app = new VigilFactory();
        for (var d = 1; d <= 26; d++)
        {
            await Seed(app, new DateTime(2026, 4, d));
        }

        using var client = await app.As("审核员甲", "qualified-reviewer");
        var short26 = (await client.GetJson("/api/stations/DAY0001/months/2026-04"))["means"]!.AsArray().Single(m => m!["pollutant"]!.GetValue<string>() == "PM2.5")!;
        Assert.False(short26["valid"]!.GetValue<bool>());
        Assert.Equal(26, short26["validDays"]!.GetValue<int>());

        await Seed(app, new DateTime(2026, 4, 27));
        var full27 = (await client.GetJson("/api/stations/DAY0001/months/2026-04"))["means"]!.AsArray().Single(m => m!["pollutant"]!.GetValue<string>() == "PM2.5")!;
        Assert.True(full27["valid"]!.GetValue<bool>());
        Assert.Equal(60m, full27["mean"]!.GetValue<decimal>());
        var year = await client.GetJson("/api/stations/DAY0001/years/2026");
        Assert.False(year["means"]![0]!["valid"]!.GetValue<bool>());
    }
}
