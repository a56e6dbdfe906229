using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Vigil.Host.Plans;
using Vigil.Plans;

namespace Vigil.Host.Cli;

/// <summary>
/// <c>vigil grade --plan &lt;plan-id&gt; &lt;case.json|-&gt;</c>: prints one JSON object and exits 0; bad input prints
/// one line naming the field on stderr and exits 2 (the contract other tools rely on).
/// </summary>
internal static class GradeCommand
{
    public static Command Create()
    {
        var plan = new Option<string>("--plan") { Description = "Plan id, e.g. shanghai-special-equipment-2025", Required = true };
        var plans = PlansOption.Create();
        var file = new Argument<string>("case") { Description = "Case file (JSON), or - for standard input" };
        var command = new Command("grade", "Grade a case by a plan / 按预案定级") { plan, plans, file };
        command.SetAction(parse => Run(parse.GetValue(plan)!, parse.GetValue(plans)!, parse.GetValue(file)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string planId, string plansDirectory, string file, TextWriter output, TextWriter error)
    {
        var catalog = PlanCatalog.Load(plansDirectory);
        if (!catalog.IsSuccess)
        {
            error.WriteLine(catalog.Problems[0].Message);
            return 2;
        }

        if (catalog.Value.Find(planId) is not { } plan)
        {
            error.WriteLine(HostText.Format("plan.unknown", planId, string.Join(", ", catalog.Value.All.Select(p => p.Id))));
            return 2;
        }

        string text;
        try
        {
            text = file == "-" ? Console.In.ReadToEnd() : File.ReadAllText(file);
        }
        catch (IOException e)
        {
            error.WriteLine(HostText.Format("file.read", file, e.Message));
            return 2;
        }
        catch (UnauthorizedAccessException e)
        {
            error.WriteLine(HostText.Format("file.read", file, e.Message));
            return 2;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            error.WriteLine(HostText.Format("json.invalid", file == "-" ? "<stdin>" : file, (e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1));
            return 2;
        }

        using (document)
        {
            var facts = FactSet.Parse(plan, document.RootElement);
            if (!facts.IsSuccess)
            {
                error.WriteLine(facts.Problems[0].Message);
                return 2;
            }

            var report = GradeReport.Build(plan, Grader.Grade(plan, facts.Value), CultureInfo.CurrentUICulture);
            output.WriteLine(report.ToJsonString(CliJson.Options));
            return 0;
        }
    }
}
