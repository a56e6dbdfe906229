using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.Data.Monitoring;
using Vigil.Host.Monitoring;
using Vigil.Data;
using Vigil.Security.Keys;
using Vigil.Host.Web;

namespace Vigil.Host.Cli;

/// <summary><c>vigil stations add</c>, <c>vigil ingest</c> and <c>vigil export readings</c>.</summary>
internal static class MonitoringCommands
{
    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static IEnumerable<Command> Create()
    {
        yield return Stations();
        yield return Ingest();
        yield return Export();
    }

    private static Command Stations()
    {
        var data = CliData.DataOption();
        var code = new Option<string>("--code") { Description = "HJ 212 MN", Required = true };
        var name = new Option<string>("--name") { Required = true };
        var division = new Option<string>("--division") { Description = "GB/T 2260 code", Required = true };
        var password = new Option<string>("--password") { Description = "HJ 212 PW", Required = true };
        var latitude = new Option<double>("--lat") { Required = true };
        var longitude = new Option<double>("--lon") { Required = true };
        var items = new Option<string[]>("--items") { Description = "Item codes, e.g. a21026 a34004", AllowMultipleArgumentsPerToken = true };
        var add = new Command("add", "Register a station / 登记站点") { data, code, name, division, password, latitude, longitude, items };
        add.SetAction(async (parse, cancellationToken) =>
        {
            var json = JsonSerializer.SerializeToElement(new
            {
                code = parse.GetValue(code),
                name = parse.GetValue(name),
                divisionCode = parse.GetValue(division),
                password = parse.GetValue(password),
                latitude = parse.GetValue(latitude),
                longitude = parse.GetValue(longitude),
                items = parse.GetValue(items) ?? [],
            });
            var body = new BodyReader(json);
            var station = StationRegistration.Read(body, DateTimeOffset.UtcNow);
            if (station is null)
            {
                parse.InvocationConfiguration.Error.WriteLine(body.Problems[0].Message);
                return 2;
            }

            return await CliData.RunSignedInAsync(parse, data, MonitoringApi.Operators, async (services, access) =>
            {
                var role = access.RoleAt(station.DivisionCode, MonitoringApi.Operators);
                if (!role.IsSuccess)
                {
                    parse.InvocationConfiguration.Error.WriteLine(role.Problems[0].Message);
                    return CliData.NotAllowed;
                }

                var store = services.GetRequiredService<MonitoringStore>();
                if (await store.StationAsync(station.Code, cancellationToken) is not null)
                {
                    parse.InvocationConfiguration.Error.WriteLine(HostText.Format("station.exists", "--code", station.Code));
                    return 2;
                }

                var clock = services.GetRequiredService<TimeProvider>();
                services.GetRequiredService<VigilDbContext>().Audit(
                    access.Audit(role.Value, "station.register", "Station", station.Code, station.DivisionCode, new { station.Name }), clock.GetUtcNow());
                await store.AddStationAsync(station, cancellationToken);
                parse.InvocationConfiguration.Output.WriteLine(station.Code);
                return 0;
            });
        });
        return new Command("stations", "Monitoring stations / 监测站点") { add };
    }

    /// <summary>Loads packets from a file exactly as if they came over TCP: the same checks, the same log of refusals.</summary>
    private static Command Ingest()
    {
        var data = CliData.DataOption();
        var file = new Argument<string>("file") { Description = "One HJ 212 packet per line" };
        var command = new Command("ingest", "Load HJ 212 packets from a file / 从文件导入 HJ 212 数据包") { data, file };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                parse.InvocationConfiguration.Error.WriteLine(HostText.Format("file.missing", path));
                return 2;
            }

