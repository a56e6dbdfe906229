using System.Threading.Channels;
using Vigil.Data.Monitoring;

namespace Vigil.Host.Monitoring;

/// <summary>
/// Writes intake results to the database in batches. The queue is bounded: when the database falls behind,
/// connections wait to enqueue and so stop reading from their sockets — back-pressure reaches the stations
/// through TCP instead of memory growing without limit.
/// </summary>
internal sealed partial class IntakeWriter(IServiceScopeFactory scopes, ILogger<IntakeWriter> logger) : BackgroundService
{
    /// <summary>Readings per transaction: large enough to amortise the commit, small enough to keep latency low.</summary>
    private const int BatchSize = 5000;

    private readonly Channel<IntakeResult> _queue = Channel.CreateBounded<IntakeResult>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ValueTask EnqueueAsync(IntakeResult result, CancellationToken cancellationToken) => _queue.Writer.WriteAsync(result, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var readings = new List<RawReadingRecord>(BatchSize);
        var rejections = new List<IntakeRejectionRecord>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (readings.Count < BatchSize && _queue.Reader.TryRead(out var result))
                {
                    readings.AddRange(result.Readings);
                    rejections.AddRange(result.Rejections);
                }

                await WriteAsync(readings, rejections, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            while (_queue.Reader.TryRead(out var result))
            {
                readings.AddRange(result.Readings);
                rejections.AddRange(result.Rejections);
            }

            await WriteAsync(readings, rejections, CancellationToken.None);
        }
    }

    private async Task WriteAsync(List<RawReadingRecord> readings, List<IntakeRejectionRecord> rejections, CancellationToken cancellationToken)
    {
        if (readings.Count == 0 && rejections.Count == 0)
        {
            return;
        }

        using var scope = scopes.CreateScope();
        await scope.ServiceProvider.GetRequiredService<MonitoringStore>().AppendAsync(readings, rejections, cancellationToken);
        LogBatch(logger, readings.Count, rejections.Count);
        readings.Clear();
        rejections.Clear();
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug, Message = "Stored {Readings} readings and {Rejections} rejections")]
    private static partial void LogBatch(ILogger logger, int readings, int rejections);
}
