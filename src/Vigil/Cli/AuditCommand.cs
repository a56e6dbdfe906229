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
            var directory = CliData.DataDirectory(parse, data);
            await using var provider = CliData.Services(directory);
            var error = parse.InvocationConfiguration.Error;
            var signedIn = await CliData.SignInAsync(provider, directory, Verifiers, error);
            if (signedIn is null)
            {
                return CliData.NotAllowed;
            }

            var (scope, _) = signedIn.Value;

            await using (scope)
            {
                var entries = await scope.ServiceProvider.GetRequiredService<AuditStore>().ReadAllAsync(cancellationToken);
                var verdict = AuditChain.Verify(entries);
                if (verdict.Break is { } broken)
                {
                    await error.WriteLineAsync(broken.Message);
                    return 1;
                }

                await parse.InvocationConfiguration.Output.WriteLineAsync(HostText.Format("audit.whole", entries.Count));
                return 0;
            }
        });
        return new Command("audit", "Audit trail / 审计记录") { verify };
    }
}
