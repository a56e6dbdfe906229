using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Common;
using Vigil.Data;
using Vigil.Data.Security;
using Vigil.Host.Web;
using Vigil.Security.Audit;

namespace Vigil.Host.Security;

/// <summary>
/// Where the audit chain's key and its checkpoints live (issue 12 item 5; SEC non-repudiation), all outside the
/// database: <c>Vigil:Audit:KeyFile</c> (default <c>&lt;data&gt;/audit.key</c>, created on first use),
/// <c>Vigil:Audit:CheckpointDirectory</c> (default <c>&lt;data&gt;/audit-checkpoints</c>) and
/// <c>Vigil:Audit:CheckpointMinutes</c> (default 60). In production both paths belong on other storage than the data
/// directory: a copy of the data directory must not carry what proves it untouched.
/// </summary>
internal sealed record AuditOptions(string KeyFile, string CheckpointDirectory, TimeSpan Interval)
{
    public static AuditOptions From(IConfiguration configuration, string dataDirectory) => new(
        Path.GetFullPath(configuration["Vigil:Audit:KeyFile"] ?? Path.Combine(dataDirectory, "audit.key"), dataDirectory),
        Path.GetFullPath(configuration["Vigil:Audit:CheckpointDirectory"] ?? Path.Combine(dataDirectory, "audit-checkpoints"), dataDirectory),
        TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue("Vigil:Audit:CheckpointMinutes", 60))));

    /// <summary>
    /// The key in <see cref="KeyFile"/> (64 hex digits). A missing file gets a new key from the OS's RNG, readable by
    /// its owner only; when two processes race to create it, both end up with the one written first.
    /// </summary>
    public AuditKey LoadKey()
    {
        if (!File.Exists(KeyFile))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(KeyFile)!);
            var secret = AuditKey.NewSecret();
            try
            {
                var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var writer = new StreamWriter(KeyFile, System.Text.Encoding.ASCII, create);
                writer.WriteLine(Convert.ToHexString(secret));
            }
            catch (IOException) when (File.Exists(KeyFile))
            {
                // Another process created it first: use theirs.
            }
        }

        var text = File.ReadAllText(KeyFile).Trim();
        return text.Length >= AuditKey.Length * 2 && text.All(char.IsAsciiHexDigit)
            ? new AuditKey(Convert.FromHexString(text))
            : throw new InvalidOperationException(HostText.Format("audit.keyInvalid", KeyFile, AuditKey.Length * 2));
    }
}

/// <summary>
/// Signed checkpoints of the audit chain as files, one per checkpoint, named by sequence and time so that several
/// instances writing at once never overwrite each other; the newest is the one with the highest sequence.
/// </summary>
internal sealed class AuditCheckpoints(AuditOptions options, AuditKey key, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Signs the chain's head as it is in <paramref name="db"/> now and writes it; returns it with its file.</summary>
    public async Task<(AuditCheckpoint Checkpoint, string File)> WriteAsync(VigilDbContext db, CancellationToken cancellationToken)
    {
        var newest = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence).FirstOrDefaultAsync(cancellationToken);
        var checkpoint = AuditCheckpoint.Sign(key, newest?.ToEntry(), clock.GetUtcNow());
        Directory.CreateDirectory(options.CheckpointDirectory);
        var name = string.Create(CultureInfo.InvariantCulture, $"audit-checkpoint-{checkpoint.Sequence:D12}-{checkpoint.At.UtcTicks}.json");
        var path = Path.Combine(options.CheckpointDirectory, name);
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(new CheckpointFile(
            checkpoint.Sequence, Convert.ToHexStringLower(checkpoint.Head), checkpoint.At, Convert.ToHexStringLower(checkpoint.Signature)), Json), cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return (checkpoint, path);
    }

    /// <summary>
    /// The newest checkpoint, null when there is none yet; refused, naming the file, when the newest file is not a
    /// checkpoint this key signed (forged, edited or damaged): a verification must never quietly fall back to an older one.
    /// </summary>
    public Outcome<AuditCheckpoint?> Newest()
    {
        if (!Directory.Exists(options.CheckpointDirectory))
        {
            return Outcome.Ok<AuditCheckpoint?>(null);
        }

        var newest = Directory.EnumerateFiles(options.CheckpointDirectory, "audit-checkpoint-*.json")
            .Select(f => (File: f, Checkpoint: Read(f)))
            .OrderByDescending(c => c.Checkpoint?.Sequence ?? long.MaxValue).ThenByDescending(c => c.Checkpoint?.At ?? DateTimeOffset.MaxValue)
            .FirstOrDefault();
        if (newest.File is null)
        {
            return Outcome.Ok<AuditCheckpoint?>(null);
        }

        return newest.Checkpoint is { } checkpoint && checkpoint.IsAuthentic(key)
            ? Outcome.Ok<AuditCheckpoint?>(checkpoint)
            : Outcome<AuditCheckpoint?>.Failure(ProblemKind.Invalid, ApiProblems.Problem("checkpoint", "audit.checkpointForged", newest.File));
    }

    private static AuditCheckpoint? Read(string file)
    {
        try
        {
            var stored = JsonSerializer.Deserialize<CheckpointFile>(File.ReadAllText(file), Json);
            return stored is null ? null : new AuditCheckpoint(stored.Sequence, Convert.FromHexString(stored.Head), stored.At, Convert.FromHexString(stored.Signature));
        }
        catch (Exception e) when (e is JsonException or FormatException or IOException or ArgumentException)
        {
            return null;
        }
    }

    private sealed record CheckpointFile(long Sequence, string Head, DateTimeOffset At, string Signature);
}

