using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Vigil.Data.Monitoring;

namespace Vigil.Host.Monitoring;

/// <summary>
/// The registered stations as the intake sees them: MN → password hash. Read from the database at start, after
/// every registration in this process, and at most every 5 seconds while packets arrive, so a station registered
/// by the CLI or another instance is recognised within seconds (one small query, not one per packet).
/// </summary>
internal sealed class StationDirectory(Func<CancellationToken, Task<List<StationRecord>>> load)
{
    private FrozenDictionary<string, string> _passwords = FrozenDictionary<string, string>.Empty;
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;

    /// <summary>For the server: each refresh reads through a fresh scope (the store is scoped).</summary>
    public static StationDirectory FromScopes(IServiceScopeFactory scopes) => new(async cancellationToken =>
    {
        using var scope = scopes.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<MonitoringStore>().StationsAsync(cancellationToken);
    });

    public static string HashPassword(string password) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(password)));

    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        var stations = await load(cancellationToken);
        _passwords = stations.ToFrozenDictionary(s => s.Code, s => s.PasswordHash, StringComparer.Ordinal);
        _loadedAt = DateTimeOffset.UtcNow;
    }

    public async ValueTask EnsureFreshAsync(CancellationToken cancellationToken)
    {
        if (DateTimeOffset.UtcNow - _loadedAt > TimeSpan.FromSeconds(5))
        {
            await RefreshAsync(cancellationToken);
        }
    }

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
