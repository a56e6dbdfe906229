using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Common;
using Vigil.Data;
using Vigil.Data.Prevention;
using Vigil.Host.Security;
using Vigil.Host.Web;
using Vigil.Prevention;
using Vigil.Security.Audit;

namespace Vigil.Host.Prevention;

/// <summary>A public report with its decision, if taken, and the register entries that may be the operator.</summary>
internal sealed record VisiblePublicReport(
    PublicReportRecord Report, PublicReportDecisionRecord? Decision, EnterpriseRecord? Matched, IReadOnlyList<(MatchCandidate Candidate, EnterpriseRecord Enterprise)> Candidates)
{
    /// <summary>open, matched or unregistered.</summary>
    public string State => Decision?.Outcome ?? "open";
}

/// <summary>
/// Reports of operators the public cannot identify by credit code (001 四(四)), shared by the HTTP API and the web UI:
/// the public reports by name and address in a district; that district's bureau (a regulator whose jurisdiction covers
/// it) matches the operator to the register — the report then becomes a hazard file of the enterprise, found by the
/// public — or records it as unregistered with a reason. One decision per report, audited, never rewritten.
/// </summary>
internal sealed class PublicReportService(EnterpriseGate gate, PreventionStore store, VigilDbContext db, TimeProvider clock)
{
    public const string Matched = "matched";
    public const string Unregistered = "unregistered";

    /// <summary>
    /// Stores a report of an unidentified operator: <c>enterpriseName</c>, <c>address</c>, <c>districtCode</c> (the
    /// district, 6 digits), <c>description</c> and an optional place. Anonymous (004 第二条). The photos are kept
    /// (<paramref name="keepPhotos"/>, their SHA-256) only once everything else is accepted.
    /// </summary>
    public async Task<Outcome<Guid>> SubmitAsync(BodyReader body, Func<Task<IReadOnlyList<string>>> keepPhotos, string reporterId)
    {
        var reported = ReportedOperator.Create(body.Text("enterpriseName"), body.Text("address"));
        body.Add(reported.Problems);
        var district = body.Text("districtCode", required: true, maxLength: 6);
        if (district is not null && !IsDistrict(district))
        {
            body.Add([PreventionText.Problem("districtCode", "publicReport.district", district)]);
        }

        var description = body.Text("description", required: true, maxLength: 2000);
        var location = PreventionEndpoint.Location(body);
        if (!body.IsValid)
        {
            return body.Refused<Guid>();
        }

        var photos = await keepPhotos();
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        db.Add(new PublicReportRecord
        {
            Id = id, DistrictCode = district!, ReportedName = reported.Value.Name, ReportedAddress = reported.Value.Address, Description = description!,
            ReporterId = reporterId, Photos = string.Join(' ', photos), Latitude = location?.Latitude, Longitude = location?.Longitude,
            Datum = location is { } l ? DatumNames.Of(l.Datum) : null, ReportedAt = now,
        });
        db.Audit(new AuditEvent(reporterId, PreventionText.Format("actor.public"), "public", "publicReport.submit", "PublicReport", id.ToString(), district!,
            JsonSerializer.Serialize(new { name = reported.Value.Name, photos }, Access.AuditJson)), now);
        await db.SaveChangesAsync();
        return Outcome.Ok(id);
    }

    /// <summary>The reports of the districts the user regulates, newest first; <paramref name="open"/> narrows to undecided (true) or decided (false).</summary>
    public async Task<List<VisiblePublicReport>> ListAsync(Access access, bool? open)
    {
        var reports = await store.PublicReportsAsync(access.Scopes(PreventionRoles.Regulators));
        return [.. reports.Where(r => open is null || (r.Decision is null) == open).Select(r => new VisiblePublicReport(r.Report, r.Decision, null, []))];
    }

    /// <summary>One report of a district the user regulates, with the matched enterprise and the suggested candidates; else null.</summary>
    public async Task<VisiblePublicReport?> FindAsync(Access access, Guid id)
    {
        if ((await store.PublicReportsAsync(access.Scopes(PreventionRoles.Regulators), id)).FirstOrDefault() is not { Report: { } report } found)
        {
            return null;
        }

        var register = await RegisterAsync(access, report.DistrictCode);
        var candidates = PublicReports.Candidates(new ReportedOperator(report.ReportedName, report.ReportedAddress), register.Select(e => (e.Id.ToString(), e.Name, e.Address)));
        var byId = register.ToDictionary(e => e.Id.ToString());
        var matched = found.Decision?.EnterpriseId is { } enterpriseId ? await store.EnterpriseAsync(enterpriseId) : null;
        return new VisiblePublicReport(report, found.Decision, matched, [.. candidates.Select(c => (c, byId[c.EnterpriseId]))]);
    }

    /// <summary>Whether a report of the user's districts cites the photo <paramref name="sha256"/> (so the bureau sees it before a match).</summary>
    public async Task<bool> CitesAsync(Access access, string sha256) =>
        (await store.PublicReportsAsync(access.Scopes(PreventionRoles.Regulators))).Any(r => r.Report.Photos.Contains(sha256, StringComparison.Ordinal));

