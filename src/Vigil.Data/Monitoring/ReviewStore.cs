using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Vigil.Monitoring.Review;

namespace Vigil.Data.Monitoring;

/// <summary>Another writer appended to the same review first; the caller reloads and decides again.</summary>
public sealed class ConcurrentReviewException(ReviewSubject subject, Exception inner)
    : Exception($"The review of {subject.Station} {subject.PeriodText} was changed by another writer.", inner);

/// <summary>
/// Reads and appends review events, their verdict rows and reviewer qualifications. The events are the record; a
/// review's state is replayed from them on every read.
/// </summary>
public sealed class ReviewStore(VigilDbContext db)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private DbSet<ReviewEventRecord> Events => db.Set<ReviewEventRecord>();

    private DbSet<ReviewVerdictRecord> Verdicts => db.Set<ReviewVerdictRecord>();

    private DbSet<ReviewerQualificationRecord> Qualifications => db.Set<ReviewerQualificationRecord>();

    private DbSet<ReviewerQualificationRevocationRecord> Revocations => db.Set<ReviewerQualificationRevocationRecord>();

    /// <summary>The review of a station's day or month, replayed; a review nobody touched yet is pending.</summary>
    public async Task<ReviewState> LoadAsync(ReviewSubject subject, CancellationToken cancellationToken = default)
    {
        var period = PeriodCode(subject.Period);
        var payloads = await Events.AsNoTracking()
            .Where(e => e.StationCode == subject.Station && e.Period == period && e.PeriodStart == subject.Start)
            .OrderBy(e => e.Sequence)
            .Select(e => e.Payload)
            .ToListAsync(cancellationToken);
        return ReviewState.Replay(subject, payloads.Select(Deserialize));
    }

    /// <summary>The reviews of many stations for the periods starting in [from, to), replayed, keyed by subject.</summary>
    public async Task<Dictionary<ReviewSubject, ReviewState>> LoadManyAsync(
        IReadOnlyCollection<string> stations, ReviewPeriod period, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var code = PeriodCode(period);
        var rows = await Events.AsNoTracking()
            .Where(e => stations.Contains(e.StationCode) && e.Period == code && e.PeriodStart >= from && e.PeriodStart < to)
            .OrderBy(e => e.Sequence)
            .Select(e => new { e.StationCode, e.PeriodStart, e.Payload })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => new ReviewSubject(r.StationCode, period, r.PeriodStart))
            .ToDictionary(g => g.Key, g => ReviewState.Replay(g.Key, g.Select(r => Deserialize(r.Payload))));
    }

    /// <summary>
    /// Appends one event after <paramref name="expectedCount"/> existing ones, with a verdict row for each hour it
    /// judges; any audit entry queued on the context is written in the same transaction. If another writer got there
    /// first, the unique sequence index refuses the insert and nothing is written.
    /// </summary>
    public async Task AppendAsync(ReviewSubject subject, int expectedCount, ReviewEvent e, CancellationToken cancellationToken = default)
    {
        var record = new ReviewEventRecord
        {
            StationCode = subject.Station,
            Period = PeriodCode(subject.Period),
            PeriodStart = subject.Start,
            Sequence = expectedCount,
            Type = e.Code,
            At = e.At,
            ActorName = e.By.Name,
            ActorRole = e.By.Role,
            ActorUserId = e.By.UserId,
            Payload = JsonSerializer.Serialize(e, Json),
        };
        Events.Add(record);
        var (marks, source) = e switch
        {
            HoursMarked marked => (marked.Marks, ReviewVerdictRecord.Reviewer),
            ReviewRejected rejected => (rejected.CentreMarks, rejected.Final ? ReviewVerdictRecord.CentreFinal : ReviewVerdictRecord.CentreGuidance),
            _ => ([], ""),
        };
        try
        {
            await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            await db.SaveChangesAsync(cancellationToken);
            Verdicts.AddRange(marks.Select(m => new ReviewVerdictRecord
            {
                EventId = record.Id,
                StationCode = subject.Station,
                Date = m.Date,
                Hour = m.Hour,
                Item = m.Item,
                Valid = m.Valid,
                Reason = m.Reason is { } reason ? InvalidReasons.Code(reason) : null,
                Note = m.Note,
                Evidence = m.Evidence,
                Source = source,
                At = e.At,
            }));
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        catch (DbUpdateException ex)
        {
            db.ChangeTracker.Clear();
            throw new ConcurrentReviewException(subject, ex);
        }
    }

    /// <summary>
    /// The verdicts on a station's hours in [from, to): the latest reviewer mark or final centre verdict per hour and
    /// item, whichever review (daily or monthly) made it. The centre's first-rejection guidance is not. With
    /// <paramref name="decidedOnly"/>, only those of reviews the national centre has decided — accepted, or rejected a
    /// second time (第二十四条: data that passed the review 「直接入库」): the validity in force, which every view,
    /// statistic, export and score uses instead of the raw flags.
    /// </summary>
    public async Task<Dictionary<(DateOnly Date, int Hour, string Item), ReviewMark>> VerdictsInForceAsync(
        string station, DateOnly from, DateOnly to, bool decidedOnly = false, CancellationToken cancellationToken = default)
    {
        var rows = await Verdicts.AsNoTracking()
            .Where(v => v.StationCode == station && v.Date >= from && v.Date < to && v.Source != ReviewVerdictRecord.CentreGuidance)
            .OrderBy(v => v.Id)
            .ToListAsync(cancellationToken);
        if (decidedOnly && rows.Count > 0)
        {
            var eventIds = rows.Select(v => v.EventId).Distinct().ToList();
            var reviews = await Events.AsNoTracking().Where(e => eventIds.Contains(e.Id)).Select(e => new { e.Id, e.Period, e.PeriodStart }).ToListAsync(cancellationToken);
            var starts = reviews.Select(r => r.PeriodStart).Distinct().ToList();
            var judgements = await Events.AsNoTracking()
                .Where(e => e.StationCode == station && starts.Contains(e.PeriodStart) && (e.Type == "accepted" || e.Type == "rejected"))
                .Select(e => new { e.Period, e.PeriodStart, e.Type })
                .ToListAsync(cancellationToken);
            var decided = judgements
                .GroupBy(j => (j.Period, j.PeriodStart))
                .Where(g => g.Any(j => j.Type == "accepted") || g.Count(j => j.Type == "rejected") >= 2)
                .Select(g => g.Key)
                .ToHashSet();
            var decidedEvents = reviews.Where(r => decided.Contains((r.Period, r.PeriodStart))).Select(r => r.Id).ToHashSet();
            rows = [.. rows.Where(v => decidedEvents.Contains(v.EventId))];
        }

        var verdicts = new Dictionary<(DateOnly, int, string), ReviewMark>();
        foreach (var v in rows)
        {
            verdicts[(v.Date, v.Hour, v.Item)] = new ReviewMark(v.Date, v.Hour, v.Item, v.Valid, InvalidReasons.TryParse(v.Reason, out var reason) ? reason : null, v.Note, v.Evidence);
        }

        return verdicts;
    }

    /// <summary>The recorded qualifications of one user, with their withdrawals.</summary>
    public async Task<List<ReviewerQualification>> QualificationsAsync(string userId, CancellationToken cancellationToken = default)
    {
        var records = await Qualifications.AsNoTracking().Where(q => q.UserId == userId).OrderBy(q => q.Id).ToListAsync(cancellationToken);
        var certificates = records.Select(q => q.CertificateNumber).ToList();
        var revoked = await Revocations.AsNoTracking().Where(r => certificates.Contains(r.CertificateNumber)).ToDictionaryAsync(r => r.CertificateNumber, cancellationToken);
        return [.. records.Select(q => ToQualification(q, revoked.GetValueOrDefault(q.CertificateNumber)))];
    }

    /// <summary>Every recorded qualification with its withdrawal if any, oldest first.</summary>
    public async Task<List<(ReviewerQualificationRecord Qualification, ReviewerQualificationRevocationRecord? Revocation)>> AllQualificationsAsync(CancellationToken cancellationToken = default)
    {
        var revoked = await Revocations.AsNoTracking().ToDictionaryAsync(r => r.CertificateNumber, cancellationToken);
        return [.. (await Qualifications.AsNoTracking().OrderBy(q => q.Id).ToListAsync(cancellationToken)).Select(q => (q, revoked.GetValueOrDefault(q.CertificateNumber)))];
    }

    public Task<ReviewerQualificationRecord?> CertificateAsync(string certificateNumber, CancellationToken cancellationToken = default) =>
        Qualifications.AsNoTracking().FirstOrDefaultAsync(q => q.CertificateNumber == certificateNumber, cancellationToken);

    public Task<ReviewerQualificationRevocationRecord?> RevocationAsync(string certificateNumber, CancellationToken cancellationToken = default) =>
        Revocations.AsNoTracking().FirstOrDefaultAsync(r => r.CertificateNumber == certificateNumber, cancellationToken);

    /// <summary>Withdraws a qualification (with any audit entry queued on the context, in one transaction).</summary>
    public async Task RevokeAsync(ReviewerQualificationRevocationRecord record, CancellationToken cancellationToken = default)
    {
        Revocations.Add(record);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Records a qualification (with any audit entry queued on the context, in one transaction).</summary>
    public async Task AddQualificationAsync(ReviewerQualificationRecord record, CancellationToken cancellationToken = default)
    {
        Qualifications.Add(record);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static ReviewerQualification ToQualification(ReviewerQualificationRecord q, ReviewerQualificationRevocationRecord? revoked) =>
        new(q.UserId, q.CertificateNumber, q.ValidFrom, q.ValidTo, revoked?.RevokedAt);

    private static string PeriodCode(ReviewPeriod period) => period == ReviewPeriod.Day ? "day" : "month";

    private static ReviewEvent Deserialize(string payload) =>
        JsonSerializer.Deserialize<ReviewEvent>(payload, Json)
        ?? throw new InvalidDataException("A review event row holds no event.");
}
