using System.CommandLine;
using System.Globalization;
using Vigil.Host.Plans;

namespace Vigil.Host.Cli;

/// <summary><c>vigil plans list</c> and <c>vigil plans validate [files…]</c>.</summary>
internal static class PlansCommand
{
    public static Command Create()
    {
        var plans = PlansOption.Create();
        var list = new Command("list", "List the plans / 列出预案") { plans };
        list.SetAction(parse =>
        {
            var catalog = PlanCatalog.Load(parse.GetValue(plans)!);
            if (!catalog.IsSuccess)
            {
                foreach (var problem in catalog.Problems)
                {
                    parse.InvocationConfiguration.Error.WriteLine(problem.Message);
                }

                return 1;
            }

            foreach (var plan in catalog.Value.All.OrderBy(p => p.Id, StringComparer.Ordinal))
            {
                parse.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{plan.Id}\t{plan.Version}\t{plan.Title.For(CultureInfo.CurrentUICulture)}"));
            }

            return 0;
        });

        var files = new Argument<string[]>("files") { Description = "Plan files; default: every plan in --plans", Arity = ArgumentArity.ZeroOrMore };
        var validatePlans = PlansOption.Create();
        var validate = new Command("validate", "Check plan files / 校验预案文件") { files, validatePlans };
        validate.SetAction(parse =>
        {
            var paths = parse.GetValue(files) is { Length: > 0 } given
                ? given
                : Directory.Exists(parse.GetValue(validatePlans)) ? Directory.GetFiles(parse.GetValue(validatePlans)!, "*.json") : [];
            var failed = 0;
            foreach (var path in paths.Order(StringComparer.Ordinal))
            {
                var outcome = File.Exists(path)
                    ? PlanCatalog.LoadFile(path)
                    : Vigil.Common.Outcome<Vigil.Plans.PlanDefinition>.Failure(Vigil.Common.ProblemKind.NotFound,
                        new Vigil.Common.Problem(path, "file.missing", HostText.Format("file.missing", path)));
                if (outcome.IsSuccess)
                {
                    parse.InvocationConfiguration.Output.WriteLine(HostText.Format("plans.valid", path, outcome.Value.Id, outcome.Value.Version));
                    continue;
                }

                failed++;
                foreach (var problem in outcome.Problems)
                {
                    parse.InvocationConfiguration.Error.WriteLine(problem.Message);
                }
            }

            return failed == 0 ? 0 : 1;
        });

        return new Command("plans", "Plans as data / 预案") { list, validate };
    }
}