    /// <summary>The register entries of the report's district the user sees (the enterprises a match may name).</summary>
    public Task<List<EnterpriseRecord>> RegisterAsync(Access access, string districtCode) => gate.VisibleAsync(access, districtCode);

    /// <summary>
    /// The bureau's decision: <c>{enterpriseId, reason?}</c> to match, <c>{reason}</c> to record unregistered. Not found
    /// outside the user's districts (the report, or the enterprise for a match); forbidden without a regulator's role
    /// there; a second decision is a conflict. A match opens the hazard file (found by the public, with the photos).
    /// </summary>
    public async Task<Outcome<VisiblePublicReport>> DecideAsync(Access access, Guid id, PublicReportOutcome outcome, BodyReader body)
    {
        var enterpriseId = outcome == PublicReportOutcome.Matched ? PreventionEndpoint.Id(body, "enterpriseId") : null;
        var reason = body.Text("reason", maxLength: 2000);
        if (!body.IsValid)
        {
            return body.Refused<VisiblePublicReport>();
        }

        if (await FindAsync(access, id) is not { } found)
        {
            return Outcome<VisiblePublicReport>.Failure(ProblemKind.NotFound, PreventionText.Problem("id", "publicReport.notFound", id));
        }

        var role = access.RoleAt(found.Report.DistrictCode, PreventionRoles.Regulators);
        if (!role.IsSuccess)
        {
            return Outcome<VisiblePublicReport>.Failure(role.Kind, role.Problems);
        }

        EnterpriseContext? enterprise = null;
        if (enterpriseId is { } chosen)
        {
            var context = await gate.ContextAsync(access, chosen, PreventionRoles.Regulators);
            if (!context.IsSuccess)
            {
                return Outcome<VisiblePublicReport>.Failure(context.Kind, context.Problems);
            }

            enterprise = context.Value;
        }

        var now = clock.GetUtcNow();
        var by = new Actor(access.User.Id, ActorRole.Regulator);
        var standing = found.Decision is { } d ? new PublicReportDecision(d.Outcome == Matched ? PublicReportOutcome.Matched : PublicReportOutcome.Unregistered, d.EnterpriseId?.ToString(), d.Reason, new Actor(d.DecidedByUserId, ActorRole.Regulator), d.DecidedAt) : null;
        var decided = PublicReports.Decide(standing, outcome, enterpriseId?.ToString(), reason, by, now);
        if (!decided.IsSuccess)
        {
            return Outcome<VisiblePublicReport>.Failure(decided.Kind, decided.Problems);
        }

        var hazardId = enterprise is null ? (Guid?)null : Guid.CreateVersion7(now);
        var record = new PublicReportDecisionRecord
        {
            ReportId = id, Outcome = outcome == PublicReportOutcome.Matched ? Matched : Unregistered, EnterpriseId = enterpriseId, HazardId = hazardId,
            Reason = decided.Value.Reason, DecidedByUserId = access.User.Id, DecidedByName = access.User.DisplayName, DecidedByRole = role.Value, DecidedAt = now,
        };
        db.Add(record);
        db.Audit(access.Audit(role.Value, "publicReport." + record.Outcome, "PublicReport", id.ToString(), enterprise?.Enterprise.DivisionCode ?? found.Report.DistrictCode,
            new { enterpriseId, hazardId, reason = record.Reason }), now);
        try
        {
            if (enterprise is not null)
            {
                var report = found.Report;
                var photos = report.Photos.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(h => EvidenceHash.Parse("photos", h).Value).ToList();
                var step = new HazardFound(report.Description, new Actor(report.ReporterId, ActorRole.Public), report.ReportedAt, photos);
                var file = HazardFile.Open(hazardId!.Value.ToString(), enterprise.Enterprise.Id.ToString(), enterprise.Enterprise.DistrictCode, step);
                if (!file.IsSuccess)
                {
                    return Outcome<VisiblePublicReport>.Failure(file.Kind, file.Problems);
                }

                var location = DatumNames.Point(report.Latitude, report.Longitude, report.Datum);
                await store.AppendHazardAsync(HazardsApi.Header(hazardId.Value, enterprise.Enterprise, "public", null, location, report.ReportedAt), hazardId.Value, 0,
                    [(step, PreventionText.Format("actor.public"))]);
            }
            else
            {
                await db.SaveChangesAsync();
            }
        }
        catch (DbUpdateException)
        {
            // Another regulator decided at the same moment: the unique index kept theirs; this one wrote nothing.
            return Outcome<VisiblePublicReport>.Failure(ProblemKind.Conflict, PreventionText.Problem("report", "publicReport.concurrent", id));
        }

        return Outcome.Ok((await FindAsync(access, id))!);
    }

    /// <summary>A county-level GB/T 2260 code: 6 digits, not a province's or a city's (ending in 00).</summary>
    public static bool IsDistrict(string code) => code.Length == 6 && code.All(char.IsAsciiDigit) && !code.EndsWith("00", StringComparison.Ordinal);
}
