using System.Globalization;
using Vigil.Common;
using Vigil.Data;
using Vigil.Data.Prevention;
using Vigil.Host.Web;
using Vigil.Prevention;
using Vigil.Security.Access;

namespace Vigil.Host.Prevention;

/// <summary>
/// Quarterly hidden-hazard self-inspection reports (DP-HAZ, 004 第六条): filed and signed by the enterprise's principal,
/// due 15 April, 15 July, 15 October and 15 January; the regulator sees who is on time, late or missing.
/// </summary>
internal static class QuarterlyReportsApi
{
    private static readonly string[] Signers = [RoleIds.EnterprisePrincipal];

    public static void MapQuarterlyReports(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/enterprises/{id:guid}/quarterly-reports", File).WithTags("Prevention").RequireAuthorization();
        app.MapGet("/api/quarterly-reports", Overview).WithTags("Prevention").RequireAuthorization();
    }

    /// <summary><c>{year, quarter, document}</c>: the document is the SHA-256 of the signed report uploaded to /api/evidence.</summary>
    private static async Task<IResult> File(Guid id, HttpContext http, EnterpriseGate gate, PreventionStore store, EvidenceStore evidence, TimeProvider clock, VigilDbContext db)
    {
        var (access, document, problem) = await ApiRequest.RequireWithBodyAsync(http, Signers);
        if (access is null || document is null)
        {
            return problem!;
        }

        using (document)
        {
            var body = new BodyReader(document.RootElement);
            var year = PreventionEndpoint.Number(body, "year", 2000, 9998, required: true);
            var quarterNumber = PreventionEndpoint.Number(body, "quarter", 1, 4, required: true);
            var hashes = await PreventionEndpoint.EvidenceAsync(body, evidence, "document");
            if (body.IsValid && hashes.Count == 0)
            {
                body.Add("document", "field.required");
            }

            if (!body.IsValid)
            {
                return body.Problem();
            }

            var (context, refused) = await gate.ResolveAsync(access, id, Signers);
            if (context is null)
            {
                return refused!;
            }

            var quarter = ReportingQuarter.Create((int)year!.Value, (int)quarterNumber!.Value);
            var now = clock.GetUtcNow();
            var filing = quarter.IsSuccess ? QuarterlyReports.File(id.ToString(), quarter.Value, context.Actor, now, hashes[0]) : Outcome<QuarterlyReportFiling>.Failure(quarter.Kind, quarter.Problems);
            if (!filing.IsSuccess)
            {
                return ApiProblems.From(filing);
            }

            var record = new QuarterlyReportRecord
            {
                EnterpriseId = id, Year = quarter.Value.Year, Quarter = quarter.Value.Quarter, SignedByUserId = access.User.Id, SignedByName = access.User.DisplayName,
                FiledAt = now, DocumentSha256 = hashes[0].Hex,
            };
            context.Audit(db, "quarterlyReport.file", "Enterprise", id.ToString(), now, new { quarter = quarter.Value.ToString(), document = record.DocumentSha256 });
            await store.AddAsync(record);
            var status = QuarterlyReports.StatusOf(quarter.Value, [.. (await store.QuarterlyReportsAsync([id])).Select(Filing)], now);
            return TypedResults.Created($"/api/quarterly-reports?year={record.Year}&quarter={record.Quarter}", new
            {
                enterpriseId = id, quarter = quarter.Value.ToString(), due = Date(quarter.Value.DueDate), status = Status(status),
                signedBy = record.SignedByName, filedAt = now.ToString("O", CultureInfo.InvariantCulture), document = record.DocumentSha256,
            });
        }
    }

    /// <summary>
    /// <c>?year=&amp;quarter=&amp;status=late|missing|onTime|open&amp;division=</c>: every visible enterprise's status for a quarter;
    /// without a quarter, the latest one already due.
    /// </summary>
    private static async Task<IResult> Overview(HttpContext http, EnterpriseGate gate, PreventionStore store, TimeProvider clock, int? year, int? quarter, string? status, string? division)
    {
        var (access, denied) = await PreventionEndpoint.RequireAsync(http, PreventionRoles.All);
        if (access is null)
        {
            return denied!;
        }

        var now = clock.GetUtcNow();
        var chosen = year is null && quarter is null ? Outcome.Ok(QuarterlyReports.LatestDue(now)) : ReportingQuarter.Create(year ?? 0, quarter ?? 0);
        if (!chosen.IsSuccess)
        {
            return ApiProblems.From(chosen);
        }

        var statuses = Enum.GetValues<QuarterlyReportStatus>().ToDictionary(Status, s => s, StringComparer.Ordinal);
        if (status is not null && !statuses.ContainsKey(status))
        {
            return PreventionText.One(ProblemKind.Invalid, "status", "report.status", status, string.Join(", ", statuses.Keys));
        }

        var enterprises = (await gate.VisibleAsync(access, division)).ToDictionary(e => e.Id.ToString());
        var filings = (await store.QuarterlyReportsAsync([.. enterprises.Values.Select(e => e.Id)])).Select(Filing).ToList();
        var lines = QuarterlyReports.Overview(enterprises.Keys, filings, chosen.Value, now)
            .Where(l => status is null || l.Status == statuses[status]);
        return TypedResults.Ok(new
        {
            quarter = chosen.Value.ToString(),
            due = Date(chosen.Value.DueDate),
            items = lines.Select(l => new
            {
                enterpriseId = l.EnterpriseId,
                enterpriseName = enterprises[l.EnterpriseId].Name,
                divisionCode = enterprises[l.EnterpriseId].DivisionCode,
                status = Status(l.Status),
                filedAt = l.Filing?.FiledAt.ToString("O", CultureInfo.InvariantCulture),
                document = l.Filing?.Document.Hex,
            }),
        });
    }

    /// <summary>A stored filing as the core sees it.</summary>
    public static QuarterlyReportFiling Filing(QuarterlyReportRecord r) => new(
        r.EnterpriseId.ToString(), ReportingQuarter.Create(r.Year, r.Quarter).Value, new Actor(r.SignedByUserId, ActorRole.Principal), r.FiledAt,
        EvidenceHash.Parse("document", r.DocumentSha256).Value);

    /// <summary>A status's name in JSON and query strings (<c>onTime</c>).</summary>
    public static string Status(QuarterlyReportStatus status) => char.ToLowerInvariant(status.ToString()[0]) + status.ToString()[1..];

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
