using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Vigil.Common;
using Vigil.Data;
using Vigil.Data.Security;
using Vigil.Security.Access;
using Vigil.Security.Audit;

namespace Vigil.Host.Security;

/// <summary>How a password check ended.</summary>
internal enum SignInStatus
{
    Succeeded,
    Failed,
    LockedOut,
}

/// <summary>
/// Accounts: passwords (ASP.NET Core Identity's PBKDF2 hasher), lockout, role assignments, API keys and the first
/// administrator. Every change is audited in the same transaction (SEC non-repudiation).
/// </summary>
internal sealed class AccountService(VigilDbContext db, IPasswordHasher<UserRecord> hasher, TimeProvider clock)
{
    /// <summary>Consecutive failures that lock an account (SEC: guessing a password must not be cheap).</summary>
    public const int MaxFailures = 5;

    public const int MinPasswordLength = 10;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>The system itself, for what happens at start-up.</summary>
    public static readonly AuditEvent SystemActor = new("system", "Vigil", "system", "", "", "", "", "{}");

    // Checked against when the user name is unknown, so a wrong name costs as long as a wrong password and the
    // response time does not tell which names exist.
    private static readonly string DummyHash = new PasswordHasher<UserRecord>().HashPassword(new UserRecord(), "not-a-password");

    public static string Normalize(string userName) => userName.Trim().ToUpperInvariant();

    public Task<UserRecord?> FindAsync(string userId) => db.Users.FirstOrDefaultAsync(u => u.Id == userId);

    public Task<UserRecord?> FindByNameAsync(string userName)
    {
        var normalized = Normalize(userName);
        return db.Users.FirstOrDefaultAsync(u => u.NormalizedUserName == normalized);
    }

    public async Task<Access> AccessAsync(UserRecord user, string? requestedRole) =>
        new(user, await AssignmentsAsync(user.Id), requestedRole);

    /// <summary>
    /// The account <paramref name="userId"/> if <paramref name="by"/> governs it in one of <paramref name="roles"/>
    /// (<see cref="Access.Governs"/>), else null: an account outside the caller's reach answers exactly like an unknown one.
    /// </summary>
    public async Task<UserRecord?> FindGovernedAsync(string userId, Access by, IReadOnlyCollection<string> roles) =>
        await FindAsync(userId) is { } user && by.Governs(await AssignmentsAsync(user.Id), roles) ? user : null;

    private async Task<List<RoleAssignmentRecord>> AssignmentsAsync(string userId) =>
        await db.RoleAssignments.AsNoTracking().Where(a => a.UserId == userId).OrderBy(a => a.Id).ToListAsync();

