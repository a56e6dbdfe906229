using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Vigil.Protocols.Hj212;

namespace Vigil.Tests.Monitoring;

/// <summary>
/// A data logger as the field has them: one TCP connection, hourly (2061) packets asking for an answer, the next
/// packet only after the answer to the last. What was answered is recorded, so a test can hold the server to it.
/// </summary>
internal sealed class DataLogger(int port, string station, string password = "123456")
{
    /// <summary>Readings per packet: a21026 and a34004, each Min/Avg/Max.</summary>
    public const int ReadingsPerPacket = 6;

    private static readonly DateTime FirstHour = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>The hour of packet <paramref name="index"/> as stored: UTC (Beijing time minus 8 hours).</summary>
    public static DateTime StoredTime(int index) => DateTime.SpecifyKind(FirstHour.AddHours(index).AddHours(-8), DateTimeKind.Utc);

    public static string Packet(string station, string password, int index, string avg = "20.5", int flag = 5)
    {
        var hour = FirstHour.AddHours(index);
        var cp = string.Create(CultureInfo.InvariantCulture,
            $"DataTime={hour:yyyyMMddHHmmss};a21026-Min=10.1,a21026-Avg={avg},a21026-Max=30.9,a21026-Flag=N;a34004-Min=11,a34004-Avg=22,a34004-Max=33,a34004-Flag=N");
        return Encoding.ASCII.GetString(Hj212Frame.Build($"QN={hour:yyyyMMddHHmmss}000;ST=22;CN=2061;PW={password};MN={station};Flag={flag};CP=&&{cp}&&"));
    }

    /// <summary>
    /// Sends packets <paramref name="first"/>, <paramref name="first"/>+1, … one after the other until the connection
    /// fails or <paramref name="stop"/> fires; each packet answered with 9014 is added to <paramref name="answered"/>.
    /// Returns the index of the first packet not answered.
    /// </summary>
    public async Task<int> StreamAsync(int first, ConcurrentDictionary<(string Station, DateTime DataTime), bool> answered, CancellationToken stop)
    {
        var index = first;
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, stop);
            var stream = client.GetStream();
            while (!stop.IsCancellationRequested)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(Packet(station, password, index)), stop);
                if (await ReadAnswerAsync(stream, TimeSpan.FromSeconds(30), stop) is not { } answer)
                {
                    break;
                }

                Assert.False(Hj212Parser.TryParse(Encoding.ASCII.GetBytes(answer), out var packet).IsError, answer);
                Assert.Equal(9014, packet.Command);
                answered[(station, StoredTime(index))] = true;
                index++;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // The server was killed, or the test stopped: what was answered is recorded.
        }

        return index;
    }

    /// <summary>One answer line, or null when none comes within <paramref name="wait"/> or the server hangs up.</summary>
    public static async Task<string?> ReadAnswerAsync(NetworkStream stream, TimeSpan wait, CancellationToken stop)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(wait);
        var answer = new StringBuilder();
        var buffer = new byte[1];
        try
        {
            while (true)
            {
                if (await stream.ReadAsync(buffer, timeout.Token) == 0)
                {
                    return null;
                }

                answer.Append((char)buffer[0]);
                if (buffer[0] == (byte)'\n')
                {
                    return answer.ToString();
                }
            }
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return null;
        }
    }
}
