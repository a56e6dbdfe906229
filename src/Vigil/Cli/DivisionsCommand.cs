using System.CommandLine;
using Vigil.Host.Security;

namespace Vigil.Host.Cli;

/// <summary><c>vigil divisions import &lt;file&gt;</c>: GB/T 2260 divisions from JSON or CSV (.csv), by an administrator.</summary>
internal static class DivisionsCommand
{
    public static Command Create()
    {
        var data = CliData.DataOption();
        var file = new Argument<string>("file") { Description = "JSON array [{code, name, parentCode}] or CSV code,name,parentCode" };
        var import = new Command("import", "Import administrative divisions / 导入行政区划") { file, data };
        import.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                await error.WriteLineAsync(HostText.Format("file.missing", path));
                return MacCommand.BadInput;
            }

            return await CliData.RunSignedInAsync(parse, data, CliData.Administrators, async (services, access) =>
            {
                var text = await File.ReadAllTextAsync(path, cancellationToken);
                var csv = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
                var imported = await services.GetRequiredService<DivisionImporter>().ImportAsync(text, csv, access);
                if (!imported.IsSuccess)
                {
                    foreach (var problem in imported.Problems)
                    {
                        await error.WriteLineAsync(problem.Message);
                    }

                    return imported.Kind == Vigil.Common.ProblemKind.Forbidden ? CliData.NotAllowed : MacCommand.BadInput;
                }

                await parse.InvocationConfiguration.Output.WriteLineAsync(HostText.Format("divisions.imported", imported.Value));
                return 0;
            });
        });
        return new Command("divisions", "Administrative divisions / 行政区划") { import };
    }
}
