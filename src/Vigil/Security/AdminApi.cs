using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Vigil.Common;
using Vigil.Data;
using Vigil.Host.Plans;
using Vigil.Host.Web;
using Vigil.Security.Access;

namespace Vigil.Host.Security;

/// <summary>
/// The administrator's work (issue 3 part 2): accounts, role assignments within the administrator's own
/// jurisdiction, API keys, and the GB/T 2260 divisions. Administrators do no incident work.
/// </summary>
internal static class AdminApi
{
    private static readonly string[] Administrators = [RoleIds.Administrator];

    public static void MapAdmin(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Accounts").RequireAuthorization();
        users.MapGet("/", ListUsers);
        users.MapPost("/", CreateUser);
        users.MapPost("/{id}/roles", AssignRole);
        users.MapPost("/{id}/api-keys", CreateApiKey);
        users.MapPost("/{id}/api-keys/{keyId}/revoke", RevokeApiKey);

        var divisions = app.MapGroup("/api/divisions").WithTags("Divisions").RequireAuthorization();
        divisions.MapGet("/", ListDivisions);

        // A city's divisions down to villages fit in a few megabytes; the national table is loaded with the CLI.
        divisions.MapPost("/import", ImportDivisions).WithMetadata(new RequestSizeLimitAttribute(16 * 1024 * 1024));
    }

    private static async Task<IResult> ListUsers(CurrentUser current, VigilDbContext db)
    {
        var (access, problem) = await current.RequireAsync(Administrators);
        if (access is null)
        {
            return problem!;
        }

        // An administrator sees the accounts it governs: every role they hold inside its jurisdiction (or none yet).
        var assignments = await db.RoleAssignments.AsNoTracking().ToListAsync();
        var list = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync();
        return TypedResults.Ok(list
            .Where(u => access.Governs(assignments.Where(a => a.UserId == u.Id), Administrators))
            .Select(u => new
            {
                id = u.Id,
                userName = u.UserName,
                displayName = u.DisplayName,
                isDemo = u.IsDemo,
                locked = u.LockoutEnd is not null,
                roles = assignments.Where(a => a.UserId == u.Id).Select(a => new { role = a.RoleId, divisionCode = a.DivisionCode }),
            }));
    }

    /// <summary>
    /// <c>{"userName", "displayName", "password"?, "mustChangePassword"?}</c>; without a password the account signs in only
    /// with API keys; with <c>mustChangePassword: true</c> the password is a one-time one the user replaces at first sign-in.
    /// </summary>
    private static async Task<IResult> CreateUser(HttpContext http, AccountService accounts)
    {
        var (access, document, problem) = await ApiRequest.RequireWithBodyAsync(http, Administrators);
        if (access is null || document is null)
        {
            return problem!;
        }

        using (document)
        {
            var body = new BodyReader(document!.RootElement);
            var userName = body.Text("userName", required: true, maxLength: 100);
            var displayName = body.Text("displayName", required: true, maxLength: 100);
            var password = body.Element("password") is { ValueKind: JsonValueKind.String } p ? p.GetString() : null;
            var oneTime = body.Element("mustChangePassword")?.ValueKind;
            if (oneTime is not (null or JsonValueKind.Null or JsonValueKind.True or JsonValueKind.False))
            {
                body.Add("mustChangePassword", "field.boolean");
            }

            if (!body.IsValid)
            {
                return body.Problem();
            }

            var created = await accounts.CreateUserAsync(
                userName!, displayName!, password, access.Audit(RoleIds.Administrator, "", "", "", ""), mustChangePassword: oneTime == JsonValueKind.True && password is not null);
            return created.IsSuccess
                ? TypedResults.Created($"/api/users/{created.Value.Id}", new { id = created.Value.Id, userName = created.Value.UserName, displayName = created.Value.DisplayName })
                : ApiProblems.From(created);
        }
    }

