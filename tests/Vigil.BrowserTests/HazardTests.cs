using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vigil.BrowserTests;

/// <summary>The hazard board in a real browser (DP-HAZ): each hazard's place in the closed loop, what it waits for, overdue marked.</summary>
[Collection(ServerCollection.Name)]
public sealed class HazardTests(VigilServer server)
{
    [Fact]
    public async Task The_district_regulator_sees_the_loop_the_overdue_rectification_and_a_hazards_steps()
    {
        await using var context = await server.NewContextAsync();
        var page = await VigilServer.SignInAsync(context, "demo-regulator");
        await page.GetByRole(AriaRole.Link, new() { Name = "隐患看板" }).ClickAsync();
        await Expect(page.Locator("h1[data-interactive]")).ToBeVisibleAsync();

        // The demo's general hazard at the Xuhui chemical works was due three days ago (DP-HAZ rectification overdue).
        var overdue = page.Locator("#hazard-board tbody tr.overdue");
        await Expect(overdue).ToHaveCountAsync(1);
        await Expect(overdue).ToContainTextAsync("消防通道");
        await Expect(overdue).ToContainTextAsync("已逾期");
        await Expect(page.Locator("#hazard-board")).Not.ToContainTextAsync("闵行");
        await Expect(page.Locator("#hazard-board tbody tr li[aria-current=step]").First).ToBeVisibleAsync();

        await page.Locator("#f-grade").SelectOptionAsync("major");
        await Expect(page.Locator("#hazard-board tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#hazard-board tbody tr")).ToContainTextAsync("液氯储罐");

        await page.Locator("#hazard-board tbody tr a").ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("液氯储罐");
        await Expect(page.Locator("#hazard-steps li").First).ToContainTextAsync("发现");
        await Expect(page.Locator("#hazard-waiting")).Not.ToBeEmptyAsync();
    }

    [Fact]
    public async Task The_next_step_is_offered_only_to_those_who_may_take_it_and_taking_it_moves_the_loop()
    {
        await using var regulatorContext = await server.NewContextAsync();
        var regulator = await VigilServer.SignInAsync(regulatorContext, "demo-regulator");
        await regulator.GotoAsync("/hazards");

        // The filter works once the page is interactive; choosing before that would be lost.
        await Expect(regulator.Locator("h1[data-interactive]")).ToBeVisibleAsync();
        await regulator.Locator("#f-grade").SelectOptionAsync("major");
        await Expect(regulator.Locator("#hazard-board tbody tr")).ToHaveCountAsync(1);
        var href = await regulator.Locator("#hazard-board tbody tr a").GetAttributeAsync("href");

        // An inspection institute may not record monitoring measures (DP-HAZ: the unit or the regulator): no button.
        await using (var inspectorContext = await server.NewContextAsync())
        {
            var inspector = await VigilServer.SignInAsync(inspectorContext, "demo-inspector");
            await inspector.GotoAsync("/" + href);
            await Expect(inspector.Locator("h1[data-interactive]")).ToContainTextAsync("液氯储罐");
            await Expect(inspector.Locator("#hazard-waiting")).ToContainTextAsync("监控");
            await Expect(inspector.Locator("#hazard-next")).ToHaveCountAsync(0);
        }

        // Another district does not see the hazard at all.
        await using (var minhangContext = await server.NewContextAsync())
        {
            var minhang = await VigilServer.SignInAsync(minhangContext, "demo-minhang");
            await minhang.GotoAsync("/" + href);
            await Expect(minhang.Locator(".notice[role=alert]")).ToHaveTextAsync("您的辖区内没有该隐患。");
        }

        await regulator.GotoAsync("/" + href);
        await Expect(regulator.Locator("h1[data-interactive]")).ToBeVisibleAsync();
        await regulator.GetByRole(AriaRole.Button, new() { Name = "确认监控措施已落实" }).ClickAsync();
        await Expect(regulator.GetByRole(AriaRole.Status)).ToHaveTextAsync("已记录监控措施。");
        await Expect(regulator.Locator("li[aria-current=step]")).ToHaveTextAsync("监控中");
        await Expect(regulator.Locator("#hazard-steps li").Last).ToContainTextAsync("落实监控措施");

        // A major hazard now needs its 五落实 plan from the principal: input the page does not take, so no button.
        await Expect(regulator.Locator("#hazard-waiting")).ToContainTextAsync("五落实");
        await Expect(regulator.Locator("#hazard-next")).ToHaveCountAsync(0);
    }
}
