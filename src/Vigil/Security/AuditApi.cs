using Vigil.Common;
using Vigil.Data.Security;
using Vigil.Host.Web;
using Vigil.Security.Access;

namespace Vigil.Host.Security;

/// <summary>The audit trail for auditors: read within their jurisdiction, verify the whole chain; nothing to change.</summary>
internal static class AuditApi
{
    private static readonly string[] Auditors = [RoleIds.Auditor];

    public static void MapAudit(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization();
        group.MapGet("/", List);
        group.MapGet("/verify", Verify);
    }

    private static async Task<IResult> List(CurrentUser current, AuditStore audit, int? page, int? pageSize)
    {
        var (access, problem) = await current.RequireAsync(Auditors);
        if (access is null)
        {
            return problem!;
        }

        var (p, size) = (page ?? 1, pageSize ?? 50);
        if (p < 1 || p > 100_000 || size is < 1 or > 500)
        {
            return ApiProblems.One(ProblemKind.Invalid, "page", "paging.invalid", 1, 100_000);
        }

        var (items, total) = await audit.PageAsync(access.Scopes(Auditors), p, size);
        return TypedResults.Ok(new
        {
            total,
            page = p,
            pageSize = size,
            items = items.Select(a => new
            {
                sequence = a.Sequence,
                at = new DateTimeOffset(a.TimestampUtcTicks, TimeSpan.Zero),
                actorId = a.ActorId,
                actorName = a.ActorName,
                role = a.Role,
                action = a.Action,
                targetType = a.TargetType,
                targetId = a.TargetId,
                divisionCode = a.DivisionCode,
                details = a.DetailsJson,
                hash = Convert.ToHexStringLower(a.Hash),
            }),
        });
    }

    /// <summary>The chain checked with its key and against the newest checkpoint (issue 12 item 5).</summary>
    private static async Task<IResult> Verify(CurrentUser current, AuditVerifier verifier)
    {
        var (access, problem) = await current.RequireAsync(Auditors);
        if (access is null)
        {
            return problem!;
        }

        var report = await verifier.VerifyAsync();
        return TypedResults.Ok(new
        {
            whole = report.IsWhole,
            entries = report.Entries,
            checkpoint = report.Checkpoint is { } c ? new { sequence = c.Sequence, at = c.At } : null,
            brokenAt = report.Break?.Sequence,
            kind = report.Break?.Kind.ToString(),
            message = report.Break?.Message,
        });
    }
}
