using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Vigil.Data.Security;

namespace Vigil.Data.Monitoring;

/// <summary>Stations, raw readings and intake rejections.</summary>
public sealed class MonitoringStore(VigilDbContext db)
{
    /// <summary>Every station (the intake's directory).</summary>
    public Task<List<StationRecord>> StationsAsync(CancellationToken cancellationToken = default) =>
        db.Stations.AsNoTracking().OrderBy(s => s.Code).ToListAsync(cancellationToken);

    /// <summary>The stations within the jurisdiction prefixes of a user.</summary>
    public Task<List<StationRecord>> StationsAsync(IReadOnlyCollection<string> prefixes, CancellationToken cancellationToken = default) =>
        db.Stations.AsNoTracking().Where(DivisionFilter.Within<StationRecord>(s => s.DivisionCode, prefixes)).OrderBy(s => s.Code).ToListAsync(cancellationToken);

    /// <summary>
    /// One page of the stations within <paramref name="prefixes"/> whose code or name contains <paramref name="search"/>
    /// (all when null), ordered by <paramref name="sort"/>, and how many match in all: the station list pages and
    /// filters in the database, so a national network's 1,700 stations never travel to a page at once.
    /// </summary>
    public async Task<(List<StationRecord> Page, int Total)> StationPageAsync(
        IReadOnlyCollection<string> prefixes, string? search, StationSort sort, int skip, int take, CancellationToken cancellationToken = default)
    {
        var query = db.Stations.AsNoTracking().Where(DivisionFilter.Within<StationRecord>(s => s.DivisionCode, prefixes));
        if (search is { Length: > 0 })
        {
            query = query.Where(s => s.Code.Contains(search) || s.Name.Contains(search));
        }

        var ordered = sort switch
        {
            StationSort.Name => query.OrderBy(s => s.Name).ThenBy(s => s.Code),
            StationSort.Division => query.OrderBy(s => s.DivisionCode).ThenBy(s => s.Code),
            _ => query.OrderBy(s => s.Code),
        };
        return (await ordered.Skip(skip).Take(take).ToListAsync(cancellationToken), await query.CountAsync(cancellationToken));
    }

    private IQueryable<string> StationCodesWithin(IReadOnlyCollection<string> prefixes) =>
        db.Stations.Where(DivisionFilter.Within<StationRecord>(s => s.DivisionCode, prefixes)).Select(s => s.Code);

    public Task<StationRecord?> StationAsync(string code, CancellationToken cancellationToken = default) =>
        db.Stations.AsNoTracking().FirstOrDefaultAsync(s => s.Code == code, cancellationToken);

    public async Task AddStationAsync(StationRecord station, CancellationToken cancellationToken = default)
    {
        db.Stations.Add(station);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Writes one batch of readings and rejections in one transaction. Readings go through one prepared INSERT
    /// reused for every row: EF Core's change tracker costs about ten times more per row, and intake is the one
    /// write path whose volume grows with the network (see docs/benchmarks.md). The SQL is plain and portable.
    /// </summary>
    public async Task AppendAsync(IReadOnlyCollection<RawReadingRecord> readings, IReadOnlyCollection<IntakeRejectionRecord> rejections, CancellationToken cancellationToken = default)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction.GetDbTransaction();
                insert.CommandText =
                    "INSERT INTO raw_readings (StationCode, DataTime, Command, Item, Field, Value, Flag, ReceivedAt, PacketQn) " +
                    "VALUES (@station, @dataTime, @command, @item, @field, @value, @flag, @receivedAt, @qn)";
                var parameters = new[] { "@station", "@dataTime", "@command", "@item", "@field", "@value", "@flag", "@receivedAt", "@qn" }
                    .Select(name =>
                    {
                        var parameter = insert.CreateParameter();
                        parameter.ParameterName = name;
                        insert.Parameters.Add(parameter);
                        return parameter;
                    })
                    .ToArray();
                await insert.PrepareAsync(cancellationToken);
                foreach (var r in readings)
                {
                    parameters[0].Value = r.StationCode;
                    parameters[1].Value = r.DataTime.UtcDateTime;
                    parameters[2].Value = r.Command;
                    parameters[3].Value = r.Item;
                    parameters[4].Value = r.Field;
                    parameters[5].Value = r.Value;
                    parameters[6].Value = (object?)r.Flag ?? DBNull.Value;
                    parameters[7].Value = r.ReceivedAt.UtcDateTime;
                    parameters[8].Value = r.PacketQn;
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            db.IntakeRejections.AddRange(rejections);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Readings of a station in [from, to), in time order (the export of raw data).</summary>
    public IAsyncEnumerable<RawReadingRecord> ReadingsAsync(string station, DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<string> fields) =>
        db.RawReadings.AsNoTracking()
            .Where(r => r.StationCode == station && r.DataTime >= from && r.DataTime < to && fields.Contains(r.Field))
            .OrderBy(r => r.DataTime).ThenBy(r => r.Item).ThenBy(r => r.Id)
            .AsAsyncEnumerable();

    /// <summary>The newest reading of each item of a station.</summary>
    public async Task<List<RawReadingRecord>> LatestAsync(string station, CancellationToken cancellationToken = default)
    {
        var newest = await db.RawReadings.AsNoTracking()
            .Where(r => r.StationCode == station)
            .GroupBy(r => r.Item)
            .Select(g => g.Max(r => r.Id))
            .ToListAsync(cancellationToken);
        return await db.RawReadings.AsNoTracking().Where(r => newest.Contains(r.Id)).OrderBy(r => r.Item).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The newest refusals. A refusal naming no known station (garbage, an unknown MN) belongs to no division, so only
    /// a user whose jurisdiction is everything (prefix "") sees it.
    /// </summary>
    public Task<List<IntakeRejectionRecord>> RejectionsAsync(IReadOnlyCollection<string> prefixes, int count, CancellationToken cancellationToken = default) =>
        Rejections(prefixes).AsNoTracking().OrderByDescending(r => r.Id).Take(count).ToListAsync(cancellationToken);

    public Task<int> RejectionCountAsync(IReadOnlyCollection<string> prefixes, CancellationToken cancellationToken = default) =>
        Rejections(prefixes).CountAsync(cancellationToken);

    public Task<int> ReadingCountAsync(IReadOnlyCollection<string> prefixes, CancellationToken cancellationToken = default) =>
        prefixes.Contains("")
            ? db.RawReadings.CountAsync(cancellationToken)
            : db.RawReadings.Where(r => StationCodesWithin(prefixes).Contains(r.StationCode)).CountAsync(cancellationToken);

    private IQueryable<IntakeRejectionRecord> Rejections(IReadOnlyCollection<string> prefixes) =>
        prefixes.Contains("") ? db.IntakeRejections : db.IntakeRejections.Where(r => r.StationCode != null && StationCodesWithin(prefixes).Contains(r.StationCode));
}

/// <summary>The orders the station list offers.</summary>
public enum StationSort
{
    Code,
    Name,
    Division,
}
