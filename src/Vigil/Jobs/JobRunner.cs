using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Vigil.Host.Jobs;

/// <summary>Where a job is.</summary>
internal enum JobStatus
{
    Queued,
    Running,
    Done,
    Failed,
    Cancelled,
}

/// <summary>What a job does once it runs: writes its result to <see cref="JobContext.Output"/>, reporting progress.</summary>
internal delegate Task JobWork(JobContext context, CancellationToken cancellationToken);

/// <summary>
/// A long job (an export, a recalculation) of one user: queued, running with progress, then done with a result file,
/// failed or cancelled. Only its owner sees it.
/// </summary>
internal sealed class Job(Guid id, string kind, string subject, string ownerId, string resultName, DateTimeOffset createdAt, JobWork work)
{
    private long _done;
    private long _total;

    public Guid Id { get; } = id;

    /// <summary>What kind of job, e.g. <c>readings.export</c>; the UI names it in the user's language.</summary>
    public string Kind { get; } = kind;

    /// <summary>What it covers (stations, dates, a month), in invariant text.</summary>
    public string Subject { get; } = subject;

    public string OwnerId { get; } = ownerId;

    /// <summary>The file name a download gets.</summary>
    public string ResultName { get; } = resultName;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset? FinishedAt { get; internal set; }

    public JobStatus Status { get; internal set; }

    /// <summary>The status as the API and the page name it: queued, running, done, failed, cancelled.</summary>
    public string StatusCode => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(Status.ToString());

    public long Done => Interlocked.Read(ref _done);

    public long Total => Interlocked.Read(ref _total);

    /// <summary>Progress from 0 to 100 (100 only when done).</summary>
    public int Percent => Status == JobStatus.Done ? 100 : Total == 0 ? 0 : (int)Math.Min(99, Done * 100 / Total);

    internal JobWork Work { get; } = work;

    internal CancellationTokenSource Cancellation { get; } = new();

    /// <summary>Stops a queued or running job; false when it had already finished.</summary>
    public bool Cancel()
    {
        if (Status is not (JobStatus.Queued or JobStatus.Running))
        {
            return false;
        }

        Cancellation.Cancel();
        return true;
    }

    internal void Report(long done, long total)
    {
        Interlocked.Exchange(ref _total, total);
        Interlocked.Exchange(ref _done, done);
    }
}

/// <summary>A running job's side of its <see cref="Job"/>: services of its own scope, its output, its progress.</summary>
internal sealed class JobContext(Job job, IServiceProvider services, TextWriter output, Action<Job> changed)
{
    private long _lastPercent = -1;

    public IServiceProvider Services { get; } = services;

    public TextWriter Output { get; } = output;

    /// <summary>Records progress; listeners hear of it when the percentage moves, not on every step.</summary>
    public void Report(long done, long total)
    {
        job.Report(done, total);
        if (Interlocked.Exchange(ref _lastPercent, job.Percent) != job.Percent)
        {
            changed(job);
        }
    }
}

/// <summary>
/// Runs long jobs in the background, one at a time (exports and recalculations read a lot; the duty room's requests
/// come first), and tells listeners (the jobs page) of every change. Results are files under <c>jobs/</c> in the data
/// directory, UTF-8 with a byte-order mark so that Excel opens the Chinese text correctly. Jobs are kept for the
/// server's lifetime (the last <see cref="KeptPerOwner"/> of each user); a restart forgets them, not their files.
/// </summary>
internal sealed partial class JobRunner(IServiceScopeFactory scopes, DataDirectoryPath dataDirectory, TimeProvider clock, ILogger<JobRunner> log) : BackgroundService
{
    /// <summary>Unfinished jobs one user may have at once.</summary>
    public const int MaxUnfinishedPerOwner = 3;

    public const int KeptPerOwner = 20;

    private readonly Channel<Job> _queue = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, Job> _jobs = new();

    /// <summary>A job changed (queued, progressed, finished).</summary>
    public event Action<Job>? Changed;

    /// <summary>Whether the owner may queue another job (fewer than <see cref="MaxUnfinishedPerOwner"/> unfinished).</summary>
    public bool HasRoom(string ownerId) => Mine(ownerId).Count(j => j.Status is JobStatus.Queued or JobStatus.Running) < MaxUnfinishedPerOwner;

    /// <summary>Queues a job; null when the owner has no room (<see cref="HasRoom"/>).</summary>
    public Job? Enqueue(string kind, string subject, string ownerId, string resultName, JobWork work)
    {
        lock (_jobs)
        {
            if (!HasRoom(ownerId))
            {
                return null;
            }

            var mine = Mine(ownerId);

            foreach (var old in mine.Skip(KeptPerOwner - 1))
            {
                _jobs.TryRemove(old.Id, out _);
            }

            var job = new Job(Guid.CreateVersion7(), kind, subject, ownerId, resultName, clock.GetUtcNow(), work);
            _jobs[job.Id] = job;
            _queue.Writer.TryWrite(job);
            Changed?.Invoke(job);
            return job;
        }
    }

    /// <summary>The owner's jobs, newest first.</summary>
    public List<Job> Mine(string ownerId) => [.. _jobs.Values.Where(j => j.OwnerId == ownerId).OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id)];

    /// <summary>The owner's job, or null (someone else's job is not found either).</summary>
    public Job? Find(Guid id, string ownerId) => _jobs.TryGetValue(id, out var job) && job.OwnerId == ownerId ? job : null;

    /// <summary>The result file of a finished job.</summary>
    public string ResultPath(Job job) => Path.Combine(dataDirectory.Path, "jobs", job.Id + ".csv");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Directory.CreateDirectory(Path.Combine(dataDirectory.Path, "jobs"));
        await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            await RunAsync(job, stoppingToken);
        }
    }

    private async Task RunAsync(Job job, CancellationToken stoppingToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, job.Cancellation.Token);
        var path = ResultPath(job);
        var partial = path + ".part";
        try
        {
            linked.Token.ThrowIfCancellationRequested();
            job.Status = JobStatus.Running;
            Changed?.Invoke(job);
            await using (var scope = scopes.CreateAsyncScope())
            await using (var output = new StreamWriter(partial, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
            {
                await job.Work(new JobContext(job, scope.ServiceProvider, output, j => Changed?.Invoke(j)), linked.Token);
            }

            File.Move(partial, path);
            Finish(job, JobStatus.Done);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            File.Delete(partial);
            Finish(job, JobStatus.Cancelled);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException or System.Data.Common.DbException)
        {
            JobFailed(log, e, job.Id, job.Kind);
            File.Delete(partial);
            Finish(job, JobStatus.Failed);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {Job} ({Kind}) failed")]
    private static partial void JobFailed(ILogger log, Exception exception, Guid job, string kind);

    private void Finish(Job job, JobStatus status)
    {
        job.Status = status;
        job.FinishedAt = clock.GetUtcNow();
        Changed?.Invoke(job);
    }
}
