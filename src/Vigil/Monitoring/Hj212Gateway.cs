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

    /// <summary>
    /// Address to bind. When not configured it follows HTTP: loopback when every <c>--urls</c> address is loopback,
    /// every interface otherwise.
    /// </summary>
    public string? Address { get; set; }

    /// <summary>The address when none is configured: loopback only if HTTP listens on loopback only.</summary>
    public static string DefaultAddress(string? urls)
    {
        var hosts = (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) ? uri.Host : "*")
            .ToList();
        return hosts.Count > 0 && hosts.TrueForAll(h => h == "localhost" || (IPAddress.TryParse(h.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)))
            ? IPAddress.Loopback.ToString()
            : IPAddress.Any.ToString();
    }

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
    private readonly TaskCompletionSource<IPEndPoint> _endpoint = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The address and port actually bound (the port is useful when configured as 0).</summary>
    public Task<IPEndPoint> BoundEndpoint => _endpoint.Task;

    /// <summary>The port actually bound.</summary>
    public Task<int> BoundPort => PortOf(BoundEndpoint);

    private static async Task<int> PortOf(Task<IPEndPoint> endpoint) => (await endpoint).Port;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Port < 0)
        {
            _endpoint.TrySetCanceled(stoppingToken);
            return;
        }

        await stations.RefreshAsync(stoppingToken);
        var address = settings.Address ?? IPAddress.Any.ToString();
        var listener = new TcpListener(IPAddress.Parse(address), settings.Port);
        try
        {
            listener.Start();
        }
        catch (SocketException e)
        {
            // Another process holds the port: the gateway says so and the rest of the server (HTTP) keeps running.
            LogBindFailed(logger, address, settings.Port, e.Message);
            _endpoint.TrySetException(e);
            return;
        }

        var endpoint = (IPEndPoint)listener.LocalEndpoint;
        _endpoint.TrySetResult(endpoint);
        LogListening(logger, endpoint);
        using var slots = new SemaphoreSlim(settings.MaxConnections);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync(stoppingToken);
                }
                catch (SocketException e)
                {
                    // Out of descriptors, a reset before accept: the listener itself carries on.
                    LogAcceptFailed(logger, e.Message);
                    await Task.Delay(100, stoppingToken);
                    continue;
                }

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
                    catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                    {
                        // The server is stopping; the connection ends with it.
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
        var answers = new List<(Task Stored, byte[] Answer)>();
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

                    if (await HandleLineAsync(line, remote, stoppingToken) is { } answer)
                    {
                        answers.Add(answer);
                    }
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
                await AnswerAsync(answers, stream, stoppingToken);
            }

            await AnswerAsync(answers, stream, stoppingToken);
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

    /// <summary>Checks one line and queues its results; returns the answer it earns once stored, if it asks for one.</summary>
    private async ValueTask<(Task Stored, byte[] Answer)?> HandleLineAsync(ReadOnlySequence<byte> line, string remote, CancellationToken cancellationToken)
    {
        if (line.IsEmpty)
        {
            return null;
        }

        await stations.EnsureFreshAsync(cancellationToken);
        var result = line.IsSingleSegment ? intake.Process(line.FirstSpan, remote) : intake.Process(line.ToArray(), remote);
        var stored = await writer.EnqueueAsync(result, cancellationToken);
        return result.Answer is { } answer ? (stored, answer) : null;
    }

    /// <summary>
    /// Sends the answers of the packets read so far, in order, each only once its readings are committed (AQ-DATA: an
    /// answer means stored). While the database cannot be written this waits, and nothing is answered.
    /// </summary>
    private static async Task AnswerAsync(List<(Task Stored, byte[] Answer)> answers, NetworkStream stream, CancellationToken cancellationToken)
    {
        foreach (var (stored, answer) in answers)
        {
            await stored.WaitAsync(cancellationToken);
            await stream.WriteAsync(answer, cancellationToken);
        }

        answers.Clear();
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

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "HJ 212 gateway listening on {Endpoint}")]
    private static partial void LogListening(ILogger logger, IPEndPoint endpoint);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Error, Message = "HJ 212 gateway cannot listen on {Address}:{Port}: {Reason}")]
    private static partial void LogBindFailed(ILogger logger, string address, int port, string reason);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "HJ 212 gateway could not accept a connection: {Reason}")]
    private static partial void LogAcceptFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "HJ 212 connection from {Remote} refused: too many connections")]
    private static partial void LogTooManyConnections(ILogger logger, string? remote);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "HJ 212 connection from {Remote} closed after the idle timeout")]
    private static partial void LogIdle(ILogger logger, string remote);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "HJ 212 connection from {Remote} ended: {Reason}")]
    private static partial void LogConnectionError(ILogger logger, string remote, string reason);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "HJ 212 gateway stopping")]
    private static partial void LogStopping(ILogger logger);
}
