using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Diagnostics;
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

    /// <summary>Wrong passwords or MACs in a minute, from one address or for one MN, before it is blocked (SEC).</summary>
    public int FailuresPerMinute { get; set; } = 10;

    /// <summary>How long a block lasts.</summary>
    public int BlockMinutes { get; set; } = 5;

    /// <summary>Connections one source address may hold at once (SEC); a station needs one.</summary>
    public int MaxConnectionsPerAddress { get; set; } = 20;

    /// <summary>A line not finished within this many seconds of its first byte closes the connection (slow trickle).</summary>
    public int LineTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Minutes a MAC station's QN (its send time) may differ from the server clock, either way; 0 turns the replay check
    /// off (SEC). Backfill is not affected: a logger sends old DataTime with a fresh QN.
    /// </summary>
    public int QnWindowMinutes { get; set; } = 10;
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
    private readonly ConcurrentDictionary<IPAddress, int> _perAddress = new();
    private readonly ConcurrentDictionary<IPAddress, bool> _perAddressRefused = new();
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
        var bindAddress = settings.Address ?? IPAddress.Any.ToString();
        var listener = new TcpListener(IPAddress.Parse(bindAddress), settings.Port);
        try
        {
            listener.Start();
        }
        catch (SocketException e)
        {
            // Another process holds the port: the gateway says so and the rest of the server (HTTP) keeps running.
            LogBindFailed(logger, bindAddress, settings.Port, e.Message);
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

                var address = (client.Client.RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;
                if (!slots.Wait(0, CancellationToken.None))
                {
                    LogTooManyConnections(logger, address);
                    client.Dispose();
                    continue;
                }

                // SEC: one address cannot take every connection slot; the first refusal of a burst is logged.
                if (_perAddress.AddOrUpdate(address, 1, (_, n) => n + 1) > settings.MaxConnectionsPerAddress)
                {
                    if (_perAddressRefused.TryAdd(address, true))
                    {
                        LogTooManyFromAddress(logger, address, settings.MaxConnectionsPerAddress);
                    }

                    Leave(address);
                    slots.Release();
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
                        Leave(address);
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

    /// <summary>One connection of <paramref name="address"/> ended; its burst of refusals is over once it has none left.</summary>
    private void Leave(IPAddress address)
    {
        if (_perAddress.AddOrUpdate(address, 0, (_, n) => n - 1) <= 0)
        {
            _perAddress.TryRemove(KeyValuePair.Create(address, 0));
            _perAddressRefused.TryRemove(address, out _);
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
        var lineTime = TimeSpan.FromSeconds(settings.LineTimeoutSeconds);
        var discarding = false;
        var answers = new List<(Task Stored, byte[] Answer)>();
        long? lineStarted = null;
        try
        {
            while (true)
            {
                // A connection that trickles bytes without ending its line is closed once the line took too long,
                // however often it sends (SEC: a slow-loris client cannot hold a slot for ever).
                var wait = lineStarted is { } started ? lineTime - Stopwatch.GetElapsedTime(started) : idle;
                if (wait <= TimeSpan.Zero)
                {
                    await writer.EnqueueAsync(intake.Reject(remote, "line.trickle", HostText.Format("intake.trickle", settings.LineTimeoutSeconds), []), stoppingToken);
                    LogTrickle(logger, remote);
                    break;
                }

                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(wait < idle ? wait : idle);
                ReadResult result;
                try
                {
                    result = await reader.ReadAsync(timeout.Token);
                }
                catch (OperationCanceledException) when (lineStarted is not null && !stoppingToken.IsCancellationRequested)
                {
                    continue;
                }

                var buffer = result.Buffer;
                var ended = false;
                while (TryReadLine(ref buffer, out var line))
                {
                    ended = true;
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
                lineStarted = buffer.IsEmpty || discarding ? null : ended || lineStarted is null ? Stopwatch.GetTimestamp() : lineStarted;
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
    private static partial void LogTooManyConnections(ILogger logger, IPAddress remote);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Warning, Message = "HJ 212 connections from {Remote} refused beyond {Limit} at once (logged once per burst)")]
    private static partial void LogTooManyFromAddress(ILogger logger, IPAddress remote, int limit);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Warning, Message = "HJ 212 connection from {Remote} closed: a line trickled in without ending")]
    private static partial void LogTrickle(ILogger logger, string remote);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "HJ 212 connection from {Remote} closed after the idle timeout")]
    private static partial void LogIdle(ILogger logger, string remote);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "HJ 212 connection from {Remote} ended: {Reason}")]
    private static partial void LogConnectionError(ILogger logger, string remote, string reason);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "HJ 212 gateway stopping")]
    private static partial void LogStopping(ILogger logger);
}
