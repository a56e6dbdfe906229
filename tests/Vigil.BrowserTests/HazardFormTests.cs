using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vigil.BrowserTests;

/// <summary>
/// The hazard page's forms in a real browser (DP-HAZ): a major hazard reported from its enterprise's page, assessed,
/// given its 五落实, rectified, sent back with a reason and closed out with evidence, each by the role the API allows;
/// a refused form names the field next to it and nothing is appended.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed partial class HazardFormTests(VigilServer server)
{
    /// <summary>A real 1×1 PNG: evidence is typed by its first bytes, like the API's upload.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [GeneratedRegex("/hazards/[0-9a-f-]{36}$")]
    private static partial Regex HazardUrl();

    [Fact]
    public async Task DP_HAZ_a_major_hazard_goes_through_the_forms_and_a_refused_form_names_its_field_and_changes_nothing()
    {
        await using var officerContext = await server.NewContextAsync();
        await using var regulatorContext = await server.NewContextAsync();
        await using var principalContext = await server.NewContextAsync();
        var officer = await VigilServer.SignInAsync(officerContext, "demo-officer");
        var regulator = await VigilServer.SignInAsync(regulatorContext, "demo-regulator");
        var principal = await VigilServer.SignInAsync(principalContext, "demo-principal");

        // 排查: the safety officer reports the hazard from the enterprise's page; an empty description is refused there.
        await officer.GotoAsync("/enterprises");
        await Expect(officer.Locator("h1[data-interactive]")).ToBeVisibleAsync();
        await officer.Locator("#enterprise-list a", new() { HasText = "化工" }).ClickAsync();
        await Expect(officer.Locator("h1[data-interactive]")).ToContainTextAsync("化工");
        await officer.Locator("#form-report button[type=submit]").ClickAsync();
        await Expect(officer.Locator("#report-description-error")).ToContainTextAsync("description");
        await officer.Locator("#report-description").FillAsync("（测试）储罐区防雷接地检测过期");
        await officer.Locator("#form-report button[type=submit]").ClickAsync();
        await Expect(officer).ToHaveURLAsync(HazardUrl());
        await Expect(officer.Locator("h1[data-interactive]")).ToContainTextAsync("防雷接地");
        var hazard = officer.Url;
        await Step(officer, "登记入隐患台账", "已登记。");

        // 评估 by the regulator: without a grade the form names "grade" beside the field and the file stays registered.
        await Open(regulator, hazard);
        await Expect(regulator.Locator("#hazard-steps li")).ToHaveCountAsync(2);
        await regulator.Locator("#form-assess button[type=submit]").ClickAsync();
        await Expect(regulator.Locator("#assess-grade-error")).ToContainTextAsync("grade");
        await Expect(regulator.Locator("#assess-grade")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(regulator.Locator("#assess-grade")).ToHaveAttributeAsync("aria-describedby", "assess-grade-error");
        await Expect(regulator.Locator("#hazard-steps li")).ToHaveCountAsync(2);
        await Expect(regulator.Locator("li[aria-current=step]")).ToHaveTextAsync("已登记");
        await regulator.Locator("#assess-grade").SelectOptionAsync("major");
        await regulator.Locator("#form-assess button[type=submit]").ClickAsync();
        await Expect(regulator.GetByRole(AriaRole.Status)).ToHaveTextAsync("已评估。");
        await Expect(regulator.Locator("#hazard-grade")).ToHaveTextAsync("重大隐患");
        await Expect(regulator.Locator("#form-assess")).ToHaveCountAsync(0);

        // A major hazard is reported by the unit at once, then monitored (the regulator may record that).
        await Open(officer, hazard);
        await Step(officer, "报告监管部门", "已报告监管部门。");
        await Open(regulator, hazard);
        await Step(regulator, "确认监控措施已落实", "已记录监控措施。");

        // 五落实 by the principal: funds that are not a number are refused beside the field, nothing is recorded.
        await Open(principal, hazard);
        await principal.Locator("#plan-responsiblePerson").FillAsync("演示设备部经理");
        await principal.Locator("#plan-funds").FillAsync("很多");
        await principal.Locator("#form-plan button[type=submit]").ClickAsync();
        await Expect(principal.Locator("#plan-funds-error")).ToContainTextAsync("funds");
        await Expect(principal.Locator("#hazard-plan dd[data-item=responsiblePerson]")).ToHaveTextAsync("尚未落实");
        await principal.Locator("#plan-funds").FillAsync("12000");
        await principal.Locator("#plan-measures").FillAsync("委托有资质单位重新检测防雷接地");
        await principal.Locator("#plan-deadline").FillAsync("2030-06-30");
        await principal.Locator("#plan-contingencyPlan").FillAsync("雷雨天气停止装卸作业");
        await principal.Locator("#form-plan button[type=submit]").ClickAsync();
        await Expect(principal.GetByRole(AriaRole.Status)).ToHaveTextAsync("已记录五落实。");
        await Expect(principal.Locator("#hazard-plan dd[data-item=responsiblePerson]")).ToHaveTextAsync("演示设备部经理");
        await Expect(principal.Locator("#hazard-plan dd[data-item=funds]")).ToHaveTextAsync("12,000");

        // 治理 by the officer; the unit may not verify its own major hazard, so no verification form for it.
        await Open(officer, hazard);
        await Step(officer, "确认整改完成", "已记录整改完成，待验收。");
        await Expect(officer.Locator("#form-verify")).ToHaveCountAsync(0);

        // The regulator sends it back: an empty reason is refused beside the field; the reason given goes on the record.
        await Open(regulator, hazard);
        await regulator.Locator("#verify-reject").ClickAsync();
        await Expect(regulator.Locator("#verify-reason-error")).ToContainTextAsync("reason");
        await Expect(regulator.Locator("li[aria-current=step]")).ToHaveTextAsync("已整改");
        await regulator.Locator("#verify-reason").FillAsync("接地电阻检测报告缺少签章");
        await regulator.Locator("#verify-reject").ClickAsync();
        await Expect(regulator.GetByRole(AriaRole.Status)).ToHaveTextAsync("已退回整改。");
        await Expect(regulator.Locator("li[aria-current=step]")).ToHaveTextAsync("监控中");
        await Expect(regulator.Locator("#hazard-steps li").Last).ToContainTextAsync("整改验收不通过");
        await Expect(regulator.Locator("#hazard-steps li").Last).ToContainTextAsync("接地电阻检测报告缺少签章");

        // Rectified again, then closed out with evidence: a file that is not a photo or PDF is refused beside the field.
        await Open(officer, hazard);
        await Step(officer, "确认整改完成", "已记录整改完成，待验收。");
        await Open(regulator, hazard);
        await regulator.Locator("#verify-evidence").SetInputFilesAsync(new FilePayload { Name = "note.txt", MimeType = "image/png", Buffer = "not a photo"u8.ToArray() });
        await Expect(regulator.Locator("#verify-evidence-error")).ToContainTextAsync("evidence[0]");
        await regulator.Locator("#verify-evidence").SetInputFilesAsync(new FilePayload { Name = "接地检测.png", MimeType = "image/png", Buffer = Png });
        await Expect(regulator.Locator("#verify-files")).ToContainTextAsync("接地检测.png");
        await Expect(regulator.Locator("#verify-evidence-error")).ToHaveCountAsync(0);
        await regulator.Locator("#verify-close").ClickAsync();
        await Expect(regulator.GetByRole(AriaRole.Status)).ToHaveTextAsync("已销号。");
        await Expect(regulator.Locator("li[aria-current=step]")).ToHaveTextAsync("已销号");
        await Expect(regulator.Locator("#hazard-steps li").Last.Locator("a")).ToHaveTextAsync("证据 1");
    }

    private static async Task Open(IPage page, string url)
    {
        await page.GotoAsync(url);
        await Expect(page.Locator("h1[data-interactive]")).ToContainTextAsync("防雷接地");
    }

    private static async Task Step(IPage page, string button, string done)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(done);
    }
}
