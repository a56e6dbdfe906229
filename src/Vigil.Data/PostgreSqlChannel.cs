using Npgsql;

namespace Vigil.Data;

/// <summary>
/// A PostgreSQL notification channel: NOTIFY tells every instance sharing the database of a change, and each instance
/// LISTENs on a connection of its own (issue 14: live updates across instances). SQLite has one instance and no such
/// channel; its changes stay in the process. A notification sent while an instance is reconnecting is not heard by it.
/// </summary>
public sealed class PostgreSqlChannel(string connectionString, string name) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

    public async Task NotifyAsync(string payload, CancellationToken cancellationToken = default)
    {
        await using var command = _source.CreateCommand("SELECT pg_notify($1, $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        command.Parameters.Add(new NpgsqlParameter { Value = payload });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Listens until cancelled: <paramref name="listening"/> once LISTEN holds (again after each reconnection),
    /// <paramref name="heard"/> with every payload, <paramref name="lost"/> when the connection fails, then retries
    /// after <paramref name="retry"/>.
    /// </summary>
    public async Task ListenAsync(Action listening, Action<string> heard, Action<Exception> lost, TimeSpan retry, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _source.OpenConnectionAsync(cancellationToken);
                connection.Notification += (_, e) => heard(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN \"{name}\"", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }

                listening();
                while (true)
                {
                    await connection.WaitAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (NpgsqlException e)
            {
                lost(e);
                await Task.Delay(retry, cancellationToken);
            }
        }
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
