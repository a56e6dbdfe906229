using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Vigil.Host.Prevention;
using Vigil.Security.Access;

namespace Vigil.Host.Cli;

/// <summary>
/// <c>vigil hazards overdue [--division X] [--json]</c>: rectifications past their deadline (DP-HAZ), within the signed-in
/// user's jurisdiction, most overdue first, each with the regulator it escalates to.
/// </summary>
internal static class HazardsCommand
{
    private const int BadInput = 2;

    public static Command Create()
    {
        var data = CliData.DataOption();
        var division = new Option<string?>("--division") { Description = "GB/T 2260 code: only this district or street / 仅列出该区划" };
        var json = new Option<bool>("--json") { Description = "JSON instead of lines" };
        var overdue = new Command("overdue", "Overdue rectifications / 逾期未整改隐患") { data, division, json };
        overdue.SetAction(async (parse, cancellationToken) =>
        {
            var code = parse.GetValue(division);
            if (code is not null && !Jurisdiction.IsDivisionCode(code))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(HostText.Format("division.invalid", "--division", code));
                return BadInput;
            }

            return await CliData.RunSignedInAsync(parse, data, PreventionRoles.All, async (services, access) =>
            {
                var enterprises = await services.GetRequiredService<EnterpriseGate>().VisibleAsync(access, code);
                var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
                var list = await services.GetRequiredService<PreventionQueries>().OverdueRectificationsAsync(enterprises, now);
                var output = parse.InvocationConfiguration.Output;
                if (parse.GetValue(json))
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(list.Select(HazardView.Overdue), CliJson.Options));
                    return 0;
                }

                if (list.Count == 0)
                {
                    await output.WriteLineAsync(PreventionText.Format("cli.overdue.none"));
                }

                foreach (var o in list)
                {
                    await output.WriteLineAsync(PreventionText.Format(
                        "cli.overdue.line", o.HazardId, o.Enterprise.DivisionCode, o.Enterprise.Name, HazardFilter.GradeName(o.Grade) ?? "",
                        o.Deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), o.DaysOverdue, o.SupervisingRegulator));
                }

                return 0;
            });
        });
        return new Command("hazards", "Hidden hazards (DP-HAZ) / 事故隐患") { overdue };
    }
}
