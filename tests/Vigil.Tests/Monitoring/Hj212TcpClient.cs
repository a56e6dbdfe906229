using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Vigil.Tests.Monitoring;

/// <summary>A data logger on a real TCP connection: sends a payload and, when it expects one, reads the answer line.</summary>
internal static class Hj212TcpClient
{
    public static async Task<string> ExchangeAsync(int port, string payload, bool expectAnswer)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(payload));
        if (!expectAnswer)
        {
            client.Client.Shutdown(SocketShutdown.Send);
            await stream.ReadAtLeastAsync(new byte[1], 1, throwOnEndOfStream: false);
            return "";
        }

        var answer = new StringBuilder();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!answer.ToString().Contains('\n', StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                break;
            }

            answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        client.Client.Shutdown(SocketShutdown.Send);
        return answer.ToString();
    }
}
