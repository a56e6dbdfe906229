using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Data.Monitoring;

namespace Vigil.Tests.Monitoring.Review;

/// <summary>Synthetic stations, hourly data and qualified reviewers for the review tests.</summary>
internal static class ReviewSeed
{
    public const string Items = "a34004 a21026";

    public static DateTimeOffset Local(int month, int day, int hour, int minute = 0, int second = 0) =>
        new(2026, month, day, hour, minute, second, TimeSpan.FromHours(8));

    /// <summary>A station with PM₂.₅ and SO₂ and, for each day given, 24 hourly values flagged N.</summary>
    public static async Task Station(VigilFactory app, string code, string division, params DateOnly[] days)
    {
        using var scope = app.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<MonitoringStore>();
        await store.AddStationAsync(new StationRecord { Code = code, Name = "测试站" + code, DivisionCode = division, PasswordHash = "", Items = Items });
        var readings = days.SelectMany(day => Enumerable.Range(0, 24).SelectMany(h => Items.Split(' ').Select(item => new RawReadingRecord
        {
            StationCode = code,
            DataTime = new DateTimeOffset(day.ToDateTime(new TimeOnly(h, 0)), TimeSpan.FromHours(8)),
            Command = 2061,
            Item = item,
            Field = "Avg",
            Value = item == "a34004" ? "35" : "8",
            Flag = "N",
            ReceivedAt = app.Clock.GetUtcNow(),
            PacketQn = "1",
        }))).ToList();
        await store.AppendAsync(readings, []);
    }

    /// <summary>A signed-in user holding <paramref name="role"/> at <paramref name="division"/>, and their account id.</summary>
    public static async Task<(HttpClient Client, string Id)> User(VigilFactory app, string name, string role, string division, string language = "zh-CN")
    {
        var client = await app.As(name, role, division, language);
        return (client, (await client.GetJson("/api/auth/me"))["user"]!["id"]!.GetValue<string>());
    }

    /// <summary>The administrator records a qualification valid through 2026 (第二十二条).</summary>
    public static async Task Qualify(VigilFactory app, string userId, string certificate)
    {
        var (response, body) = await (await app.Admin()).PostJson("/api/reviewer-qualifications", new JsonObject
        {
            ["userId"] = userId,
            ["certificateNumber"] = certificate,
            ["validFrom"] = "2026-01-01",
            ["validTo"] = "2026-12-31",
        }.ToJsonString());
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
    }
}
