using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Vigil.BrowserTests;

/// <summary>
/// Issue 15 item 17 in a real browser (001 四(四)): an operator the public reported by name and address is matched to
/// the register by the district's regulator on the public-reports page (the report becomes a hazard file), or recorded
/// as unregistered with a reason; a decision without its reason is refused next to the field and changes nothing.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class PublicReportTests(VigilServer server)
{
    /// <summary>Reports anonymously through POST /api/public/hazards, as the public would, and returns the reference.</summary>
    private async Task<string> ReportAsync(string name, string address)
    {
        await using var anonymous = await server.NewContextAsync();
        var form = anonymous.APIRequest.CreateFormData();
        form.Set("enterpriseName", name);
        form.Set("address", address);
        form.Set("districtCode", "310104");
        form.Set("description", "（测试）后院堆放液化气钢瓶，无人看管");
        var response = await anonymous.APIRequest.PostAsync("/api/public/hazards", new() { Multipart = form });
        Assert.Equal(201, response.Status);
        return (await response.JsonAsync())!.Value.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task The_regulator_matches_a_report_to_the_register_or_records_it_as_unregistered()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var likely = await ReportAsync("徐汇示例化工厂" + suffix, "徐汇区某路 3 号");
        var unknown = await ReportAsync("无名小作坊" + suffix, "徐汇区示例路 8 号后院");
        await using var context = await server.NewContextAsync();
        var regulator = await VigilServer.SignInAsync(context, "demo-regulator");

        // From the hazard board to the list, then the report.
        await regulator.GotoAsync("/hazards");
        await regulator.Locator("#public-reports-link").ClickAsync();
        await Expect(regulator.Locator("h1[data-interactive]")).ToHaveTextAsync("群众举报（未识别单位）");
        await Expect(regulator.Locator("#public-reports tr[data-state=open]", new() { HasText = "徐汇示例化工厂" + suffix })).ToHaveCountAsync(1);
        await regulator.GotoAsync($"/public-reports/{likely}");
        await Expect(regulator.Locator("h1[data-interactive]")).ToBeVisibleAsync();
        await Expect(regulator.Locator("#report-state")).ToHaveAttributeAsync("data-state", "open");

        // The register entry alike in name is offered first, with its likeness.
        var option = regulator.Locator("#match-enterprise option").Nth(1);
        await Expect(option).ToContainTextAsync("徐汇示例化工有限公司");
        await Expect(option).ToContainTextAsync("名称相似度");
        await regulator.Locator("#match-enterprise").SelectOptionAsync(await option.GetAttributeAsync("value") ?? "");
        await regulator.Locator("#match-reason").FillAsync("名称与登记企业一致，地址为其后门");
        await regulator.Locator("#match-send").ClickAsync();
        await Expect(regulator.GetByRole(AriaRole.Status)).ToHaveTextAsync("已匹配：该举报已转为该企业的隐患档案。");
        await Expect(regulator.Locator("#report-state")).ToHaveAttributeAsync("data-state", "matched");
        await Expect(regulator.Locator("#form-match, #form-unregistered")).ToHaveCountAsync(0);
        await regulator.Locator("#report-decision a", new() { HasText = "隐患档案" }).ClickAsync();
        await Expect(regulator.Locator("h1[data-interactive]")).ToContainTextAsync("液化气钢瓶");

        // Unregistered needs a reason: refused beside the field, the report stays open; with it, recorded.
        await regulator.GotoAsync($"/public-reports/{unknown}");
        await Expect(regulator.Locator("h1[data-interactive]")).ToBeVisibleAsync();
        await regulator.Locator("#unregistered-send").ClickAsync();
        await Expect(regulator.Locator("#unregistered-reason-error")).ToContainTextAsync("reason");
        await Expect(regulator.Locator("#report-state")).ToHaveAttributeAsync("data-state", "open");
        await regulator.Locator("#unregistered-reason").FillAsync("市场主体登记系统查无此名称和地址");
        await regulator.Locator("#unregistered-send").ClickAsync();
        await Expect(regulator.Locator("#report-state")).ToHaveAttributeAsync("data-state", "unregistered");
        await Expect(regulator.Locator("#report-decision")).ToContainTextAsync("市场主体登记系统查无此名称和地址");
    }

    [Fact]
    public async Task Another_districts_regulator_does_not_see_the_report()
    {
        var id = await ReportAsync("徐汇无照经营点" + Guid.NewGuid().ToString("N")[..6], "徐汇区某弄 5 号");
        await using var context = await server.NewContextAsync();
        var minhang = await VigilServer.SignInAsync(context, "demo-minhang");
        await minhang.GotoAsync($"/public-reports/{id}");
        await Expect(minhang.Locator(".notice[role=alert]")).ToHaveTextAsync("您的辖区内没有该群众举报。");
        await Expect(minhang.Locator("#form-match")).ToHaveCountAsync(0);
    }
}
