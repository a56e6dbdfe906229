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
    private readonly byte[] _verifiedKey = RandomNumberGenerator.GetBytes(32);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string Stored, byte[] Digest)> _verified = new(StringComparer.Ordinal);

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

    /// <summary>
    /// SEC: a station password (HJ 212 PW, often 6 digits) is kept as salted PBKDF2-SHA256 with many iterations,
    /// <c>pbkdf2$iterations$salt$hash</c>, so a copied database does not give the passwords back in seconds.
    /// </summary>
    public static string HashPassword(string password) => Pbkdf2(PasswordPrefix, Encoding.UTF8.GetBytes(password));

    /// <summary>
    /// The PBKDF2 form of a hash of the first version (unsalted SHA-256 hex), made without the password:
    /// <c>pbkdf2-sha256$…</c> is PBKDF2 over that hex; null when <paramref name="stored"/> is not of the first version.
    /// </summary>
    public static string? UpgradeLegacy(string stored) =>
        stored.Length == 64 && stored.All(Uri.IsHexDigit) ? Pbkdf2(LegacyPrefix, Encoding.ASCII.GetBytes(stored)) : null;

    private const string PasswordPrefix = "pbkdf2";
    private const string LegacyPrefix = "pbkdf2-sha256";
    private const int Iterations = 100_000;

    private static string Pbkdf2(string prefix, ReadOnlySpan<byte> secret)
    {
        Span<byte> salt = stackalloc byte[16];
        RandomNumberGenerator.Fill(salt);
        var hash = Rfc2898DeriveBytes.Pbkdf2(secret, salt, Iterations, HashAlgorithmName.SHA256, 32);
        return string.Join('$', prefix, Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>Whether <paramref name="password"/> matches <paramref name="stored"/> (any version), in constant time.</summary>
    private static bool Verify(string stored, ReadOnlySpan<byte> password)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] is not (PasswordPrefix or LegacyPrefix) || !int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var iterations))
        {
            // The first version, not yet upgraded (the server upgrades at start): unsalted SHA-256 hex.
            return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Convert.ToHexString(SHA256.HashData(password))), Encoding.ASCII.GetBytes(stored));
        }

        var secret = parts[0] == LegacyPrefix ? Encoding.ASCII.GetBytes(Convert.ToHexString(SHA256.HashData(password))) : password.ToArray();
        var expected = Convert.FromBase64String(parts[3]);
        return CryptographicOperations.FixedTimeEquals(
            Rfc2898DeriveBytes.Pbkdf2(secret, Convert.FromBase64String(parts[2]), iterations, HashAlgorithmName.SHA256, expected.Length), expected);
    }

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

    /// <summary>
    /// Null when the station is unknown; otherwise whether the password matches, compared in constant time. The slow
    /// hash is computed once per station and password: a match is remembered, in memory only, as an HMAC under a key of
    /// this process, so the packets that follow cost microseconds (wrong passwords are throttled by the gateway).
    /// </summary>
    public bool? Check(string station, ReadOnlySpan<byte> password)
    {
        if (!_passwords.TryGetValue(station, out var expected))
        {
            return null;
        }

        var presented = HMACSHA256.HashData(_verifiedKey, password);
        if (_verified.TryGetValue(station, out var known) && string.Equals(known.Stored, expected, StringComparison.Ordinal) && CryptographicOperations.FixedTimeEquals(known.Digest, presented))
        {
            return true;
        }

        if (!Verify(expected, password))
        {
            return false;
        }

        _verified[station] = (expected, presented);
        return true;
    }
}