    /// <summary>Checks a password, counting failures: <see cref="MaxFailures"/> in a row lock the account for <see cref="LockoutDuration"/>.</summary>
    public async Task<(SignInStatus Status, UserRecord? User)> CheckPasswordAsync(string userName, string password)
    {
        var now = clock.GetUtcNow();
        var user = await FindByNameAsync(userName);
        if (user is null || user.PasswordHash is null || user.DisabledAt is not null)
        {
            hasher.VerifyHashedPassword(new UserRecord(), DummyHash, password);
            db.Audit(new AuditEvent(user?.Id ?? "", userName, "", "account.signInFailed", "User", user?.Id ?? "", "", "{}"), now);
            await db.SaveChangesAsync();
            return (SignInStatus.Failed, null);
        }

        if (user.LockoutEnd is { } end && end > now)
        {
            db.Audit(Event(user, "account.signInLocked", user.Id), now);
            await db.SaveChangesAsync();
            return (SignInStatus.LockedOut, user);
        }

        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            user.AccessFailedCount++;
            var locked = user.AccessFailedCount >= MaxFailures;
            if (locked)
            {
                user.LockoutEnd = now + LockoutDuration;
                user.AccessFailedCount = 0;
            }

            db.Audit(Event(user, locked ? "account.lockedOut" : "account.signInFailed", user.Id), now);
            await db.SaveChangesAsync();
            return (locked ? SignInStatus.LockedOut : SignInStatus.Failed, user);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, password);
        }

        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        db.Audit(Event(user, "account.signIn", user.Id), now);
        await db.SaveChangesAsync();
        return (SignInStatus.Succeeded, user);
    }

    /// <summary>Starts a browser session (ended by sign-out).</summary>
    public async Task<SessionRecord> StartSessionAsync(UserRecord user)
    {
        var session = new SessionRecord { Id = RandomToken(), UserId = user.Id, CreatedAt = clock.GetUtcNow() };
        db.Sessions.Add(session);
        await db.SaveChangesAsync();
        return session;
    }

    /// <summary>Whether the session is still open and belongs to the user with that security stamp.</summary>
    public async Task<bool> IsSessionValidAsync(string sessionId, string userId, string stamp) =>
        await db.Sessions.AnyAsync(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null)
        && await db.Users.AnyAsync(u => u.Id == userId && u.SecurityStamp == stamp && u.DisabledAt == null);

    public async Task EndSessionAsync(string sessionId, UserRecord user)
    {
        var now = clock.GetUtcNow();
        if (await db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId && s.UserId == user.Id) is { EndedAt: null } session)
        {
            session.EndedAt = now;
        }

        db.Audit(Event(user, "account.signOut", user.Id), now);
        await db.SaveChangesAsync();
    }

    /// <summary>Sets a new password; every session of the user ends (new security stamp).</summary>
    public async Task<Outcome<UserRecord>> ChangePasswordAsync(UserRecord user, string current, string replacement)
    {
        if (hasher.VerifyHashedPassword(user, user.PasswordHash ?? DummyHash, current) == PasswordVerificationResult.Failed)
        {
            return Outcome<UserRecord>.Failure(ProblemKind.Forbidden, Access.Forbidden("currentPassword", "password.wrong"));
        }

        if (CheckPassword(replacement, "newPassword") is { } weak)
        {
            return Outcome<UserRecord>.Failure(ProblemKind.Invalid, weak);
        }

        var now = clock.GetUtcNow();
        user.PasswordHash = hasher.HashPassword(user, replacement);
        user.MustChangePassword = false;
        user.SecurityStamp = RandomToken();
        await db.Sessions.Where(s => s.UserId == user.Id && s.EndedAt == null).ForEachAsync(s => s.EndedAt = now);
        db.Audit(Event(user, "account.passwordChanged", user.Id), now);
        await db.SaveChangesAsync();
        return user;
    }

    public static Problem? CheckPassword(string? password, string field) =>
        password is null || password.Length < MinPasswordLength
            ? new Problem(field, "password.weak", HostText.Format("password.weak", field, MinPasswordLength))
            : null;

    /// <summary>Creates an account; <paramref name="password"/> null makes an API-key-only account (an integration, a station).</summary>
    public async Task<Outcome<UserRecord>> CreateUserAsync(
        string userName, string displayName, string? password, AuditEvent by, bool mustChangePassword = false, bool isDemo = false)
    {
        if (password is not null && CheckPassword(password, "password") is { } weak)
        {
            return Outcome<UserRecord>.Failure(ProblemKind.Invalid, weak);
        }

        if (await FindByNameAsync(userName) is not null)
        {
            return Outcome<UserRecord>.Failure(ProblemKind.Conflict,
                new Problem("userName", "user.exists", HostText.Format("user.exists", "userName", userName)));
        }

        var now = clock.GetUtcNow();
        var user = new UserRecord
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            UserName = userName.Trim(),
            NormalizedUserName = Normalize(userName),
            DisplayName = displayName.Trim(),
            SecurityStamp = RandomToken(),
            MustChangePassword = mustChangePassword,
            IsDemo = isDemo,
            CreatedAt = now,
        };
        user.PasswordHash = password is null ? null : hasher.HashPassword(user, password);
        db.Users.Add(user);
        db.Audit(by with { Action = "account.create", TargetType = "User", TargetId = user.Id, DetailsJson = Details(new { userName = user.UserName, user.DisplayName }) }, now);
        await db.SaveChangesAsync();
        return user;
    }

    /// <summary>Gives a user a role for a division (and its subtree).</summary>
    public async Task<Outcome<RoleAssignmentRecord>> AssignAsync(UserRecord user, string role, string divisionCode, AuditEvent by)
    {
        var assignment = new RoleAssignmentRecord { UserId = user.Id, RoleId = role, DivisionCode = divisionCode, CreatedAt = clock.GetUtcNow() };
        if (await db.RoleAssignments.AnyAsync(a => a.UserId == user.Id && a.RoleId == role && a.DivisionCode == divisionCode))
        {
            return Outcome<RoleAssignmentRecord>.Failure(ProblemKind.Conflict,
                new Problem("role", "assignment.exists", HostText.Format("assignment.exists", "role", role, divisionCode)));
        }

        db.RoleAssignments.Add(assignment);
        db.Audit(by with { Action = "account.assignRole", TargetType = "User", TargetId = user.Id, DivisionCode = divisionCode, DetailsJson = Details(new { role }) }, assignment.CreatedAt);
        await db.SaveChangesAsync();
        return assignment;
    }

    /// <summary>A new API key: 32 random bytes shown once as the token; only its SHA-256 is kept.</summary>
    public async Task<(ApiKeyRecord Key, string Token)> CreateApiKeyAsync(UserRecord user, string name, AuditEvent by)
    {
        var token = "vgl_" + RandomToken();
        var now = clock.GetUtcNow();
        var key = new ApiKeyRecord { Id = Guid.CreateVersion7(now).ToString("N"), UserId = user.Id, Name = name, TokenHash = TokenHash(token), CreatedAt = now };
        db.ApiKeys.Add(key);
        db.Audit(by with { Action = "apiKey.create", TargetType = "ApiKey", TargetId = key.Id, DetailsJson = Details(new { userId = user.Id, name }) }, now);
        await db.SaveChangesAsync();
        return (key, token);
    }

    /// <summary>Revokes a live key of <paramref name="user"/> (a key of another account is not found).</summary>
    public async Task<bool> RevokeApiKeyAsync(UserRecord user, string keyId, AuditEvent by)
    {
        var now = clock.GetUtcNow();
        if (await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId && k.UserId == user.Id && k.RevokedAt == null) is not { } key)
        {
            return false;
        }

        key.RevokedAt = now;
        db.Audit(by with { Action = "apiKey.revoke", TargetType = "ApiKey", TargetId = key.Id }, now);
        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>The account behind a bearer token, if the key is live and the account enabled.</summary>
    public async Task<UserRecord?> FindByApiKeyAsync(string token)
    {
        var hash = TokenHash(token);
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.TokenHash == hash && k.RevokedAt == null);
        return key is null ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == key.UserId && u.DisabledAt == null);
    }

    /// <summary>
    /// On first start (no accounts at all) creates the administrator "admin", national scope. Returns the generated
    /// one-time password to print, or null when <paramref name="password"/> was given or accounts already exist.
    /// </summary>
    public async Task<(bool Created, string? Generated)> BootstrapAsync(string? password)
    {
        if (await db.Users.AnyAsync())
        {
            return (false, null);
        }

        var generated = password is { Length: > 0 } ? null : RandomToken()[..20];
        var created = await CreateUserAsync("admin", "系统管理员 / Administrator", password is { Length: > 0 } ? password : generated, SystemActor, mustChangePassword: generated is not null);
        if (!created.IsSuccess)
        {
            throw new InvalidOperationException(created.Problems[0].Message);
        }

        await AssignAsync(created.Value, RoleIds.Administrator, Jurisdiction.Nation, SystemActor);
        return (true, generated);
    }

    public static AuditEvent Event(UserRecord user, string action, string targetId, string role = "") =>
        new(user.Id, user.DisplayName, role, action, "User", targetId, "", "{}");

    public static string TokenHash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    private static string RandomToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Details(object details) => System.Text.Json.JsonSerializer.Serialize(details, Access.AuditJson);
}
