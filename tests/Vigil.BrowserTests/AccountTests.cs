using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vigil.BrowserTests;

/// <summary>The account pages in a real browser: the one-time password changed first, the password page's refusals, the role picker.</summary>
[Collection(ServerCollection.Name)]
public sealed class AccountTests(VigilServer server)
{
    [Fact]
    public async Task A_new_account_with_a_one_time_password_is_sent_to_change_it_refused_when_wrong_then_works()
    {
        const string oneTime = "one-time-pass-2026";
        const string own = "my-own-password-2026";
        await server.CreateAccountAsync("test-first-sign-in", oneTime, oneTimePassword: true, ("duty-officer", "310104"));
        await using var context = await server.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("#userName").FillAsync("test-first-sign-in");
        await page.Locator("#password").FillAsync(oneTime);
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/password\\?returnUrl=%2F$"));
        await Expect(page.Locator("#must-change")).ToBeVisibleAsync();

        // A page opened directly sends the user back here rather than to a dead end.
        await page.GotoAsync("/reviews");
        await Expect(page).ToHaveURLAsync(new Regex("/account/password\\?returnUrl=%2Freviews$"));
        await page.GotoAsync("/account/password?returnUrl=%2F");

        await ChangeAsync(page, "wrong-password-2026", own, own);
        await Expect(page.Locator("#currentPassword-error")).ToContainTextAsync("当前密码：密码不正确");
        await ChangeAsync(page, oneTime, own, own + "x");
        await Expect(page.Locator("#newPasswordRepeat-error")).ToContainTextAsync("再次输入新密码：与新密码不一致");
        await ChangeAsync(page, oneTime, "short", "short");
        await Expect(page.Locator("#newPassword-error")).ToContainTextAsync("新密码：至少需要 10 个字符");
        await Expect(page.Locator("#must-change")).ToBeVisibleAsync();

        await ChangeAsync(page, oneTime, own, own);
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await Expect(page.Locator("h1[data-interactive]")).ToBeVisibleAsync();
        await Expect(page.Locator(".notice[role=alert]")).ToHaveCountAsync(0);

        await page.Locator("#account-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/password$"));
        await Expect(page.Locator("#must-change")).ToHaveCountAsync(0);

        await using var again = await server.NewContextAsync();
        await VigilServer.SignInAsync(again, "test-first-sign-in", own);
    }

    [Fact]
    public async Task A_user_with_two_roles_switches_in_the_header_and_sees_the_pages_and_actions_of_that_role_only()
    {
        await server.CreateAccountAsync("test-two-roles", "two-roles-pass-2026", oneTimePassword: false, ("duty-officer", "310104"), ("qualified-reviewer", "310000"));
        await using var context = await server.NewContextAsync();
        var page = await VigilServer.SignInAsync(context, "test-two-roles", "two-roles-pass-2026");
        await Expect(page.Locator("#acting-role")).ToHaveValueAsync("");

        await OpenAsync(page, "/reviews");
        await Expect(page.Locator("#f-day")).ToBeVisibleAsync();

        await SwitchAsync(page, "duty-officer");
        await Expect(page).ToHaveURLAsync(new Regex("/reviews$"));
        await Expect(page.Locator("h1[data-interactive]")).ToBeVisibleAsync();
        await Expect(page.Locator(".notice[role=alert]")).ToContainTextAsync("审核队列");
        await Expect(page.Locator("#f-day")).ToHaveCountAsync(0);
        await Expect(page.Locator("#acting-role")).ToHaveValueAsync("duty-officer");

        await SwitchAsync(page, "qualified-reviewer");
        await Expect(page.Locator("h1[data-interactive]")).ToBeVisibleAsync();
        await Expect(page.Locator("#f-day")).ToBeVisibleAsync();
        var day = await page.Locator("#f-day").InputValueAsync();
        await OpenAsync(page, $"/reviews/DEMO310104A/{day}");
        await Expect(page.Locator("#f-hour")).ToBeVisibleAsync();
        await Expect(page.Locator("#acting-role")).ToHaveValueAsync("qualified-reviewer");

        // One role, no picker.
        await using var single = await server.NewContextAsync();
        var reviewer = await VigilServer.SignInAsync(single, "demo-reviewer");
        await Expect(reviewer.Locator("#account-link")).ToBeVisibleAsync();
        await Expect(reviewer.Locator("#acting-role")).ToHaveCountAsync(0);
    }

    private static async Task ChangeAsync(IPage page, string current, string replacement, string repeat)
    {
        await page.Locator("#currentPassword").FillAsync(current);
        await page.Locator("#newPassword").FillAsync(replacement);
        await page.Locator("#newPasswordRepeat").FillAsync(repeat);
        await page.GetByRole(AriaRole.Button, new() { Name = "修改密码" }).ClickAsync();
    }

    private static async Task SwitchAsync(IPage page, string role)
    {
        await page.Locator("#acting-role").SelectOptionAsync(role);
        // The switch posts a form and the same page loads again: wait for a new document, not the old one's heading.
        await page.EvaluateAsync("() => window.vigilBeforeSwitch = true");
        await page.Locator("#role-switch").ClickAsync();
        await page.WaitForFunctionAsync("() => window.vigilBeforeSwitch === undefined");
    }

    private static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await Expect(page.Locator("h1[data-interactive]")).ToBeVisibleAsync();
    }
}
