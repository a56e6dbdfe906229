using System.CommandLine;
using System.Globalization;
using Vigil.Common;
using Vigil.Host.Security;
using Vigil.Security.Mac;

namespace Vigil.Host.Cli;

/// <summary>
/// <c>vigil keys commission|create|rotate|list --station &lt;MN&gt;</c> (seed 004 §7; SEC; issue 12 item 3). Commission
/// prints the station's key-encryption key once, for the installer; create and rotate print the new key only wrapped
/// under it, with its check value; list shows only ids, lifetimes and states.
/// </summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var root = new Command("keys", "Station keys / 站点密钥");
        root.Subcommands.Add(Commission());
        root.Subcommands.Add(Change("create", "Create a station key; prints its material once / 创建站点密钥", rotate: false));
        root.Subcommands.Add(Change("rotate", "Rotate a station key with an overlap / 轮换站点密钥", rotate: true));

        var data = CliData.DataOption();
        var station = StationOption(required: false);
        var list = new Command("list", "List station keys (never the material) / 列出站点密钥") { station, data };
        list.SetAction(async (parse, cancellationToken) =>
        {
            return await CliData.RunSignedInAsync(parse, data, CliData.Administrators, async (services, access) =>
            {
                var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
                var keys = services.GetRequiredService<StationKeyService>();
                var all = await keys.KeysAsync(parse.GetValue(station));
                var governed = new Dictionary<string, bool>(StringComparer.Ordinal);
                foreach (var key in all)
                {
                    // Only the keys of stations the administrator governs (issue 12 item 2), as over HTTP.
                    if (!governed.TryGetValue(key.StationId, out var mine))
                    {
                        governed[key.StationId] = mine = (await keys.StationAsync(key.StationId, access)).IsSuccess;
                    }

                    if (!mine)
                    {
                        continue;
                    }

                    await parse.InvocationConfiguration.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{key.StationId}\t{key.KeyId}\t{KeyOptions.Name(key.Purpose)}\t{key.Algorithm.Name()}\t{key.NotBefore:O}\t{key.NotAfter:O}\t{key.StateAt(now)}"));
                }

                return 0;
            });
        });
        root.Subcommands.Add(list);
        return root;
    }

    private static Option<string?> StationOption(bool required) => new("--station") { Description = "Station MN (HJ 212) / 站点 MN", Required = required };

    private static Command Change(string name, string description, bool rotate)
    {
        var data = CliData.DataOption();
        var station = StationOption(required: true);
        var purpose = new Option<string?>("--purpose") { Description = "mac, encrypt, decrypt, derive, internal-auth, external-auth", Required = true };
        var algorithm = new Option<string?>("--algorithm") { Description = "aes or 3des (rotate: default the current key's)" };
        var days = new Option<int?>("--days") { Description = "Lifetime in days (create: 365; rotate: the current key's)" };
        var overlap = new Option<int?>("--overlap-days") { Description = "Rotate: days the old key stays valid (default 7)" };
        var command = new Command(name, description) { station, purpose, algorithm, days, data };
        if (rotate)
        {
            command.Options.Add(overlap);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var parsedPurpose = KeyOptions.ParsePurpose(parse.GetValue(purpose), "--purpose");
            Outcome<MacAlgorithm>? parsedAlgorithm = parse.GetValue(algorithm) is null && rotate ? null : KeyOptions.ParseAlgorithm(parse.GetValue(algorithm), "--algorithm");
            var problem = parsedPurpose.Problems.Concat(parsedAlgorithm?.Problems ?? []).Select(p => p.Message)
                .Concat(SecurityCheck(parse.GetValue(station), parse.GetValue(days), parse.GetValue(overlap)))
                .FirstOrDefault();
            if (problem is not null)
            {
                await error.WriteLineAsync(problem);
                return MacCommand.BadInput;
            }

            return await CliData.RunSignedInAsync(parse, data, CliData.Administrators, async (services, access) =>
            {
                var keys = services.GetRequiredService<StationKeyService>();
                var lifetime = parse.GetValue(days) is { } d ? TimeSpan.FromDays(d) : (TimeSpan?)null;
                var created = rotate
                    ? await keys.RotateAsync(parse.GetValue(station)!, parsedPurpose.Value, parsedAlgorithm?.Value, parse.GetValue(overlap) is { } o ? TimeSpan.FromDays(o) : null, lifetime, access)
                    : await keys.CreateAsync(parse.GetValue(station)!, parsedPurpose.Value, parsedAlgorithm!.Value, null, lifetime, access);
                if (!created.IsSuccess)
                {
                    await error.WriteLineAsync(created.Problems[0].Message);
                    return 1;
                }

                var (key, kekId, wrapped, checkValue) = created.Value;
                await parse.InvocationConfiguration.Output.WriteLineAsync(HostText.Format("keys.delivered", key.KeyId, key.NotBefore, key.NotAfter, kekId, checkValue));
                await parse.InvocationConfiguration.Output.WriteLineAsync(wrapped);
                return 0;
            });
        });
        return command;
    }

    private static Command Commission()
    {
        var data = CliData.DataOption();
        var station = StationOption(required: true);
        var days = new Option<int?>("--days") { Description = "Lifetime in days (default 3650)" };
        var command = new Command("commission", "Set a station's key-encryption key; prints it once for the installer / 调试站点：设置密钥加密密钥") { station, days, data };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (SecurityCheck(parse.GetValue(station), parse.GetValue(days), null).FirstOrDefault() is { } problem)
            {
                await error.WriteLineAsync(problem);
                return MacCommand.BadInput;
            }

            return await CliData.RunSignedInAsync(parse, data, CliData.Administrators, async (services, access) =>
            {
                var lifetime = parse.GetValue(days) is { } d ? TimeSpan.FromDays(d) : (TimeSpan?)null;
                var commissioned = await services.GetRequiredService<StationKeyService>().CommissionAsync(parse.GetValue(station)!, lifetime, access);
                if (!commissioned.IsSuccess)
                {
                    await error.WriteLineAsync(commissioned.Problems[0].Message);
                    return 1;
                }

                var key = commissioned.Value.Key;
                await parse.InvocationConfiguration.Output.WriteLineAsync(HostText.Format("keys.commissioned", key.KeyId, key.NotBefore, key.NotAfter));
                await parse.InvocationConfiguration.Output.WriteLineAsync(commissioned.Value.MaterialHex);
                return 0;
            });
        });
        return command;
    }

    private static IEnumerable<string> SecurityCheck(string? station, int? days, int? overlap)
    {
        if (StationKeyService.CheckStation(station) is { } bad)
        {
            yield return bad.Message;
        }

        if (days is not null and (< 1 or > 3650))
        {
            yield return HostText.Format("paging.invalid", "--days", 1, 3650);
        }

        if (overlap is not null and (< 0 or > 365))
        {
            yield return HostText.Format("paging.invalid", "--overlap-days", 0, 365);
        }
    }
}
