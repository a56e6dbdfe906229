using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Vigil.Data.Monitoring;
using Vigil.Host.Security;
using Vigil.Security.Keys;

namespace Vigil.Host.Monitoring;

/// <summary>What the intake knows of the registered stations: MN → password hash, and each station's MAC keys.</summary>
internal sealed record StationSnapshot(IReadOnlyList<StationRecord> Stations, IReadOnlyList<StationKey> MacKeys);

/// <summary>
/// The registered stations as the intake sees them: MN → password hash and message-authentication keys (still
/// encrypted). Read from the database at start, after every registration in this process, and at most every 5
/// seconds while packets arrive, so a station registered or a key rotated by the CLI or another instance is seen
/// within seconds (two small queries, not one per packet).
/// </summary>
internal sealed class StationDirectory(Func<CancellationToken, Task<StationSnapshot>> load)
{
    private FrozenDictionary<string, string> _passwords = FrozenDictionary<string, string>.Empty;
    private FrozenDictionary<string, StationKey[]> _macKeys = FrozenDictionary<string, StationKey[]>.Empty;
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;
    private readonly Lock _gate = new();
    private Task _refresh = Task.CompletedTask;

    /// <summary>For the server: each refresh reads through a fresh scope (the stores are scoped).</summary>
    public static StationDirectory FromScopes(IServiceScopeFactory scopes) => new(async cancellationToken =>
    {
        using var scope = scopes.CreateScope();
        return await LoadAsync(scope.ServiceProvider, null, cancellationToken);
    });

    /// <summary>
    /// The stations (within <paramref name="scopes"/> when given: a CLI user only loads data of their own stations)
    /// and all their message-authentication keys.
    /// </summary>
    public static async Task<StationSnapshot> LoadAsync(IServiceProvider services, IReadOnlyCollection<string>? scopes, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<MonitoringStore>();
        var stations = scopes is null ? await store.StationsAsync(cancellationToken) : await store.StationsAsync(scopes, cancellationToken);
        return new StationSnapshot(stations, await services.GetRequiredService<StationKeyService>().KeysAsync(purpose: KeyPurpose.MessageAuthentication));
    }

    public static string HashPassword(string password) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(password)));

    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await load(cancellationToken);
        _passwords = snapshot.Stations.ToFrozenDictionary(s => s.Code, s => s.PasswordHash, StringComparer.Ordinal);
        _macKeys = snapshot.MacKeys.GroupBy(k => k.StationId, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _loadedAt = DateTimeOffset.UtcNow;
    }

    private bool Stale => DateTimeOffset.UtcNow - _loadedAt > TimeSpan.FromSeconds(5);

    /// <summary>
    /// Reloads the directory when it is over 5 s old, one reload at a time: every connection that finds it stale waits
    /// for the same reload instead of starting its own (one connection giving up does not cancel it for the others).
    /// </summary>
    public ValueTask EnsureFreshAsync(CancellationToken cancellationToken)
    {
        if (!Stale)
        {
            return ValueTask.CompletedTask;
        }

        lock (_gate)
        {
            if (_refresh.IsCompleted && Stale)
            {
                _refresh = RefreshAsync(CancellationToken.None);
            }

            return new ValueTask(_refresh.WaitAsync(cancellationToken));
        }
    }

    /// <summary>
    /// The station's message-authentication keys of any state; empty when it has none, and then its packets carry no
    /// MAC to check. Once a station has a key, every packet must carry a MAC made with a valid one.
    /// </summary>
    public IReadOnlyList<StationKey> MacKeys(string station) => _macKeys.TryGetValue(station, out var keys) ? keys : [];

    /// <summary>Null when the station is unknown; otherwise whether the password matches, compared in constant time.</summary>
    public bool? Check(string station, ReadOnlySpan<byte> password)
    {
        if (!_passwords.TryGetValue(station, out var expected))
        {
            return null;
        }

        var actual = Convert.ToHexString(SHA256.HashData(password));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(actual), Encoding.ASCII.GetBytes(expected));
    }
}