/// <summary>The verdict on the stored chain against the newest checkpoint: whole, or the first break with its message.</summary>
internal sealed record AuditReport(int Entries, AuditCheckpoint? Checkpoint, AuditBreak? Break)
{
    public bool IsWhole => Break is null;
}

/// <summary>
/// Verifies the audit chain with its key and against the newest checkpoint (<c>vigil audit verify</c>, <c>GET
/// /api/audit/verify</c>, restore): an edited entry, a recomputed chain and a deleted tail are all caught.
/// </summary>
internal sealed class AuditVerifier(AuditStore store, AuditCheckpoints checkpoints, AuditKey key)
{
    public async Task<AuditReport> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var entries = await store.ReadAllAsync(cancellationToken);
        var newest = checkpoints.Newest();
        if (!newest.IsSuccess)
        {
            return new AuditReport(entries.Count, null, new AuditBreak(0, 0, AuditBreakKind.Edited, newest.Problems[0].Message));
        }

        return new AuditReport(entries.Count, newest.Value, AuditChain.Verify(key, entries, newest.Value?.ToHead()).Break);
    }

    /// <summary>The lines a whole chain is reported with: the count, then the checkpoint it matched (or that there is none).</summary>
    public static string Describe(AuditReport report) =>
        HostText.Format("audit.whole", report.Entries) + Environment.NewLine + (report.Checkpoint is { } c
            ? HostText.Format("audit.checkpointMatched", c.Sequence, c.At.ToString("O", CultureInfo.InvariantCulture))
            : HostText.Format("audit.noCheckpoint"));
}

/// <summary>Writes a checkpoint every <see cref="AuditOptions.Interval"/> when the chain has grown since the last one.</summary>
internal sealed partial class AuditCheckpointWriter(IServiceScopeFactory scopes, AuditOptions options, AuditCheckpoints checkpoints, TimeProvider clock, ILogger<AuditCheckpointWriter> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<VigilDbContext>();
                var head = await db.AuditEntries.AsNoTracking().MaxAsync(a => (long?)a.Sequence, stoppingToken) ?? 0;
                var last = checkpoints.Newest();
                if (!last.IsSuccess || last.Value is null || last.Value.Sequence < head)
                {
                    var (checkpoint, file) = await checkpoints.WriteAsync(db, stoppingToken);
                    Written(log, checkpoint.Sequence, file);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or DbUpdateException)
            {
                // A checkpoint store that is away (a network share) must not stop the server: logged, tried next time.
                Failed(log, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit checkpoint at entry {Sequence} written to {File}.")]
    private static partial void Written(ILogger logger, long sequence, string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing the audit checkpoint failed; retrying at the next interval.")]
    private static partial void Failed(ILogger logger, Exception exception);
}
