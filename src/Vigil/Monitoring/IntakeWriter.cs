using System.Data.Common;
using System.Threading.Channels;
using Vigil.Data.Monitoring;

namespace Vigil.Host.Monitoring;

/// <summary>One packet's results waiting for the writer, and the promise kept once they are committed.</summary>
internal sealed record IntakeWork(IntakeResult Result, TaskCompletionSource? Stored);

/// <summary>
/// Writes intake results to the database with group commit: a batch of packets is committed in one transaction, and
/// only then is each packet's <see cref="IntakeWork.Stored"/> completed, so the gateway sends an answer (9014) only for
/// readings that are on disk (AQ-DATA: an answer means stored). When the database cannot be written (locked, read-only,
/// full) the batch is kept, nothing of it is answered, the failure is logged and shown by <see cref="IntakeStatus"/>,
/// and the writer backs off and tries the same batch again; it never stops the server. The queue is bounded: while
/// the database falls behind, connections wait to enqueue and stop reading their sockets, so back-pressure reaches
/// the stations through TCP instead of memory growing without limit.
/// </summary>
internal sealed partial class IntakeWriter(IServiceScopeFactory scopes, IntakeStatus status, ILogger<IntakeWriter> logger) : BackgroundService
{
    /// <summary>Readings per transaction: large enough to amortise the commit, small enough to keep latency low.</summary>
    private const int BatchSize = 5000;

    /// <summary>Longest pause between two attempts while the database cannot be written.</summary>
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly RefusalBudget _budget = new();

    private readonly Channel<IntakeWork> _queue = Channel.CreateBounded<IntakeWork>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Queues a packet's results; the task completes once they are committed (it is cancelled if they never are).</summary>
    public async ValueTask<Task> EnqueueAsync(IntakeResult result, CancellationToken cancellationToken)
    {
        var stored = result.Answer is null ? null : new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync(new IntakeWork(result, stored), cancellationToken);
        return stored?.Task ?? Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<IntakeWork>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                Fill(batch);
                await StoreAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is queued is written once more; anything that still cannot be written was never answered.
            Fill(batch);
            await TryOnceAsync(batch);
        }
    }

    private void Fill(List<IntakeWork> batch)
    {
        var readings = batch.Sum(w => w.Result.Readings.Count);
        while (readings < BatchSize && _queue.Reader.TryRead(out var work))
        {
            batch.Add(work);
            readings += work.Result.Readings.Count;
        }
    }

    /// <summary>Commits the batch, retrying with a growing pause until it is stored or the server stops.</summary>
    private async Task StoreAsync(List<IntakeWork> batch, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteAsync(batch, stoppingToken);
                return;
            }
            catch (Exception e) when (e is DbException or IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                status.Failed(e.Message, DateTimeOffset.UtcNow);
                var pause = TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(attempt - 1, 10))));
                LogWriteFailed(logger, batch.Count, attempt, pause.TotalSeconds, e.Message);
                await Task.Delay(pause, stoppingToken);
            }
        }
    }

    private async Task TryOnceAsync(List<IntakeWork> batch)
    {
        try
        {
            await WriteAsync(batch, CancellationToken.None);
        }
        catch (Exception e) when (e is DbException or IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            LogWriteFailed(logger, batch.Count, 1, 0, e.Message);
            foreach (var work in batch)
            {
                work.Stored?.TrySetCanceled(CancellationToken.None);
            }
        }

        while (_queue.Reader.TryRead(out var left))
        {
            left.Stored?.TrySetCanceled(CancellationToken.None);
        }
    }

    private async Task WriteAsync(List<IntakeWork> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var readings = batch.SelectMany(w => w.Result.Readings).ToList();
        var (rejections, refusals) = _budget.Apply(batch.SelectMany(w => w.Result.Rejections));
        AppendOutcome outcome;
        using (var scope = scopes.CreateScope())
        {
            outcome = await scope.ServiceProvider.GetRequiredService<MonitoringStore>().AppendAsync(readings, rejections, refusals, cancellationToken);
        }

        if (status.Recovered())
        {
            LogRecovered(logger);
        }

        LogBatch(logger, outcome.Stored, outcome.Duplicates, outcome.Conflicts, rejections.Count);
        foreach (var work in batch)
        {
            // Group commit: the batch is on disk, now every packet in it may be answered.
            work.Stored?.TrySetResult();
        }

        batch.Clear();
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug,
        Message = "Stored {Readings} readings ({Duplicates} resent ones skipped, {Conflicts} conflicting values recorded) and {Rejections} rejections")]
    private static partial void LogBatch(ILogger logger, int readings, int duplicates, int conflicts, int rejections);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error,
        Message = "Intake batch of {Packets} packets could not be stored (attempt {Attempt}); nothing of it is answered; next attempt in {Seconds} s: {Reason}")]
    private static partial void LogWriteFailed(ILogger logger, int packets, int attempt, double seconds, string reason);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Intake writer stores again after a failure")]
    private static partial void LogRecovered(ILogger logger);
}

