using Vigil.Security.Mac;

namespace Vigil.Security.Keys;

/// <summary>
/// 站点密钥 — one key of one monitoring station, for one purpose (seed 004 §7.1), usable from
/// <see cref="NotBefore"/> (inclusive) until <see cref="NotAfter"/> (exclusive) and refused outside it (§7.5).
/// Rotation adds a newer key whose lifetime overlaps the old one, so the station's data stays verifiable while its
/// firmware changes over. The material is held only protected (§7.3, §7.4).
/// </summary>
/// <param name="StationId">The station (HJ 212 MN) the key belongs to.</param>
/// <param name="KeyId">Unique id of this key, logged with every use and refusal.</param>
/// <param name="Purpose">The one function it serves.</param>
/// <param name="Algorithm">The cipher and key length; MAC keys are the one kind stations hold today.</param>
/// <param name="NotBefore">First instant it may be used.</param>
/// <param name="NotAfter">First instant it may no longer be used.</param>
/// <param name="ProtectedMaterial">The key bytes as returned by <see cref="IKeyProtector.Protect"/>.</param>
/// <param name="RevokedAt">When it was withdrawn before its end (a leaked key, a station taken out of service).</param>
public sealed record StationKey(
    string StationId,
    string KeyId,
    KeyPurpose Purpose,
    MacAlgorithm Algorithm,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    byte[] ProtectedMaterial,
    DateTimeOffset? RevokedAt = null)
{
    /// <summary>Whether the key may be used at <paramref name="at"/>, and if not, why.</summary>
    public KeyState StateAt(DateTimeOffset at) =>
        RevokedAt is { } revoked && revoked <= at ? KeyState.Revoked
        : at < NotBefore ? KeyState.NotYetValid
        : at >= NotAfter ? KeyState.Expired
        : KeyState.Valid;
}

/// <summary>A key's standing at a given instant (seed 004 §7.5).</summary>
public enum KeyState
{
    Valid,
    NotYetValid,
    Expired,
    Revoked,
}
