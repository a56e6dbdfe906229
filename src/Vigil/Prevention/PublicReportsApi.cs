using System.Globalization;
using Vigil.Host.Web;
using Vigil.Prevention;

namespace Vigil.Host.Prevention;

/// <summary>
/// The bureau's side of public reports of unidentified operators (001 四(四)): the district's regulators list them,
/// see the register entries that may be the operator, and match it or record it as unregistered (<see cref="PublicReportService"/>).
/// </summary>
internal static class PublicReportsApi
{
    public static void MapPublicReports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public-reports").WithTags("Prevention").RequireAuthorization();
        group.MapGet("/", List);
        group.MapGet("/{id:guid}", Get);
        group.MapPost("/{id:guid}/match", (Guid id, HttpContext http, PublicReportService reports) => Decide(id, http, reports, PublicReportOutcome.Matched));
        group.MapPost("/{id:guid}/unregistered", (Guid id, HttpContext http, PublicReportService reports) => Decide(id, http, reports, PublicReportOutcome.Unregistered));
    }

    /// <summary><c>?open=true|false</c>: the reports of the districts the user regulates, newest first.</summary>
    private static async Task<IResult> List(HttpContext http, PublicReportService reports, bool? open)
    {
        var (access, denied) = await PreventionEndpoint.RequireAsync(http, PreventionRoles.Regulators);
        return access is null ? denied! : TypedResults.Ok((await reports.ListAsync(access, open)).Select(View));
    }

    private static async Task<IResult> Get(Guid id, HttpContext http, PublicReportService reports)
    {
        var (access, denied) = await PreventionEndpoint.RequireAsync(http, PreventionRoles.Regulators);
        if (access is null)
        {
            return denied!;
        }

        return await reports.FindAsync(access, id) is { } report
            ? TypedResults.Ok(View(report))
            : PreventionText.One(Common.ProblemKind.NotFound, "id", "publicReport.notFound", id);
    }

    /// <summary><c>{enterpriseId, reason?}</c> (match) or <c>{reason}</c> (unregistered).</summary>
    private static async Task<IResult> Decide(Guid id, HttpContext http, PublicReportService reports, PublicReportOutcome outcome)
    {
        var (access, document, problem) = await ApiRequest.RequireWithBodyAsync(http, PreventionRoles.Regulators);
        if (access is null || document is null)
        {
            return problem!;
        }

        using (document)
        {
            var decided = await reports.DecideAsync(access, id, outcome, new BodyReader(document.RootElement));
            return decided.IsSuccess ? TypedResults.Ok(View(decided.Value)) : ApiProblems.From(decided);
        }
    }

    private static object View(VisiblePublicReport r) => new
    {
        id = r.Report.Id,
        state = r.State,
        districtCode = r.Report.DistrictCode,
        enterpriseName = r.Report.ReportedName,
        address = r.Report.ReportedAddress,
        description = r.Report.Description,
        photos = r.Report.Photos.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        latitude = r.Report.Latitude,
        longitude = r.Report.Longitude,
        datum = r.Report.Datum,
        reportedAt = r.Report.ReportedAt.ToString("O", CultureInfo.InvariantCulture),
        decision = r.Decision is { } d
            ? new
            {
                outcome = d.Outcome,
                enterpriseId = d.EnterpriseId,
                enterpriseName = r.Matched?.Name,
                hazardId = d.HazardId,
                reason = d.Reason,
                by = d.DecidedByName,
                role = d.DecidedByRole,
                at = d.DecidedAt.ToString("O", CultureInfo.InvariantCulture),
            }
            : null,
        candidates = r.Candidates.Select(c => new
        {
            enterpriseId = c.Enterprise.Id,
            name = c.Enterprise.Name,
            address = c.Enterprise.Address,
            creditCode = c.Enterprise.CreditCode,
            nameSimilarity = c.Candidate.NameSimilarity,
            addressSimilarity = c.Candidate.AddressSimilarity,
        }),
    };
}
