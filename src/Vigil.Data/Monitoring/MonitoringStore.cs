using Microsoft.EntityFrameworkCore;

namespace Vigil.Data.Monitoring;

/// <summary>Stations, raw readings and intake rejections.</summary>
public sealed class MonitoringStore(VigilDbContext db)
{
    public Task<List<StationRecord>> StationsAsync(CancellationToken cancellationToken = default) =>
        db.Stations.AsNoTracking().OrderBy(s => s.Code).ToListAsync(cancellationToken);

    public Task<StationRecord?> StationAsync(string code, CancellationToken cancellationToken = default) =>
        db.Stations.AsNoTracking().FirstOrDefaultAsync(s => s.Code == code, cancellationToken);

    public async Task AddStationAsync(StationRecord station, CancellationToken cancellationToken = default)
    {
        db.Stations.Add(station);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Writes one batch of readings and rejections in one transaction.</summary>
    public async Task AppendAsync(IReadOnlyCollection<RawReadingRecord> readings, IReadOnlyCollection<IntakeRejectionRecord> rejections, CancellationToken cancellationToken = default)
    {
        db.RawReadings.AddRange(readings);
        db.IntakeRejections.AddRange(rejections);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
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

    public Task<List<IntakeRejectionRecord>> RejectionsAsync(int count, CancellationToken cancellationToken = default) =>
        db.IntakeRejections.AsNoTracking().OrderByDescending(r => r.Id).Take(count).ToListAsync(cancellationToken);

    public Task<int> ReadingCountAsync(CancellationToken cancellationToken = default) => db.RawReadings.CountAsync(cancellationToken);
}
