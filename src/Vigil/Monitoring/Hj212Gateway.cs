using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Host.Monitoring;

/// <summary>Settings of the HJ 212 TCP port (section Vigil:Hj212).</summary>
internal sealed class Hj212GatewayOptions
{
    /// <summary>TCP port; 0 picks a free one (tests), a negative value turns the gateway off.</summary>
    public int Port { get; set; } = 9212;

    public string Address { get; set; } = "0.0.0.0";

    /// <summary>A connection that sends nothing for this long is closed.</summary>
    public int IdleTimeoutSeconds { get; set; } = 600;

    /// <summary>Longest line kept: an HJ 212 frame is at most 9,999 data bytes plus 12.</summary>
    public int MaxLineBytes { get; set; } = 10_240;

    public int MaxConnections { get; set; } = 2_000;
}

/// <summary>
/// The HJ 212 TCP gateway: one task per station connection, lines split on LF with a bounded length, each line
/// checked by <see cref="Hj212Intake"/>, readings queued to the batch writer, answers written back. A station sending
/// garbage, a 1 MB line or half a packet only costs itself: the bad line is logged and dropped, the others carry on.
/// </summary>
internal sealed partial class Hj212Gateway(
    Hj212Intake intake,
    IntakeWriter writer,
    StationDirectory stations,
    Microsoft.Extensions.Options.IOptions<Hj212GatewayOptions> options,
    ILogger<Hj212Gateway> logger) : BackgroundService
{
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The port actually bound (useful when configured as 0).</summary>
    public Task<int> BoundPort => _port.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Port < 0)
        {
            _port.TrySetCanceled(stoppingToken);
            return;
        }

        await stations.RefreshAsync(stoppingToken);
        var listener = new TcpListener(IPAddress.Parse(settings.Address), settings.Port);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _port.TrySetResult(port);
        LogListening(logger, port);
        using var slots = new SemaphoreSlim(settings.MaxConnections);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stoppingToken);
                if (!slots.Wait(0, CancellationToken.None))
                {
                    LogTooManyConnections(logger, client.Client.RemoteEndPoint?.ToString());
                    client.Dispose();
                    continue;
                }

                _ = Task.Run(async () =>
                {
                    try
                    {
                        await ServeAsync(client, settings, stoppingToken);
                    }
                    finally
                    {
                        slots.Release();
                    }
                }, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogStopping(logger);
        }
        finally
        {
            listener.Stop();
        }
    }

    private async Task ServeAsync(TcpClient client, Hj212GatewayOptions settings, CancellationToken stoppingToken)
    {
        using var _ = client;
        var remote = client.Client.RemoteEndPoint?.ToString() ?? "?";
        client.NoDelay = true;
        var stream = client.GetStream();
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024));
        var idle = TimeSpan.FromSeconds(settings.IdleTimeoutSeconds);
        var discarding = false;
        try
        {
            while (true)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(idle);
                var result = await reader.ReadAsync(timeout.Token);
                var buffer = result.Buffer;
                while (TryReadLine(ref buffer, out var line))
                {
                    if (discarding)
                    {
                        // The tail of an over-long line: dropped with it.
                        discarding = false;
                        continue;
                    }

                    await HandleLineAsync(line, remote, stream, stoppingToken);
                }

                if (buffer.Length > settings.MaxLineBytes)
                {
                    if (!discarding)
                    {
                        var head = buffer.Slice(0, Math.Min(buffer.Length, 200)).ToArray();
                        await writer.EnqueueAsync(intake.Reject(remote, "line.tooLong", HostText.Format("intake.tooLong", settings.MaxLineBytes), head), stoppingToken);
                    }

                    discarding = true;
                    buffer = buffer.Slice(buffer.End);
                }

                if (result.IsCompleted)
                {
                    if (!buffer.IsEmpty && !discarding)
                    {
                        // The station hung up in the middle of a packet.
                        var head = buffer.Slice(0, Math.Min(buffer.Length, 200)).ToArray();
                        await writer.EnqueueAsync(intake.Reject(remote, "line.incomplete", HostText.Format("intake.incomplete", buffer.Length), head), stoppingToken);
                    }

                    reader.AdvanceTo(buffer.End);
                    break;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            LogIdle(logger, remote);
        }
        catch (IOException e)
        {
            LogConnectionError(logger, remote, e.Message);
        }
        catch (SocketException e)
        {
            LogConnectionError(logger, remote, e.Message);
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private async ValueTask HandleLineAsync(ReadOnlySequence<byte> line, string remote, NetworkStream stream, CancellationToken cancellationToken)
    {
        if (line.IsEmpty)
        {
            return;
        }

        await stations.EnsureFreshAsync(cancellationToken);
        var result = line.IsSingleSegment ? intake.Process(line.FirstSpan, remote) : intake.Process(line.ToArray(), remote);
        await writer.EnqueueAsync(result, cancellationToken);
        if (result.Answer is { } answer)
        {
            await stream.WriteAsync(answer, cancellationToken);
        }
    }

    /// <summary>Cuts the next LF-terminated line (CR LF or LF) off the buffer, without its terminator.</summary>
    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var position = buffer.PositionOf((byte)'\n');
        if (position is null)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, position.Value);
        if (!line.IsEmpty && line.Slice(line.Length - 1).FirstSpan[0] == (byte)'\r')
        {
            line = line.Slice(0, line.Length - 1);
        }

        buffer = buffer.Slice(buffer.GetPosition(1, position.Value));
        return true;
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "HJ 212 gateway listening on port {Port}")]
    private static partial void LogListening(ILogger logger, int port);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "HJ 212 connection from {Remote} refused: too many connections")]
    private static partial void LogTooManyConnections(ILogger logger, string? remote);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "HJ 212 connection from {Remote} closed after the idle timeout")]
    private static partial void LogIdle(ILogger logger, string remote);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "HJ 212 connection from {Remote} ended: {Reason}")]
    private static partial void LogConnectionError(ILogger logger, string remote, string reason);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "HJ 212 gateway stopping")]
    private static partial void LogStopping(ILogger logger);
}
