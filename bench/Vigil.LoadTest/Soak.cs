using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Vigil.Protocols.Hj212;

namespace Vigil.LoadTest;

/// <summary>
/// The load of a national network (issue 11, item 6): many concurrent station connections on loopback, each sending
/// 2061 packets that ask for an answer and waiting for it (as loggers do), a share of connections sending garbage, and
/// random disconnects; for a given duration. Measures answer latency (p50/p99), answered readings/s, the server's RSS.
/// </summary>
internal static class Soak
{
    private static readonly string[] Items = ["a21026", "a21004", "a34002", "a34004", "a21005", "a05024", "a01007", "a01008", "a01001", "a01002", "a01006"];

    /// <summary>Readings of one packet: 11 items × Min/Avg/Max.</summary>
    private const int ReadingsPerPacket = 33;

    public static async Task<int> RunAsync(int port, HttpClient http, int connections, TimeSpan duration, double garbageShare, double disconnectChance, int serverPid)
    {
        var stations = (int)Math.Round(connections * (1 - garbageShare));
        await RegisterAsync(http, stations);
        await Task.Delay(TimeSpan.FromSeconds(6)); // the gateway re-reads the registry at most every 5 s

        var latencies = new ConcurrentBag<double>();
        var rss = new List<long>();
        long answered = 0, garbageLines = 0, reconnects = 0;
        using var stop = new CancellationTokenSource(duration);
        var clock = Stopwatch.StartNew();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                rss.Add(Rss(serverPid));
                await Task.Delay(1000, CancellationToken.None);
            }
        });
        var tasks = Enumerable.Range(1, connections).Select(n => Task.Run(async () =>
        {
            var random = new Random(n);
            if (n > stations)
            {
                Interlocked.Add(ref garbageLines, await GarbageAsync(port, random, stop.Token));
                return;
            }

            var index = 0;
            while (!stop.IsCancellationRequested)
            {
                var (sent, again) = await StationAsync(port, n, index, random, disconnectChance, latencies, stop.Token);
                index += sent;
                Interlocked.Add(ref answered, sent);
                if (again)
                {
                    Interlocked.Increment(ref reconnects);
                }
            }
        })).ToList();
        await Task.WhenAll(tasks);
        var elapsed = clock.Elapsed;
        await sampler;

        var sorted = latencies.Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"connections={connections} stations={stations} garbage_connections={connections - stations} duration={elapsed.TotalSeconds:F0}s " +
            $"answered_packets={answered} answered_readings_per_s={answered * ReadingsPerPacket / elapsed.TotalSeconds:F0} " +
            $"latency_p50_ms={Percentile(sorted, 0.50):F1} latency_p99_ms={Percentile(sorted, 0.99):F1} latency_max_ms={(sorted.Length == 0 ? 0 : sorted[^1]):F1} " +
            $"reconnects={reconnects} garbage_lines={garbageLines} rss_max_mb={(rss.Count == 0 ? 0 : rss.Max()) / 1024.0 / 1024:F0} rss_last_mb={(rss.Count == 0 ? 0 : rss[^1]) / 1024.0 / 1024:F0}"));
        return answered > 0 ? 0 : 1;
    }

    private static async Task RegisterAsync(HttpClient http, int stations)
    {
        for (var n = 1; n <= stations; n++)
        {
            using var response = await http.PostAsJsonAsync(new Uri("/api/stations", UriKind.Relative), new
            {
                code = $"SOAK{n:D6}",
                name = $"soak {n}",
                divisionCode = "310104",
                latitude = 31.2,
                longitude = 121.4,
                password = "123456",
                items = Items,
            });
            if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.Conflict)
            {
                throw new InvalidOperationException($"registering station {n}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
    }

    /// <summary>
    /// One connection of station <paramref name="number"/>: packets from <paramref name="first"/> on, each awaited, until
    /// the run ends or a random disconnect; returns how many were answered and whether it hung up on purpose.
    /// </summary>
    private static async Task<(int Answered, bool Disconnected)> StationAsync(
        int port, int number, int first, Random random, double disconnectChance, ConcurrentBag<double> latencies, CancellationToken stop)
    {
        var answered = 0;
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, stop);
            var stream = client.GetStream();
            var reply = new byte[512];
            while (!stop.IsCancellationRequested)
            {
                var timer = Stopwatch.StartNew();
                await stream.WriteAsync(Packet(number, first + answered), stop);
                var read = 0;
                do
                {
                    var n = await stream.ReadAsync(reply.AsMemory(read), stop);
                    if (n == 0)
                    {
                        return (answered, false);
                    }

                    read += n;
                }
                while (Array.IndexOf(reply, (byte)'\n', 0, read) < 0);

                latencies.Add(timer.Elapsed.TotalMilliseconds);
                answered++;
                if (random.NextDouble() < disconnectChance)
                {
                    return (answered, true);
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // The run ended, or the server closed the connection.
        }

        return (answered, false);
    }

    /// <summary>A connection sending lines that are no HJ 212 packet, a few a second, until the run ends.</summary>
    private static async Task<long> GarbageAsync(int port, Random random, CancellationToken stop)
    {
        long lines = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, stop);
                var stream = client.GetStream();
                for (var i = 0; i < 20 && !stop.IsCancellationRequested; i++)
                {
                    var junk = new byte[random.Next(10, 400)];
                    random.NextBytes(junk);
                    for (var b = 0; b < junk.Length; b++)
                    {
                        junk[b] = junk[b] == (byte)'\n' ? (byte)'x' : junk[b];
                    }

                    await stream.WriteAsync(junk, stop);
                    await stream.WriteAsync("\r\n"u8.ToArray(), stop);
                    lines++;
                    await Task.Delay(random.Next(100, 500), stop);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // Closed by the server (as it may, for garbage) or the run ended: connect again.
            }
        }

        return lines;
    }

    private static byte[] Packet(int number, int index)
    {
        var hour = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddHours(index);
        var cp = new StringBuilder();
        cp.Append(CultureInfo.InvariantCulture, $"DataTime={hour:yyyyMMddHHmmss}");
        foreach (var item in Items)
        {
            cp.Append(CultureInfo.InvariantCulture, $";{item}-Min={10 + (index % 7)}.1,{item}-Avg={20 + (index % 11)}.5,{item}-Max={30 + (index % 13)}.9,{item}-Flag=N");
        }

        return Hj212Frame.Build($"QN={hour:yyyyMMddHHmmss}000;ST=22;CN=2061;PW=123456;MN=SOAK{number:D6};Flag=5;CP=&&{cp}&&");
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>Resident set size of the server process, from /proc (Linux).</summary>
    private static long Rss(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }
}
