using System.CommandLine;
using Vigil.Data;
using Vigil.Host.Security;
using Vigil.Security.Access;

namespace Vigil.Host.Cli;

/// <summary>
/// <c>vigil audit verify</c>: walks the whole audit chain in storage order with its key and checks it against the
/// newest signed checkpoint (SEC non-repudiation; issue 12 item 5). Exit 0 when it is whole; exit 1 with the first
/// broken entry named on stderr (edited, deleted, reordered, inserted, recomputed, or the tail gone).
/// <c>vigil audit checkpoint</c>: signs the chain's head now and writes it to the checkpoint directory.
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
                var report = await services.GetRequiredService<AuditVerifier>().VerifyAsync(cancellationToken);
                if (report.Break is { } broken)
                {
                    await error.WriteLineAsync(broken.Message);
                    return 1;
                }

                await parse.InvocationConfiguration.Output.WriteLineAsync(AuditVerifier.Describe(report));
                return 0;
            });
        });

        var checkpointData = CliData.DataOption();
        var checkpoint = new Command("checkpoint", "Write a signed checkpoint of the audit chain / 写入审计检查点") { checkpointData };
        checkpoint.SetAction(async (parse, cancellationToken) =>
            await CliData.RunSignedInAsync(parse, checkpointData, Verifiers, async (services, _) =>
            {
                var (written, file) = await services.GetRequiredService<AuditCheckpoints>().WriteAsync(services.GetRequiredService<VigilDbContext>(), cancellationToken);
                await parse.InvocationConfiguration.Output.WriteLineAsync(HostText.Format("audit.checkpointWritten", written.Sequence, file));
                return 0;
            }));
        return new Command("audit", "Audit trail / 审计记录") { verify, checkpoint };
    }
}
