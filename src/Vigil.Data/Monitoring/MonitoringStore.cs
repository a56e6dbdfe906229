using System.Data;
using System.Data.Common;
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
    /// Writes one batch of readings and rejections in one transaction. Readings go through one prepared INSERT reused
    /// for every row: EF Core's change tracker costs about ten times more per row, and intake is the one write path
    /// whose volume grows with the network (see docs/benchmarks.md). The unique index on station, command, DataTime,
    /// item and field makes a resend a no-op (AQ-DATA, every packet once, across connections, instances and restarts);
    /// a value differing from the one stored goes to reading_conflicts, once, and the first stays in force.
    /// </summary>
    public async Task<AppendOutcome> AppendAsync(
        IReadOnlyCollection<RawReadingRecord> readings, IReadOnlyCollection<IntakeRejectionRecord> rejections, CancellationToken cancellationToken = default) =>
        await AppendAsync(readings, rejections, [], cancellationToken);

    /// <summary>As above, adding <paramref name="refusals"/> to the per-minute refusal counts in the same transaction.</summary>
    public async Task<AppendOutcome> AppendAsync(
        IReadOnlyCollection<RawReadingRecord> readings, IReadOnlyCollection<IntakeRejectionRecord> rejections,
        IReadOnlyCollection<IntakeRefusalCountRecord> refusals, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var (stored, duplicates, conflicts) = (0, 0, 0);
            await using (var insert = Command(connection, transaction.GetDbTransaction(),
                "INSERT INTO raw_readings (\"StationCode\", \"DataTime\", \"Command\", \"Item\", \"Field\", \"Value\", \"Flag\", \"ReceivedAt\", \"PacketQn\") " +
                "VALUES (@station, @dataTime, @command, @item, @field, @value, @flag, @receivedAt, @qn) " +
                "ON CONFLICT (\"StationCode\", \"Command\", \"DataTime\", \"Item\", \"Field\") DO NOTHING"))
            await using (var conflict = Command(connection, transaction.GetDbTransaction(),
                "INSERT INTO reading_conflicts (\"StationCode\", \"DataTime\", \"Command\", \"Item\", \"Field\", \"Value\", \"Flag\", \"ReceivedAt\", \"PacketQn\") " +
                "SELECT @station, @dataTime, @command, @item, @field, @value, COALESCE(@flag, ''), @receivedAt, @qn " +
                "WHERE NOT EXISTS (SELECT 1 FROM raw_readings WHERE \"StationCode\" = @station AND \"Command\" = @command AND \"DataTime\" = @dataTime " +
                "AND \"Item\" = @item AND \"Field\" = @field AND \"Value\" = @value AND COALESCE(\"Flag\", '') = COALESCE(@flag, '')) " +
                "ON CONFLICT DO NOTHING"))
            {
                await insert.PrepareAsync(cancellationToken);
                await conflict.PrepareAsync(cancellationToken);
                foreach (var r in readings)
                {
                    Bind(insert, r);
                    if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
                    {
                        stored++;
                        continue;
                    }

                    Bind(conflict, r);
                    if (await conflict.ExecuteNonQueryAsync(cancellationToken) == 1)
                    {
                        conflicts++;
                    }
                    else
                    {
                        duplicates++;
                    }
                }
            }

            foreach (var refusal in refusals)
            {
                await db.Database.ExecuteSqlInterpolatedAsync(
                    $"INSERT INTO intake_refusal_counts (\"Minute\", \"Source\", \"Code\", \"Count\") VALUES ({refusal.Minute.UtcDateTime}, {refusal.Source}, {refusal.Code}, {refusal.Count}) ON CONFLICT (\"Minute\", \"Source\", \"Code\") DO UPDATE SET \"Count\" = intake_refusal_counts.\"Count\" + excluded.\"Count\"",
                    cancellationToken);
            }

            db.IntakeRejections.AddRange(rejections);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new AppendOutcome(stored, duplicates, conflicts);
        }
        finally
        {
            db.ChangeTracker.Clear();
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Typed parameters, as PostgreSQL needs them to prepare a statement; the SQL quotes its column names.</summary>
    private static readonly (string Name, DbType Type)[] ReadingParameters =
    [
        ("@station", DbType.String), ("@dataTime", DbType.DateTimeOffset), ("@command", DbType.Int32), ("@item", DbType.String), ("@field", DbType.String),
        ("@value", DbType.String), ("@flag", DbType.String), ("@receivedAt", DbType.DateTimeOffset), ("@qn", DbType.String),
    ];

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, type) in ReadingParameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static void Bind(DbCommand command, RawReadingRecord r)
    {
        var parameters = command.Parameters;
        parameters[0].Value = r.StationCode;
        parameters[1].Value = r.DataTime.UtcDateTime;
        parameters[2].Value = r.Command;
        parameters[3].Value = r.Item;
        parameters[4].Value = r.Field;
        parameters[5].Value = r.Value;
        parameters[6].Value = (object?)r.Flag ?? DBNull.Value;
        parameters[7].Value = r.ReceivedAt.UtcDateTime;
        parameters[8].Value = r.PacketQn;
    }

    /// <summary>Readings of a station in [from, to), in time order (the export of raw data).</summary>
    public IAsyncEnumerable<RawReadingRecord> ReadingsAsync(string station, DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<string> fields) =>
        db.RawReadings.AsNoTracking()
            .Where(r => r.StationCode == station && r.DataTime >= from && r.DataTime < to && fields.Contains(r.Field))
            .OrderBy(r => r.DataTime).ThenBy(r => r.Item).ThenBy(r => r.Id)
            .AsAsyncEnumerable();

    /// <summary>
    /// The newest reading of each item of a station: the one with the newest DataTime (never the last row written, so a
    /// backfill or a replayed old packet does not change it), and of a Min/Avg/Max packet the Avg.
    /// </summary>
    public async Task<List<RawReadingRecord>> LatestAsync(string station, CancellationToken cancellationToken = default)
    {
        var items = await db.RawReadings.Where(r => r.StationCode == station).Select(r => r.Item).Distinct().OrderBy(i => i).ToListAsync(cancellationToken);
        var latest = new List<RawReadingRecord>(items.Count);
        foreach (var item in items)
        {
            latest.Add(await db.RawReadings.AsNoTracking()
                .Where(r => r.StationCode == station && r.Item == item)
                .OrderByDescending(r => r.DataTime)
                .ThenBy(r => r.Field == "Avg" ? 0 : r.Field == "Rtd" ? 1 : 2)
                .ThenBy(r => r.Field)
                .FirstAsync(cancellationToken));
        }

        return latest;
    }

    /// <summary>The conflicting values recorded for a station in [from, to), oldest first.</summary>
    public Task<List<ReadingConflictRecord>> ConflictsAsync(string station, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        db.ReadingConflicts.AsNoTracking()
            .Where(c => c.StationCode == station && c.DataTime >= from && c.DataTime < to)
            .OrderBy(c => c.DataTime).ThenBy(c => c.Item).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);

    /// <summary>The conflicting values of <paramref name="field"/> in [from, to) that a reviewer accepted in place of the first.</summary>
    public Task<List<ReadingConflictRecord>> AcceptedConflictsAsync(string station, DateTimeOffset from, DateTimeOffset to, string field, CancellationToken cancellationToken = default) =>
        db.ReadingConflicts.AsNoTracking()
            .Where(c => c.StationCode == station && c.DataTime >= from && c.DataTime < to && c.Field == field && c.Decision == "acceptOther")
            .ToListAsync(cancellationToken);

    /// <summary>The value in force for a conflict's slot (the first one stored).</summary>
    public Task<RawReadingRecord?> FirstValueAsync(ReadingConflictRecord c, CancellationToken cancellationToken = default) =>
        db.RawReadings.AsNoTracking().FirstOrDefaultAsync(
            r => r.StationCode == c.StationCode && r.Command == c.Command && r.DataTime == c.DataTime && r.Item == c.Item && r.Field == c.Field, cancellationToken);

    /// <summary>Records a reviewer's decision on an undecided conflict (saved by the caller with its audit entry); null when it is unknown or already decided.</summary>
    public async Task<ReadingConflictRecord?> DecideAsync(long id, string decision, string reason, string decidedBy, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var conflict = await db.ReadingConflicts.FirstOrDefaultAsync(c => c.Id == id && c.Decision == null, cancellationToken);
        if (conflict is null)
        {
            return null;
        }

        (conflict.Decision, conflict.DecisionReason, conflict.DecidedBy, conflict.DecidedAt) = (decision, reason, decidedBy, at);
        return conflict;
    }

    /// <summary>
    /// The newest refusals. A refusal naming no known station (garbage, an unknown MN) belongs to no division, so only
    /// a user whose jurisdiction is everything (prefix "") sees it.
    /// </summary>
    public Task<List<IntakeRejectionRecord>> RejectionsAsync(IReadOnlyCollection<string> prefixes, int count, CancellationToken cancellationToken = default) =>
        Rejections(prefixes).AsNoTracking().OrderByDescending(r => r.Id).Take(count).ToListAsync(cancellationToken);

    /// <summary>Refusals counted per source, code and minute since <paramref name="since"/>, newest first (whole-country users only).</summary>
    public Task<List<IntakeRefusalCountRecord>> RefusalCountsAsync(DateTimeOffset since, int count, CancellationToken cancellationToken = default) =>
        db.IntakeRefusalCounts.AsNoTracking().Where(r => r.Minute >= since).OrderByDescending(r => r.Minute).ThenByDescending(r => r.Count).Take(count).ToListAsync(cancellationToken);

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
