using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vigil.BrowserTests;

/// <summary>Long jobs in the browser (issue 6: "every long job shows progress"): start, follow to 100 %, download.</summary>
[Collection(ServerCollection.Name)]
public sealed class JobsTests(VigilServer server)
{
    [Fact]
    public async Task A_reviewer_exports_a_stations_raw_readings_from_its_page_follows_the_progress_and_downloads_the_csv()
    {
        await using var context = await server.NewContextAsync();
        var page = await VigilServer.SignInAsync(context, "demo-reviewer");
        await page.GotoAsync("/stations/DEMO310104A");
        await Expect(page.Locator("h1[data-interactive]")).ToBeVisibleAsync();
        // The station page links to the export of its station; opened as a page of its own, so that the wait for
        // interactivity below is this page's and not the station page's.
        await Expect(page.Locator("#station-export")).ToHaveAttributeAsync("href", "jobs?station=DEMO310104A");
        await page.GotoAsync("/jobs?station=DEMO310104A");
        await Expect(page.Locator("h1[data-interactive]")).ToHaveTextAsync("任务与导出");
        await Expect(page.Locator("input[name=station][value=DEMO310104A]")).ToBeCheckedAsync();
        await Expect(page.Locator("input[name=station][value=DEMO310112A]")).Not.ToBeCheckedAsync();

        // Nothing chosen: refused naming the field, nothing queued (the demo reviewer may have jobs of other tests).
        var before = await page.Locator("#jobs tbody tr").CountAsync();
        await page.Locator("input[name=station][value=DEMO310104A]").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "开始导出" }).ClickAsync();
        await Expect(page.Locator(".problems")).ToContainTextAsync("stations");
        await Expect(page.Locator("#jobs tbody tr")).ToHaveCountAsync(before);

        await page.Locator("input[name=station][value=DEMO310104A]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "开始导出" }).ClickAsync();
        await Expect(page.Locator("#jobs tbody tr")).ToHaveCountAsync(before + 1);
        var row = page.Locator("#jobs tbody tr").First;
        await Expect(row).ToHaveAttributeAsync("data-status", "done");
        await Expect(row.Locator("progress")).ToHaveAttributeAsync("value", "100");
        await Expect(row).ToContainTextAsync("原始数据导出");
        await Expect(row).ToContainTextAsync("已完成 1 / 1 步");

        var download = await page.RunAndWaitForDownloadAsync(() => row.GetByRole(AriaRole.Link, new() { Name = "下载 CSV" }).ClickAsync());
        var file = await download.PathAsync();
        var lines = await File.ReadAllLinesAsync(file);
        Assert.Equal("time,station,item,value,flag,valid,validity", lines[0].TrimStart('\uFEFF'));
        Assert.True(lines.Length > 24, $"{lines.Length} lines");
        Assert.All(lines.Skip(1), l => Assert.Contains(",DEMO310104A,", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_monthly_assessment_of_every_station_is_recalculated_as_a_job()
    {
        await using var context = await server.NewContextAsync();
        var page = await VigilServer.SignInAsync(context, "demo-reviewer");
        await page.GetByRole(AriaRole.Link, new() { Name = "任务" }).ClickAsync();
        await Expect(page.Locator("h1[data-interactive]")).ToHaveTextAsync("任务与导出");
        await page.GetByRole(AriaRole.Button, new() { Name = "开始重算" }).ClickAsync();
        var row = page.Locator("#jobs tbody tr", new() { HasTextString = "月度考核重算" }).First;
        await Expect(row).ToHaveAttributeAsync("data-status", "done");
        await Expect(row).ToContainTextAsync("已完成 2 / 2 步");
        var download = await page.RunAndWaitForDownloadAsync(() => row.GetByRole(AriaRole.Link, new() { Name = "下载 CSV" }).ClickAsync());
        var lines = await File.ReadAllLinesAsync(await download.PathAsync());
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("station,name,month", lines[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duty_officer_without_a_monitoring_role_is_told_so()
    {
        await using var context = await server.NewContextAsync();
        var page = await VigilServer.SignInAsync(context, "demo-duty");
        await page.GotoAsync("/jobs");
        await Expect(page.Locator(".notice[role=alert]")).ToContainTextAsync("导出或重算");
        await Expect(page.Locator("#export-h, #assess-h")).ToHaveCountAsync(0);
    }
}
