using System.Security.Cryptography;
using Vigil.Common;
using Vigil.Security.Mac;

namespace Vigil.Security.Keys;

/// <summary>Creating station keys and choosing the one to use at a given time (seed 004 §7).</summary>
public static class StationKeys
{
    /// <summary>Null when the lifetime is usable; otherwise a problem naming <paramref name="field"/>.</summary>
    public static Problem? CheckLifetime(DateTimeOffset notBefore, DateTimeOffset notAfter, string field) =>
        notAfter > notBefore ? null : SecurityText.Problem(field, "key.lifetime", "KeyLifetimeInvalid", notAfter, notBefore);

    /// <summary>
    /// A new key from the platform's cryptographic random number generator (seed 004 §7.2: random input from a
    /// physical source; the OS generator is seeded from hardware entropy), protected at once; the plaintext is wiped.
    /// DES weak and semi-weak keys are drawn again, which leaves the key space otherwise whole (§7.2).
    /// </summary>
    public static StationKey Generate(
        string stationId, string keyId, KeyPurpose purpose, MacAlgorithm algorithm,
        DateTimeOffset notBefore, DateTimeOffset notAfter, IKeyProtector protector)
    {
        Guard.Requires(!string.IsNullOrWhiteSpace(stationId), nameof(stationId), "A key belongs to a station.");
        Guard.Requires(!string.IsNullOrWhiteSpace(keyId), nameof(keyId), "A key needs an id.");
        Guard.Requires(CheckLifetime(notBefore, notAfter, nameof(notAfter)) is null, nameof(notAfter), "A key's end must come after its start.");

        var material = RandomNumberGenerator.GetBytes(algorithm.KeyLength());
        try
        {
            while (MacAlgorithms.CheckKey(algorithm, material, nameof(material)) is not null)
            {
                RandomNumberGenerator.Fill(material);
            }

            return new StationKey(stationId, keyId, purpose, algorithm, notBefore, notAfter, protector.Protect(material));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    /// <summary>
    /// The station's keys for <paramref name="purpose"/> that are valid at <paramref name="at"/>, newest first
    /// (latest start, then latest end, then key id). During a rotation both the old and the new key are here, so a
    /// message MAC'd by firmware that has not switched yet still verifies.
    /// </summary>
    public static IReadOnlyList<StationKey> Usable(IEnumerable<StationKey> keys, string stationId, KeyPurpose purpose, DateTimeOffset at) =>
        [.. NewestFirst(keys, stationId, purpose).Where(k => k.StateAt(at) == KeyState.Valid)];

    /// <summary>
    /// The key to use at <paramref name="at"/>: the newest valid one. When there is none, the refusal explains the
    /// newest of the station's keys for that purpose (expired, not yet valid or revoked), or that it has none.
    /// Keys of other purposes are never considered (seed 004 §7.1).
    /// </summary>
    public static KeySelection Select(IEnumerable<StationKey> keys, string stationId, KeyPurpose purpose, DateTimeOffset at)
    {
        var candidates = NewestFirst(keys, stationId, purpose).ToList();
        if (candidates.Find(k => k.StateAt(at) == KeyState.Valid) is { } usable)
        {
            return new KeySelection(usable, null);
        }

        if (candidates.Count == 0)
        {
            return Refuse(KeyRefusalReason.NoKey, null, "KeyNone", stationId, PurposeText(purpose));
        }

        var newest = candidates[0];
        return newest.StateAt(at) switch
        {
            KeyState.NotYetValid => Refuse(KeyRefusalReason.NotYetValid, newest.KeyId, "KeyNotYetValid", stationId, newest.KeyId, newest.NotBefore),
            KeyState.Expired => Refuse(KeyRefusalReason.Expired, newest.KeyId, "KeyExpired", stationId, newest.KeyId, newest.NotAfter),
            _ => Refuse(KeyRefusalReason.Revoked, newest.KeyId, "KeyRevoked", stationId, newest.KeyId, newest.RevokedAt),
        };
    }

    private static IOrderedEnumerable<StationKey> NewestFirst(IEnumerable<StationKey> keys, string stationId, KeyPurpose purpose) =>
        keys.Where(k => k.Purpose == purpose && string.Equals(k.StationId, stationId, StringComparison.Ordinal))
            .OrderByDescending(k => k.NotBefore)
            .ThenByDescending(k => k.NotAfter)
            .ThenByDescending(k => k.KeyId, StringComparer.Ordinal);

    private static string PurposeText(KeyPurpose purpose) => SecurityText.Format("Purpose" + purpose);

    private static KeySelection Refuse(KeyRefusalReason reason, string? keyId, string messageKey, params object?[] args) =>
        new(null, new KeyRefusal(reason, keyId, SecurityText.Format(messageKey, args)));
}

/// <summary>The key chosen, or why none may be used.</summary>
public sealed record KeySelection(StationKey? Key, KeyRefusal? Refusal);

/// <summary>Why no key may be used (seed 004 §7.5); the host logs it with the station and the key id.</summary>
/// <param name="Reason">The kind of refusal.</param>
/// <param name="KeyId">The key it concerns, null when the station has none for the purpose.</param>
/// <param name="Message">Localized explanation naming the station and the key.</param>
public sealed record KeyRefusal(KeyRefusalReason Reason, string? KeyId, string Message);

/// <summary>The kinds of refusal.</summary>
public enum KeyRefusalReason
{
    /// <summary>The station has no key for the purpose at all.</summary>
    NoKey,

    /// <summary>Its newest key starts later.</summary>
    NotYetValid,

    /// <summary>Its newest key has passed its end.</summary>
    Expired,

    /// <summary>Its newest key was withdrawn.</summary>
    Revoked,
}
