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
}