            return await CliData.RunSignedInAsync(parse, data, MonitoringApi.Operators, async (services, access) =>
            {
                var store = services.GetRequiredService<MonitoringStore>();
                var clock = services.GetRequiredService<TimeProvider>();

                // The same checks as the gateway, but a user only loads data of the stations in their jurisdiction:
                // any other MN is as unknown to them as an unregistered one.
                var directory = new StationDirectory(ct => StationDirectory.LoadAsync(services, access.Scopes(MonitoringApi.Operators), ct));
                await directory.RefreshAsync(cancellationToken);
                var intake = new Hj212Intake(directory, services.GetRequiredService<IKeyProtector>(), clock);
                var (readings, rejections, lineNumber) = (new List<RawReadingRecord>(), new List<IntakeRejectionRecord>(), 0);
                var (stored, refused) = (0, 0);
                foreach (var line in File.ReadLines(path, Encoding.ASCII))
                {
                    lineNumber++;
                    if (line.Length == 0)
                    {
                        continue;
                    }

                    var result = intake.Process(Encoding.ASCII.GetBytes(line.TrimEnd('\r')), $"{Path.GetFileName(path)}:{lineNumber}");
                    readings.AddRange(result.Readings);
                    rejections.AddRange(result.Rejections);
                    foreach (var rejection in result.Rejections)
                    {
                        parse.InvocationConfiguration.Error.WriteLine($"{rejection.Source}: {rejection.Reason}");
                    }

                    if (readings.Count >= 5000)
                    {
                        // Counted as stored: only readings not already there (a file loaded twice stores nothing new).
                        (stored, refused) = (stored + (await store.AppendAsync(readings, rejections, cancellationToken)).Stored, refused + rejections.Count);
                        readings.Clear();
                        rejections.Clear();
                    }
                }

                (stored, refused) = (stored + (await store.AppendAsync(readings, rejections, cancellationToken)).Stored, refused + rejections.Count);
                var db = services.GetRequiredService<VigilDbContext>();
                db.Audit(access.Audit(access.FirstRole(MonitoringApi.Operators), "readings.ingest", "File", Path.GetFileName(path), "", new { stored, refused }), clock.GetUtcNow());
                await db.SaveChangesAsync(cancellationToken);
                parse.InvocationConfiguration.Output.WriteLine(HostText.Format("ingest.done", stored, refused));
                return refused == 0 ? 0 : 1;
            });
        });
        return command;
    }

    /// <summary><c>vigil export readings --station MN --from T --to T</c>: raw values as CSV <c>time,station,item,value,flag,valid,validity</c>.</summary>
    private static Command Export()
    {
        var data = CliData.DataOption();
        var station = new Option<string>("--station") { Required = true };
        var from = new Option<string>("--from") { Description = "Local time, e.g. 2026-11-21T00:00", Required = true };
        var to = new Option<string>("--to") { Required = true };
        var readings = new Command("readings", "Export raw readings as CSV / 导出原始数据") { data, station, from, to };
        readings.SetAction(async (parse, cancellationToken) =>
        {
            if (Time(parse.GetValue(from)!) is not { } start)
            {
                parse.InvocationConfiguration.Error.WriteLine(HostText.Format("field.time", "--from", parse.GetValue(from)));
                return 2;
            }

            if (Time(parse.GetValue(to)!) is not { } end || end <= start)
            {
                parse.InvocationConfiguration.Error.WriteLine(HostText.Format("field.time", "--to", parse.GetValue(to)));
                return 2;
            }

            return await CliData.RunSignedInAsync(parse, data, MonitoringApi.Readers, async (services, access) =>
            {
                var store = services.GetRequiredService<MonitoringStore>();
                var code = parse.GetValue(station)!;
                if (await store.StationAsync(code, cancellationToken) is not { } found || !access.Sees(found.DivisionCode, MonitoringApi.Readers))
                {
                    parse.InvocationConfiguration.Error.WriteLine(HostText.Format("station.notFound", "--station", code));
                    return 2;
                }

                // SEC non-repudiation: an export of raw monitoring data is a sensitive read and goes on record first.
                var db = services.GetRequiredService<VigilDbContext>();
                var role = access.RolesCovering(found.DivisionCode, MonitoringApi.Readers)[0];
                db.Audit(access.Audit(role, "readings.export", "Station", code, found.DivisionCode, new { from = start, to = end }),
                    services.GetRequiredService<TimeProvider>().GetUtcNow());
                await db.SaveChangesAsync(cancellationToken);
                var output = parse.InvocationConfiguration.Output;
                var verdicts = await new StationQueries(store, services.GetRequiredService<ReviewStore>()).VerdictsAsync(code, start, end);
                output.WriteLine(ReadingsCsv.Header);
                await foreach (var r in store.ReadingsAsync(code, start, end, ReadingsCsv.Fields).WithCancellation(cancellationToken))
                {
                    output.WriteLine(ReadingsCsv.Line(r, verdicts));
                }

                return 0;
            });
        });
        return new Command("export", "Export data / 导出数据") { readings };
    }

    private static DateTimeOffset? Time(string text)
    {
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, China.GetUtcOffset(unspecified));
    }
}