/// <summary>
/// Which refusals keep their raw line (SEC, issue 11 item 5). Every refusal is counted per source address, code and
/// minute. Of an unauthenticated peer's refusals the first <see cref="PerSourceMinute"/> per address, code and minute
/// keep their line, so a flood adds a bounded number of rows; an authenticated station's refusals keep their line up
/// to <see cref="PerStationDay"/> a day, for the operator. Used by the single writer thread only.
/// </summary>
internal sealed class RefusalBudget
{
    public const int PerSourceMinute = 10;

    public const int PerStationDay = 1_000;

    private readonly Dictionary<(long Minute, string Source, string Code), int> _sources = [];
    private readonly Dictionary<(long Day, string Station), int> _stations = [];

    public (List<IntakeRejectionRecord> Kept, List<IntakeRefusalCountRecord> Counts) Apply(IEnumerable<IntakeRejectionRecord> rejections)
    {
        var kept = new List<IntakeRejectionRecord>();
        var counts = new Dictionary<(long Minute, string Source, string Code), long>();
        foreach (var r in rejections)
        {
            var minute = r.ReceivedAt.UtcTicks / TimeSpan.TicksPerMinute;
            var source = Hj212Intake.AddressOf(r.Source);
            counts[(minute, source, r.Code)] = counts.GetValueOrDefault((minute, source, r.Code)) + 1;
            if (Hj212Intake.IsUnauthenticated(r) ? Take(_sources, (minute, source, r.Code), PerSourceMinute) : Take(_stations, (minute / (24 * 60), r.StationCode!), PerStationDay))
            {
                kept.Add(r);
            }

            Forget(minute);
        }

        return (kept, counts.Select(c => new IntakeRefusalCountRecord
        {
            Minute = new DateTimeOffset(c.Key.Minute * TimeSpan.TicksPerMinute, TimeSpan.Zero),
            Source = c.Key.Source.Length > 200 ? c.Key.Source[..200] : c.Key.Source,
            Code = c.Key.Code,
            Count = c.Value,
        }).ToList());
    }

    private static bool Take<TKey>(Dictionary<TKey, int> used, TKey key, int limit)
        where TKey : notnull
    {
        var count = used.GetValueOrDefault(key);
        used[key] = count + 1;
        return count < limit;
    }

    /// <summary>Drops the budgets of past minutes and days, so the dictionaries stay small.</summary>
    private void Forget(long minute)
    {
        if (_sources.Count > 10_000 || _stations.Count > 10_000)
        {
            foreach (var key in _sources.Keys.Where(k => k.Minute < minute).ToList())
            {
                _sources.Remove(key);
            }

            foreach (var key in _stations.Keys.Where(k => k.Day < minute / (24 * 60)).ToList())
            {
                _stations.Remove(key);
            }
        }
    }
}

/// <summary>
/// The intake writer's health as <c>GET /api/intake/status</c> shows it: whether the database takes writes, and
/// since when and why not.
/// </summary>
internal sealed class IntakeStatus
{
    private readonly Lock _gate = new();
    private string? _error;
    private DateTimeOffset? _failingSince;
    private int _failures;

    public (bool Writable, string? Error, DateTimeOffset? FailingSince, int Failures) Snapshot()
    {
        lock (_gate)
        {
            return (_error is null, _error, _failingSince, _failures);
        }
    }

    public void Failed(string error, DateTimeOffset now)
    {
        lock (_gate)
        {
            _error = error;
            _failingSince ??= now;
            _failures++;
        }
    }

    /// <summary>Marks the writer healthy; true when it had been failing.</summary>
    public bool Recovered()
    {
        lock (_gate)
        {
            if (_error is null)
            {
                return false;
            }

            (_error, _failingSince, _failures) = (null, null, 0);
            return true;
        }
    }
}
