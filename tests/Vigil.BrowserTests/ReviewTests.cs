using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vigil.BrowserTests;

/// <summary>The data review workflow in a real browser (AQ-REVIEW): yesterday's queue, an hour marked invalid, submitted, judged.</summary>
[Collection(ServerCollection.Name)]
public sealed class ReviewTests(VigilServer server)
{
    [Fact]
    public async Task A_qualified_reviewer_marks_an_hour_invalid_with_a_reason_submits_and_the_centre_accepts()
    {
        await using var context = await server.NewContextAsync();
        var page = await VigilServer.SignInAsync(context, "demo-reviewer");
        await page.GetByRole(AriaRole.Link, new() { Name = "数据审核" }).ClickAsync();
        await Expect(page.Locator("h1[data-interactive]")).ToBeVisibleAsync();
        var row = page.Locator("#review-queue tbody tr[data-station=DEMO310112A]");
        await Expect(row).ToContainTextAsync("待审核");
        await Expect(row.Locator("td.countdown")).ToContainTextAsync(":");

        await row.GetByRole(AriaRole.Link, new() { Name = "DEMO310112A" }).ClickAsync();
        await Expect(page.Locator("h1[data-interactive]")).ToContainTextAsync("（演示）闵行监测站");
        await Expect(page.Locator("#review-hours tbody tr")).ToHaveCountAsync(24);
        await Expect(page.Locator("#review-hours tbody tr").Nth(7).Locator("td.invalid")).ToHaveCountAsync(0);

        await page.Locator("#f-hour").SelectOptionAsync("7");
        await page.Locator("#f-item").SelectOptionAsync("a34004");
        await page.Locator("#f-reason").SelectOptionAsync("instrument-fault");
        await page.Locator("#f-note").FillAsync("（演示）颗粒物采样泵异常");
        await page.GetByRole(AriaRole.Button, new() { Name = "标记为无效" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已将 07:00 PM2.5 标记为无效");
        var cell = page.Locator("#review-hours tbody tr").Nth(7).Locator("td[data-item=a34004]");
        await Expect(cell).ToHaveClassAsync("invalid");
        await Expect(cell).ToContainTextAsync("仪器故障");

        await page.GetByRole(AriaRole.Button, new() { Name = "提交审核结果" }).ClickAsync();
        await Expect(page.Locator("#review-status")).ToHaveAttributeAsync("data-status", "submitted");
        await Expect(page.Locator("#review-submit")).ToHaveCountAsync(0);
        var url = page.Url;

        await using var centreContext = await server.NewContextAsync();
        var centre = await VigilServer.SignInAsync(centreContext, "demo-centre");
        await centre.GotoAsync(url);
        await Expect(centre.Locator("h1[data-interactive]")).ToBeVisibleAsync();
        await Expect(centre.Locator("#review-status")).ToHaveAttributeAsync("data-status", "submitted");
        await Expect(centre.Locator("#f-hour")).ToHaveCountAsync(0);
        await centre.GetByRole(AriaRole.Button, new() { Name = "通过" }).ClickAsync();
        await Expect(centre.Locator(".problems")).ToHaveCountAsync(0);
        await Expect(centre.Locator("#review-status")).ToHaveAttributeAsync("data-status", "accepted");
        await Expect(centre.Locator("#review-timeline li")).ToHaveCountAsync(3);
    }

    [Fact]
    public async Task A_duty_officer_without_a_review_role_sees_no_queue()
    {
        await using var context = await server.NewContextAsync();
        var page = await VigilServer.SignInAsync(context, "demo-duty");
        await page.GotoAsync("/reviews");
        await Expect(page.Locator(".notice[role=alert]")).ToContainTextAsync("审核队列");
        await Expect(page.Locator("#review-queue")).ToHaveCountAsync(0);
    }
}
