namespace Vigil.Data.Security;

/// <summary>用户账户 — a person, an integration or a station that signs in (SEC access for the authorised only).</summary>
public sealed class UserRecord
{
    public string Id { get; init; } = "";

    /// <summary>Sign-in name, unique, compared case-insensitively through <see cref="NormalizedUserName"/>.</summary>
    public string UserName { get; set; } = "";

    public string NormalizedUserName { get; set; } = "";

    /// <summary>Shown in the timeline and the audit trail; demo accounts say they are demo here.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>ASP.NET Core Identity's PBKDF2 hash; null for accounts that only use API keys.</summary>
    public string? PasswordHash { get; set; }

    /// <summary>Changes on password change and sign-out-everywhere, so every earlier session stops working.</summary>
    public string SecurityStamp { get; set; } = "";

    public int AccessFailedCount { get; set; }

    public DateTimeOffset? LockoutEnd { get; set; }

    /// <summary>Set for the generated first administrator password: it must be changed before any other work.</summary>
    public bool MustChangePassword { get; set; }

    public bool IsDemo { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? DisabledAt { get; set; }
}

/// <summary>角色分配 — a user holds a role for a division and its subtree.</summary>
public sealed class RoleAssignmentRecord
{
    public long Id { get; init; }

    public string UserId { get; init; } = "";

    public string RoleId { get; init; } = "";

    /// <summary>GB/T 2260 code of the division the role is held for.</summary>
    public string DivisionCode { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>行政区划 — one GB/T 2260 division, loaded by the administrator.</summary>
public sealed class DivisionRecord
{
    public string Code { get; init; } = "";

    public string Name { get; set; } = "";

    public string? ParentCode { get; set; }
}

/// <summary>
/// A signed-in browser session. The cookie only names it; sign-out ends it here, so a copied cookie stops working
/// at once instead of living until it expires.
/// </summary>
public sealed class SessionRecord
{
    public string Id { get; init; } = "";

    public string UserId { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? EndedAt { get; set; }
}

/// <summary>A bearer API key of an integration or a station; only the SHA-256 of the token is kept.</summary>
public sealed class ApiKeyRecord
{
    public string Id { get; init; } = "";

    public string UserId { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>Hex SHA-256 of the token. The token is 32 random bytes, so a fast hash is enough: nothing to guess.</summary>
    public string TokenHash { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>站点密钥 — a station key with its material encrypted by Data Protection (seed 004 §7.3, §7.4).</summary>
public sealed class StationKeyRecord
{
    public string KeyId { get; init; } = "";

    public string StationId { get; init; } = "";

    public string Purpose { get; init; } = "";

    public string Algorithm { get; init; } = "";

    public DateTimeOffset NotBefore { get; init; }

    /// <summary>Shortened by a rotation to end the overlap with the new key; never lengthened.</summary>
    public DateTimeOffset NotAfter { get; set; }

    public byte[] ProtectedMaterial { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? RevokedAt { get; set; }
}
