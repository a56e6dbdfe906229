using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vigil.BrowserTests;

/// <summary>A station-day in a real browser: the ECharts chart drawn from the vendored library, validity marks (AQ-VALID).</summary>
[Collection(ServerCollection.Name)]
public sealed class StationTests(VigilServer server)
{
    [Fact]
    public async Task A_reviewer_sees_yesterdays_hourly_chart_and_the_invalid_calibration_hour_marked()
    {
        await using var context = await server.NewContextAsync();
        var page = await VigilServer.SignInAsync(context, "demo-reviewer");
        await page.GetByRole(AriaRole.Link, new() { Name = "监测站" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "DEMO310104A" }).ClickAsync();
        await Expect(page.Locator("h1[data-interactive]")).ToHaveTextAsync("（演示）徐汇监测站");

        var china = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var yesterday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, china).DateTime).AddDays(-1);
        await Expect(page.Locator("#f-day")).ToHaveValueAsync(yesterday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Expect(page.Locator("#station-chart[data-rendered=true] canvas")).ToHaveCountAsync(1);
        await Expect(page.Locator("#station-hours tbody tr")).ToHaveCountAsync(24);
        await Expect(page.Locator("#station-hours td.invalid")).ToHaveCountAsync(0);

        // The demo's first day has its 10:00 hour flagged C (calibration): not valid data, marked in the table.
        await page.GetByRole(AriaRole.Button, new() { Name = "前一天" }).ClickAsync();
        await Expect(page.Locator("#f-day")).ToHaveValueAsync(yesterday.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Expect(page.Locator("#station-hours tbody tr").Nth(10).Locator("td.invalid")).ToHaveCountAsync(6);
        await Expect(page.Locator("#station-hours tbody tr").Nth(10).Locator("td.invalid").First).ToContainTextAsync("无效（C）");
        await Expect(page.Locator("#station-hours td.invalid")).ToHaveCountAsync(6);

        // Only the library shipped with Vigil was loaded, from this server.
        var scripts = await page.EvaluateAsync<string[]>("() => performance.getEntriesByType('resource').map(e => e.name)");
        Assert.Contains(scripts, s => s.EndsWith("/lib/echarts/echarts.min.js", StringComparison.Ordinal));
        Assert.All(scripts, s => Assert.StartsWith(server.BaseAddress.ToString().TrimEnd('/'), s, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_station_list_is_searched_and_sorted_on_the_server()
    {
        await using var context = await server.NewContextAsync();
        var page = await VigilServer.SignInAsync(context, "demo-reviewer");
        await page.GotoAsync("/stations");
        await Expect(page.Locator("h1[data-interactive]")).ToBeVisibleAsync();
        await Expect(page.Locator("#stations tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#stations tbody tr").First).ToContainTextAsync("DEMO310104A");

        await page.Locator("#f-search").FillAsync("闵行");
        await page.GetByRole(AriaRole.Button, new() { Name = "查找" }).ClickAsync();
        await Expect(page.Locator("#stations tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#stations tbody tr")).ToContainTextAsync("DEMO310112A");

        await page.Locator("#f-search").FillAsync("");
        await page.Locator("#f-sort").SelectOptionAsync("Name");
        await Expect(page.Locator("#stations tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#stations tbody tr").First).ToContainTextAsync("（演示）徐汇监测站");
        await Expect(page.Locator("#stations tbody tr").Last).ToContainTextAsync("（演示）闵行监测站");

        await page.Locator("#f-search").FillAsync("不存在的站");
        await page.GetByRole(AriaRole.Button, new() { Name = "查找" }).ClickAsync();
        await Expect(page.Locator("#stations-none")).ToContainTextAsync("没有符合条件的站点");
    }

    [Fact]
    public async Task A_duty_officer_without_a_monitoring_role_is_not_shown_any_station()
    {
        await using var context = await server.NewContextAsync();
        var page = await VigilServer.SignInAsync(context, "demo-duty");
        await page.GotoAsync("/stations/DEMO310104A");
        await Expect(page.Locator("h1[data-interactive]")).ToBeVisibleAsync();
        await Expect(page.Locator(".notice[role=alert]")).ToHaveTextAsync("您的辖区内没有该监测站。");
        await Expect(page.Locator("#station-chart")).ToHaveCountAsync(0);
    }
}
