using System.Globalization;
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
        await page.GetByRole(AriaRole.Link, new() { Name = "数据审核", Exact = true }).ClickAsync();
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

    [Fact]
    public async Task AQ_REVIEW_a_reviewer_postpones_for_a_network_failure_twice_and_the_third_is_refused_with_a_message()
    {
        var day = LocalToday.AddDays(-1);
        await using var context = await server.NewContextAsync();
        var page = await VigilServer.SignInAsync(context, "demo-reviewer");
        await OpenAsync(page, $"/reviews/DEMO310104A/{Iso(day)}");
        await Expect(page.Locator("#review-postponements")).ToContainTextAsync("0 / 2");
        await Expect(page.Locator("#review-due")).ToContainTextAsync(Shown(day.AddDays(1)));

        for (var n = 1; n <= 2; n++)
        {
            await page.Locator("#f-postpone-note").FillAsync("（演示）监测专线中断");
            await page.Locator("#review-postpone").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已顺延：新的提交时限为 " + Shown(day.AddDays(1 + n)));
            await Expect(page.Locator("#review-postponements")).ToContainTextAsync($"{n} / 2");
            await Expect(page.Locator("#review-due")).ToContainTextAsync(Shown(day.AddDays(1 + n)));
        }

        await page.Locator("#review-postpone").ClickAsync();
        await Expect(page.Locator(".problems")).ToContainTextAsync("最多顺延 2 日");
        await Expect(page.Locator("#review-postponements")).ToContainTextAsync("2 / 2");
        await Expect(page.Locator("#review-due")).ToContainTextAsync(Shown(day.AddDays(3)));
        await Expect(page.Locator("#review-timeline li")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task AQ_REVIEW_a_late_review_is_in_red_and_its_written_explanation_is_recorded_by_the_reviewer_only()
    {
        var day = LocalToday.AddDays(-3);
        await using var regulatorContext = await server.NewContextAsync();
        var regulator = await VigilServer.SignInAsync(regulatorContext, "demo-regulator");
        await OpenAsync(regulator, $"/reviews/DEMO310104A/{Iso(day)}");
        await Expect(regulator.Locator("#review-explanation")).ToHaveAttributeAsync("data-status", "owed");
        await Expect(regulator.Locator("#review-explain")).ToHaveCountAsync(0);
        await Expect(regulator.Locator("#review-postpone")).ToHaveCountAsync(0);

        await using var context = await server.NewContextAsync();
        var page = await VigilServer.SignInAsync(context, "demo-reviewer");
        await OpenAsync(page, $"/reviews?date={Iso(day)}");
        await Expect(page.Locator("#review-queue tbody tr[data-station=DEMO310104A]")).ToHaveClassAsync("overdue");
        await Expect(page.Locator("#review-queue tbody tr[data-station=DEMO310104A] td.countdown")).ToContainTextAsync("已超时");

        await OpenAsync(page, $"/reviews/DEMO310104A/{Iso(day)}");
        await Expect(page.Locator("#review-due .overdue-text")).ToBeVisibleAsync();
        await page.Locator("#f-document").FillAsync("（演示）沪监测函〔2026〕1号");
        await page.Locator("#review-explain").ClickAsync();
        await Expect(page.Locator(".problems")).ToContainTextAsync("text");
        await Expect(page.Locator("#review-explanation")).ToHaveAttributeAsync("data-status", "owed");
        await Expect(page.Locator("#f-document")).ToHaveValueAsync("（演示）沪监测函〔2026〕1号");

        await page.Locator("#f-explanation").FillAsync("（演示）因系统升级，该日数据未能按时审核。");
        await page.Locator("#review-explain").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("书面说明已登记");
        await Expect(page.Locator("#review-explanation")).ToHaveAttributeAsync("data-status", "recorded");
        await Expect(page.Locator("#review-explanation")).ToContainTextAsync("（演示）沪监测函〔2026〕1号");
        await Expect(page.Locator("#review-explain")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AQ_REVIEW_the_monthly_review_is_queued_with_its_deadlines_marked_submitted_and_accepted_by_the_centre()
    {
        var month = new DateOnly(LocalToday.Year, LocalToday.Month, 1).AddMonths(-1);
        await using var context = await server.NewContextAsync();
        var page = await VigilServer.SignInAsync(context, "demo-reviewer");
        await OpenAsync(page, "/reviews");
        var row = page.Locator("#month-queue tbody tr[data-station=DEMO310104A]");
        await Expect(row).ToContainTextAsync(Shown(month.AddMonths(1)));
        await Expect(row).ToContainTextAsync(Shown(month.AddMonths(1).AddDays(1), 0));
        await row.GetByRole(AriaRole.Link, new() { Name = "DEMO310104A" }).ClickAsync();
        await Expect(page.Locator("h1[data-interactive]")).ToContainTextAsync(month.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        await Expect(page.Locator("#review-postpone")).ToHaveCountAsync(0);

        await page.Locator("#f-date").FillAsync(Iso(month.AddDays(4)));
        await page.Locator("#f-hour").SelectOptionAsync("5");
        await page.Locator("#f-item").SelectOptionAsync("a21026");
        await page.Locator("#f-reason").SelectOptionAsync("instrument-fault");
        await page.GetByRole(AriaRole.Button, new() { Name = "标记为无效" }).ClickAsync();
        await Expect(page.Locator("#review-verdicts li")).ToHaveCountAsync(1);
        await Expect(page.Locator("#review-verdicts li")).ToContainTextAsync(Iso(month.AddDays(4)) + " 05:00");
        await page.Locator("#review-submit").ClickAsync();
        await Expect(page.Locator("#review-status")).ToHaveAttributeAsync("data-status", "submitted");
        var url = page.Url;

        await using var centreContext = await server.NewContextAsync();
        var centre = await VigilServer.SignInAsync(centreContext, "demo-centre");
        await OpenAsync(centre, "/reviews");
        await Expect(centre.Locator("#month-queue tbody tr[data-station=DEMO310104A]")).ToHaveAttributeAsync("data-status", "submitted");
        await OpenAsync(centre, url);
        await centre.GetByRole(AriaRole.Button, new() { Name = "通过" }).ClickAsync();
        await Expect(centre.Locator("#review-status")).ToHaveAttributeAsync("data-status", "accepted");
    }

    [Fact]
    public async Task AQ_REVIEW_a_review_sent_back_shows_the_reason_and_its_own_re_review_deadline()
    {
        var day = LocalToday.AddDays(-2);
        var path = $"/reviews/DEMO310112A/{Iso(day)}";
        await using var context = await server.NewContextAsync();
        var page = await VigilServer.SignInAsync(context, "demo-reviewer");
        await OpenAsync(page, path);
        await page.Locator("#review-submit").ClickAsync();
        await Expect(page.Locator("#review-status")).ToHaveAttributeAsync("data-status", "submitted");

        await using var centreContext = await server.NewContextAsync();
        var centre = await VigilServer.SignInAsync(centreContext, "demo-centre");
        await OpenAsync(centre, path);
        await centre.GetByRole(AriaRole.Button, new() { Name = "退回" }).ClickAsync();
        await Expect(centre.Locator(".problems")).ToContainTextAsync("reason");
        await Expect(centre.Locator("#review-status")).ToHaveAttributeAsync("data-status", "submitted");
        await centre.Locator("#f-reject").FillAsync("（演示）夜间 PM2.5 数据需复核");
        await centre.GetByRole(AriaRole.Button, new() { Name = "退回" }).ClickAsync();
        await Expect(centre.Locator("#review-status")).ToHaveAttributeAsync("data-status", "returned");

        await OpenAsync(page, "/reviews");
        var open = page.Locator($"#open-queue tbody tr[data-station=DEMO310112A][data-key='{Iso(day)}']");
        await Expect(open).ToHaveAttributeAsync("data-status", "returned");
        await Expect(open).ToContainTextAsync(Shown(LocalToday.AddDays(1)));

        await OpenAsync(page, path);
        await Expect(page.Locator("#review-rejection")).ToContainTextAsync("（演示）夜间 PM2.5 数据需复核");
        await Expect(page.Locator("dt", new() { HasText = "复审提交时限" })).ToBeVisibleAsync();
        await Expect(page.Locator("#review-due")).ToContainTextAsync(Shown(LocalToday.AddDays(1)));
        await page.GetByRole(AriaRole.Button, new() { Name = "提交复审结果" }).ClickAsync();
        await Expect(page.Locator("#review-status")).ToHaveAttributeAsync("data-status", "resubmitted");
    }

    private static DateOnly LocalToday => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A deadline as the zh-CN page shows it (the user's short date and time).</summary>
    private static string Shown(DateOnly date, int hour = 12) => date.ToDateTime(new TimeOnly(hour, 0)).ToString("g", CultureInfo.GetCultureInfo("zh-CN"));

    private static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await Expect(page.Locator("h1[data-interactive]")).ToBeVisibleAsync();
    }
}