    /// <summary><c>{"role", "divisionCode"}</c>: only inside the administrator's own jurisdiction, to an account it governs.</summary>
    private static async Task<IResult> AssignRole(string id, HttpContext http, AccountService accounts, PlanCatalog plans)
    {
        var (access, document, problem) = await ApiRequest.RequireWithBodyAsync(http, Administrators);
        if (access is null || document is null)
        {
            return problem!;
        }

        using (document)
        {
            var body = new BodyReader(document!.RootElement);
            var role = body.Text("role", required: true, maxLength: 60);
            var division = body.Text("divisionCode", required: true, maxLength: 12);
            if (!body.IsValid)
            {
                return body.Problem();
            }

            if (!KnownRoles(plans).Contains(role!))
            {
                return ApiProblems.One(ProblemKind.Invalid, "role", "role.unknown", role, string.Join(", ", KnownRoles(plans).Order(StringComparer.Ordinal)));
            }

            if (!Jurisdiction.IsDivisionCode(division))
            {
                return ApiProblems.One(ProblemKind.Invalid, "divisionCode", "division.invalid", division);
            }

            if (!access.Sees(division!, Administrators))
            {
                return ApiProblems.One(ProblemKind.Forbidden, "divisionCode", "division.outside", division);
            }

            if (await accounts.FindGovernedAsync(id, access, Administrators) is not { } user)
            {
                return ApiProblems.One(ProblemKind.NotFound, "id", "user.notFound", id);
            }

            var assigned = await accounts.AssignAsync(user, role!, division!, access.Audit(RoleIds.Administrator, "", "", "", ""));
            return assigned.IsSuccess
                ? TypedResults.Created($"/api/users/{id}", new { userId = id, role, divisionCode = division })
                : ApiProblems.From(assigned);
        }
    }

    /// <summary><c>{"name"}</c> → the token, shown this once; only its hash is stored.</summary>
    private static async Task<IResult> CreateApiKey(string id, HttpContext http, AccountService accounts)
    {
        var (access, document, problem) = await ApiRequest.RequireWithBodyAsync(http, Administrators);
        if (access is null || document is null)
        {
            return problem!;
        }

        using (document)
        {
            var body = new BodyReader(document!.RootElement);
            var name = body.Text("name", required: true, maxLength: 100);
            if (!body.IsValid)
            {
                return body.Problem();
            }

            if (await accounts.FindGovernedAsync(id, access, Administrators) is not { } user)
            {
                return ApiProblems.One(ProblemKind.NotFound, "id", "user.notFound", id);
            }

            var (key, token) = await accounts.CreateApiKeyAsync(user, name!, access.Audit(RoleIds.Administrator, "", "", "", ""));
            return TypedResults.Created($"/api/users/{id}/api-keys/{key.Id}", new { id = key.Id, name = key.Name, token });
        }
    }

    private static async Task<IResult> RevokeApiKey(string id, string keyId, CurrentUser current, AccountService accounts)
    {
        var (access, problem) = await current.RequireAsync(Administrators);
        if (access is null)
        {
            return problem!;
        }

        if (await accounts.FindGovernedAsync(id, access, Administrators) is not { } user)
        {
            return ApiProblems.One(ProblemKind.NotFound, "id", "user.notFound", id);
        }

        return await accounts.RevokeApiKeyAsync(user, keyId, access.Audit(RoleIds.Administrator, "", "", "", ""))
            ? TypedResults.NoContent()
            : ApiProblems.One(ProblemKind.NotFound, "keyId", "apiKey.notFound", keyId);
    }

    private static async Task<IResult> ListDivisions(CurrentUser current, VigilDbContext db, string? parent)
    {
        var (access, problem) = await current.GetAsync();
        if (access is null)
        {
            return problem!;
        }

        // Every signed-in user may read the division names inside their own jurisdiction (reference data for forms).
        var scopes = access.Assignments.Select(a => Jurisdiction.Prefix(a.DivisionCode)).Distinct(StringComparer.Ordinal).ToList();
        var query = db.Divisions.AsNoTracking().Where(Data.Security.DivisionFilter.Within<Data.Security.DivisionRecord>(d => d.Code, scopes));
        if (parent is not null)
        {
            query = query.Where(d => d.ParentCode == parent);
        }

        return TypedResults.Ok(await query.OrderBy(d => d.Code).Take(5000).Select(d => new { code = d.Code, name = d.Name, parentCode = d.ParentCode }).ToListAsync());
    }

    /// <summary>A JSON array <c>[{"code", "name", "parentCode"}]</c> or CSV <c>code,name,parentCode</c> (Content-Type text/csv).</summary>
    private static async Task<IResult> ImportDivisions(HttpContext http, CurrentUser current, DivisionImporter importer)
    {
        var (access, problem) = await current.RequireAsync(Administrators);
        if (access is null)
        {
            return problem!;
        }

        using var reader = new StreamReader(http.Request.Body);
        var text = await reader.ReadToEndAsync(http.RequestAborted);
        var csv = http.Request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true;
        var imported = await importer.ImportAsync(text, csv, access);
        return imported.IsSuccess ? TypedResults.Ok(new { imported = imported.Value }) : ApiProblems.From(imported);
    }

    /// <summary>The plans' roles and the platform's roles: nothing else can be assigned.</summary>
    public static HashSet<string> KnownRoles(PlanCatalog plans) =>
        [.. plans.All.SelectMany(p => p.Roles.Select(r => r.Id)), .. RoleIds.Platform];
}
