using System.CommandLine;
using Vigil.Data.Security;
using Vigil.Security.Access;
using Vigil.Security.Audit;

namespace Vigil.Host.Cli;

/// <summary>
/// <c>vigil audit verify</c>: walks the whole audit chain in storage order (SEC non-repudiation). Exit 0 when it is
/// whole; exit 1 with the first broken entry named on stderr (edited, deleted, reordered or inserted).
/// </summary>
internal static class AuditCommand
{
    private static readonly string[] Verifiers = [RoleIds.Auditor, RoleIds.Administrator];

    public static Command Create()
    {
        var data = CliData.DataOption();
        var verify = new Command("verify", "Verify the audit hash chain / 校验审计链") { data };
        verify.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            return await CliData.RunSignedInAsync(parse, data, Verifiers, async (services, _) =>
            {
                var entries = await services.GetRequiredService<AuditStore>().ReadAllAsync(cancellationToken);
                var verdict = AuditChain.Verify(entries);
                if (verdict.Break is { } broken)
                {
                    await error.WriteLineAsync(broken.Message);
                    return 1;
                }

                await parse.InvocationConfiguration.Output.WriteLineAsync(HostText.Format("audit.whole", entries.Count));
                return 0;
            });
        });
        return new Command("audit", "Audit trail / 审计记录") { verify };
    }
}
