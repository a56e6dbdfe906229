using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vigil.BrowserTests;

/// <summary>
/// The duty room in a real browser (issue 6): sign in, record a report and watch it graded as the numbers are typed
/// (SE-ACC, SE-RPT), propose a response and have it approved from a second session (SE-RESP), seen live by both.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed partial class DutyRoomTests(VigilServer server)
{
    [Fact]
    public async Task Signed_out_visitors_are_sent_to_sign_in_and_a_wrong_password_is_refused_in_chinese()
    {
        await using var context = await server.NewContextAsync(locale: "en-US");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/incidents/new");
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in\\?ReturnUrl=%2Fincidents%2Fnew"));

        // zh-CN is the default even for an English browser; the switch is one click away.
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await page.Locator("#userName").FillAsync("demo-duty");
        await page.Locator("#password").FillAsync("wrong-password");
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("#sign-in-error")).ToHaveTextAsync("用户名或密码错误。");

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await page.Locator("#userName").FillAsync("demo-duty");
        await page.Locator("#password").FillAsync(VigilServer.DemoPassword);
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/incidents/new$"));
        await Expect(page.Locator("h1[data-interactive]")).ToHaveTextAsync("New incident report");
    }

    [Fact]
    public async Task A_report_is_graded_as_the_numbers_are_typed_and_recording_it_opens_the_incident()
    {
        await using var context = await server.NewContextAsync();
        var page = await VigilServer.SignInAsync(context, "demo-duty");
        await page.GetByRole(AriaRole.Link, new() { Name = "新报告" }).ClickAsync();
        await Expect(page.Locator("h1[data-interactive]")).ToHaveTextAsync("新事件报告");

        // SE-ACC: 3 deaths make a 较大 (level III) accident, 2 a 一般 (level IV) one; the panel follows each keystroke.
        await page.Locator("#f-facts-equipmentType").SelectOptionAsync("pressureVessel");
        await page.Locator("#f-facts-deaths").FillAsync("3");
        await Expect(page.Locator("#grade [data-grading=accident]")).ToContainTextAsync("Ⅲ级");
        await page.Locator("#f-facts-deaths").FillAsync("2");
        await Expect(page.Locator("#grade [data-grading=accident]")).ToContainTextAsync("Ⅳ级");

        await page.Locator("#f-title").FillAsync("（浏览器测试）锅炉房压力容器事故");
        await FillRequiredContentsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "提交初报" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/incidents/[0-9a-f-]{36}$"));
        await Expect(page.Locator("h1[data-interactive]")).ToHaveTextAsync("（浏览器测试）锅炉房压力容器事故");
        await Expect(page.Locator("#event-level")).ToContainTextAsync("Ⅳ级");
        await Expect(page.Locator("#timeline li[data-type=reportRecorded]")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_report_with_a_missing_required_content_is_refused_naming_the_field_and_nothing_is_opened()
    {
        await using var context = await server.NewContextAsync();
        var page = await VigilServer.SignInAsync(context, "demo-duty");
        await page.GotoAsync("/incidents/new");
        await Expect(page.Locator("h1[data-interactive]")).ToBeVisibleAsync();
        await page.Locator("#f-title").FillAsync("（浏览器测试）缺项报告");

        // Each "正在核实中" box is named after its field, so a screen reader says which one it is.
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "发生时间：正在核实中", Exact = true }).CheckAsync();
        await Expect(page.Locator("#f-occurredAt")).ToBeDisabledAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "提交初报" }).ClickAsync();

        await Expect(page.Locator(".problems[role=alert]")).ToContainTextAsync("place");
        await Expect(page.Locator("#f-contents-place")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page).ToHaveURLAsync(new Regex("/incidents/new$"));
    }

    [Fact]
    public async Task An_approval_given_in_another_session_reaches_the_proposer_without_a_reload()
    {
        // The office director watches the duty board.
        await using var directorContext = await server.NewContextAsync();
        var director = await VigilServer.SignInAsync(directorContext, "demo-director");

        // The duty officer records an elevator entrapment (level IV) and proposes the level IV response.
        await using var dutyContext = await server.NewContextAsync();
        var duty = await VigilServer.SignInAsync(dutyContext, "demo-duty");
        await duty.GotoAsync("/incidents/new");
        await Expect(duty.Locator("h1[data-interactive]")).ToBeVisibleAsync();
        var title = "（浏览器测试）电梯困人 " + Guid.NewGuid().ToString("N")[..6];
        await duty.Locator("#f-title").FillAsync(title);
        await duty.Locator("#f-facts-equipmentType").SelectOptionAsync("elevator");
        await duty.Locator("#f-facts-strandedPeople").FillAsync("4");
        await duty.Locator("#f-facts-strandedHours").FillAsync("2");
        await FillRequiredContentsAsync(duty);
        await duty.GetByRole(AriaRole.Button, new() { Name = "提交初报" }).ClickAsync();
        await Expect(duty).ToHaveURLAsync(new Regex("/incidents/[0-9a-f-]{36}$"));
        await Expect(duty.Locator("h1[data-interactive]")).ToHaveTextAsync(title);
        await duty.Locator("#f-propose-reason").FillAsync("请求专家支持");
        await duty.GetByRole(AriaRole.Button, new() { Name = "提交提议" }).ClickAsync();
        var proposal = duty.Locator("#proposals .proposal").Last;
        await Expect(proposal.Locator(".proposal-status")).ToHaveTextAsync("审批中");

        // The duty officer is not who the chain waits for: no approve button for her.
        await Expect(duty.GetByRole(AriaRole.Button, new() { Name = "批准" })).ToHaveCountAsync(0);

        // The director's board shows the approval waiting for him without a reload, and he approves it.
        var waiting = director.Locator("#waiting-for-me").GetByRole(AriaRole.Link, new() { Name = title });
        await Expect(waiting).ToBeVisibleAsync();
        await waiting.ClickAsync();
        await Expect(director.Locator("h1[data-interactive]")).ToHaveTextAsync(title);
        await director.GetByRole(AriaRole.Button, new() { Name = "批准" }).ClickAsync();
        await Expect(director.Locator("#proposals .proposal").Last.Locator(".proposal-status")).ToHaveTextAsync("已批准");

        // The duty officer's page follows on its own.
        await Expect(proposal.Locator(".proposal-status")).ToHaveTextAsync("已批准");
        await Expect(duty.Locator("#running-response")).ToBeVisibleAsync();
        await Expect(duty.Locator("#timeline li[data-type=proposalApproved]")).ToHaveCountAsync(1);

        // She ticks the first item of the response's checklist (SE-RESP 4.2.3) with a note; the director sees it done.
        var item = duty.Locator("#checklist li").First;
        var actionId = await item.GetAttributeAsync("data-action");
        await Expect(item).ToHaveAttributeAsync("data-done", "false");
        await duty.Locator("#f-action-note").FillAsync("维保人员已到场");
        await item.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(item).ToHaveAttributeAsync("data-done", "true");
        await Expect(item.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await Expect(duty.Locator("#timeline li[data-type=responseActionDone]")).ToContainTextAsync("维保人员已到场");
        await Expect(director.Locator($"#checklist li[data-action='{actionId}']")).ToHaveAttributeAsync("data-done", "true");

        // A follow-up (续报) states only what changed and regrades; the director's page follows.
        await duty.Locator("#f-facts-seriousInjuries").FillAsync("1");
        await duty.GetByRole(AriaRole.Button, new() { Name = "提交续报" }).ClickAsync();
        await Expect(duty.Locator("#timeline li[data-type=reportRecorded]")).ToHaveCountAsync(2);
        await Expect(director.Locator("#timeline li[data-type=reportRecorded]")).ToHaveCountAsync(2);
    }

    /// <summary>States a place and a reporter, and marks every other required content "正在核实中".</summary>
    internal static async Task FillRequiredContentsAsync(IPage page)
    {
        await page.Locator("[data-verifying=f-occurredAt]").CheckAsync();
        await page.Locator("#f-contents-place").FillAsync("徐汇区演示路 2 号");
        await page.Locator("#f-contents-reporterName").FillAsync("演示报告人");
        foreach (var id in new[] { "unit", "equipment", "course", "casualties", "measures", "reporterPhone" })
        {
            await page.Locator($"[data-verifying=f-contents-{id}]").CheckAsync();
        }
    }
}
