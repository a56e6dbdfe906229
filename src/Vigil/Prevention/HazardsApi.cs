using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Vigil.Common;
using Vigil.Data;
using Vigil.Data.Prevention;
using Vigil.Host.Security;
using Vigil.Host.Web;
using Vigil.Prevention;
using Vigil.Security.Access;
using Vigil.Security.Audit;

namespace Vigil.Host.Prevention;

/// <summary>
/// The hidden-hazard closed loop over HTTP (DP-HAZ): anyone reports (004 第二条), the unit or the regulator registers and
/// assesses, a major hazard is reported at once and gets its 五落实 before rectification, and someone other than the
/// rectifier verifies with evidence. Every step is decided by the core's state machine and appended with its audit entry.
/// </summary>
internal static class HazardsApi
{
    /// <summary>Rate-limit policy of the public report endpoint (per client address).</summary>
    public const string PublicReportLimit = "public-hazard-report";

    private static readonly string[] Unit = PreventionRoles.EnterpriseStaff;
    private static readonly string[] UnitOrRegulator = [.. Unit, .. PreventionRoles.Regulators];
    private static readonly string[] Verifiers = [.. Unit, .. PreventionRoles.JurisdictionReaders];

    /// <summary>
    /// Every step of the loop by its route name: who may take it, its audit action and how the body becomes the step.
    /// The API maps one endpoint each; the web UI's hazard page offers each to those allowed, as a button or as a form for those with input.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, HazardCommand> Steps = new Dictionary<string, HazardCommand>
    {
        ["register"] = new(UnitOrRegulator, "hazard.register", (_, _, by, at, evidence) => new HazardRegistered(by, at, evidence), NeedsInput: false),
        ["assess"] = new(UnitOrRegulator, "hazard.assess", Assess, NeedsInput: true),
        ["plan"] = new([RoleIds.EnterprisePrincipal], "hazard.plan", Plan, NeedsInput: true),
        ["report"] = new(Unit, "hazard.report", (_, _, by, at, evidence) => new HazardReported(by, at, evidence), NeedsInput: false),
        ["monitor"] = new(UnitOrRegulator, "hazard.monitor", (_, _, by, at, evidence) => new HazardMonitored(by, at, evidence), NeedsInput: false),
        ["rectify"] = new(Unit, "hazard.rectify", (_, _, by, at, evidence) => new HazardRectified(by, at, evidence), NeedsInput: false),
        ["reject"] = new(Verifiers, "hazard.reject", (_, body, by, at, evidence) => new HazardRectificationRejected(body.Text("reason") ?? "", by, at, evidence), NeedsInput: true, MajorNeedsRegulator: true),
        ["close"] = new(Verifiers, "hazard.close", (_, _, by, at, evidence) => new HazardClosedOut(by, at, evidence), NeedsInput: true, MajorNeedsRegulator: true),
    };

    public static void MapHazards(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/public/hazards", PublicReport).WithTags("Prevention").AllowAnonymous()
            .RequireRateLimiting(PublicReportLimit).WithMetadata(new RequestSizeLimitAttribute(EvidenceUpload.MaxRequestBytes));
        app.MapPost("/api/evidence", Upload).WithTags("Prevention").RequireAuthorization()
            .WithMetadata(new RequestSizeLimitAttribute(EvidenceUpload.MaxRequestBytes));
        app.MapGet("/api/evidence/{sha256}", Download).WithTags("Prevention").RequireAuthorization();
        var group = app.MapGroup("/api/hazards").WithTags("Prevention").RequireAuthorization();
        group.MapPost("/", Report);
        group.MapGet("/", List);
        group.MapGet("/overdue", Overdue);
        group.MapGet("/escalations", Escalations);
        group.MapGet("/{id:guid}", Get);
        foreach (var (name, step) in Steps)
        {
            group.MapPost("/{id:guid}/" + name, (Guid id, HttpContext http) => Command(id, http, step));
        }
    }

    /// <summary>
    /// Anyone, without signing in (004 第二条): multipart/form-data with <c>creditCode</c>, <c>description</c>, optional
    /// <c>latitude</c>/<c>longitude</c>/<c>datum</c> and up to five <c>photos</c> (JPEG, PNG or WebP, 5 MB each).
    /// Without a credit code the operator is named by <c>enterpriseName</c>, <c>address</c> and <c>districtCode</c>
    /// (001 四(四)): the report waits for the district's bureau to identify it (<see cref="PublicReportService"/>).
    /// The answer is the reference number only; the file itself is for the unit and the regulator.
    /// </summary>
    private static async Task<IResult> PublicReport(HttpContext http, PreventionStore store, EvidenceStore evidence, PublicReportService reports, TimeProvider clock, VigilDbContext db)
    {
        var (form, formProblem) = await EvidenceUpload.ReadFormAsync(http.Request);
        if (form is null)
        {
            return ApiProblems.From(ProblemKind.Invalid, [formProblem!]);
        }

        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in form)
        {
            var text = value.ToString();
            fields[key] = key is "latitude" or "longitude" && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : text;
        }

        var body = new BodyReader(JsonSerializer.SerializeToElement(fields));
        if (string.IsNullOrWhiteSpace(body.Text("creditCode")))
        {
            return await UnidentifiedReport(form, body, reports, evidence, clock);
        }

        var creditCode = UnifiedSocialCreditCode.Parse("creditCode", body.Text("creditCode"));
        body.Add(creditCode.Problems);
        var description = body.Text("description", required: true);
        var location = PreventionEndpoint.Location(body);
        var (photos, photoProblems) = await EvidenceUpload.FilesAsync(form, "photos", imagesOnly: true);
        body.Add(photoProblems);
        if (!body.IsValid)
        {
            return body.Problem();
        }

        var enterprise = await store.EnterpriseByCreditCodeAsync(creditCode.Value.Value);
        if (enterprise is null)
        {
            return PreventionText.One(ProblemKind.NotFound, "creditCode", "enterprise.notRegistered", creditCode.Value.Value);
        }

        var now = clock.GetUtcNow();
        var reporter = new Actor("public:" + Guid.NewGuid().ToString("N"), ActorRole.Public);
        var kept = await EvidenceUpload.KeepAsync(evidence, photos, reporter.Id, now);
        var found = new HazardFound(description!, reporter, now, [.. kept.Select(k => EvidenceHash.Parse("photos", k.Sha256).Value)]);
        var id = Guid.CreateVersion7(now);
        var file = HazardFile.Open(id.ToString(), enterprise.Id.ToString(), enterprise.DistrictCode, found);
        if (!file.IsSuccess)
        {
            return ApiProblems.From(file);
        }

        db.Audit(new AuditEvent(reporter.Id, PreventionText.Format("actor.public"), "public", "hazard.publicReport", "Hazard", id.ToString(), enterprise.DivisionCode,
            JsonSerializer.Serialize(new { photos = kept.Select(k => k.Sha256) }, Access.AuditJson)), now);
        await store.AppendHazardAsync(Header(id, enterprise, "public", null, location, now), id, 0, [(found, PreventionText.Format("actor.public"))]);
        return TypedResults.Created($"/api/hazards/{id}", new { id, state = "found", photos = kept.Select(k => k.Sha256) });
    }

    /// <summary>A public report naming the operator by name and address instead of its credit code (001 四(四)).</summary>
    private static async Task<IResult> UnidentifiedReport(IFormCollection form, BodyReader body, PublicReportService reports, EvidenceStore evidence, TimeProvider clock)
    {
        var (photos, photoProblems) = await EvidenceUpload.FilesAsync(form, "photos", imagesOnly: true);
        body.Add(photoProblems);
        if (!body.IsValid)
        {
            return body.Problem();
        }

        var reporter = "public:" + Guid.NewGuid().ToString("N");
        IReadOnlyList<string> kept = [];
        var submitted = await reports.SubmitAsync(body, async () => kept = [.. (await EvidenceUpload.KeepAsync(evidence, photos, reporter, clock.GetUtcNow())).Select(k => k.Sha256)], reporter);
        return submitted.IsSuccess
            ? TypedResults.Created($"/api/public-reports/{submitted.Value}", new { id = submitted.Value, state = "open", photos = kept })
            : ApiProblems.From(submitted);
    }

    /// <summary>Signed-in upload of evidence files (photos or PDF): multipart field <c>files</c>; the answer gives their SHA-256.</summary>
    private static async Task<IResult> Upload(HttpContext http, EvidenceStore evidence, TimeProvider clock, VigilDbContext db)
    {
        var (access, denied) = await PreventionEndpoint.RequireAsync(http, PreventionRoles.All);
        if (access is null)
        {
            return denied!;
        }

        var (form, formProblem) = await EvidenceUpload.ReadFormAsync(http.Request);
        if (form is null)
        {
            return ApiProblems.From(ProblemKind.Invalid, [formProblem!]);
        }

        var (files, problems) = await EvidenceUpload.FilesAsync(form, "files", imagesOnly: false);
        if (problems.Count > 0 || files.Count == 0)
        {
            return ApiProblems.From(ProblemKind.Invalid, problems.Count > 0 ? problems : [PreventionText.Problem("files", "upload.none")]);
        }

        var kept = await EvidenceUpload.UploadAsync(access, files, evidence, db, clock.GetUtcNow());
        return TypedResults.Ok(kept.Select(k => new { sha256 = k.Sha256, size = k.Size, contentType = k.ContentType, fileName = k.FileName }));
    }

    /// <summary>
    /// An evidence file, to whoever sees an enterprise whose records cite it (or, for a regulator, a public report of
    /// their districts citing it); a file cited nowhere the user sees is
    /// answered as not found. An upload not yet cited is visible to no one but through the record that cites it.
    /// </summary>
    private static async Task<IResult> Download(string sha256, HttpContext http, EnterpriseGate gate, PreventionStore store, EvidenceStore evidence, PublicReportService reports)
    {
        var (access, denied) = await PreventionEndpoint.RequireAsync(http, PreventionRoles.All);
        if (access is null)
        {
            return denied!;
        }

        var hash = EvidenceHash.Parse("sha256", sha256);
        if (!hash.IsSuccess)
        {
            return ApiProblems.From(hash);
        }

        // The file first, then only the enterprises citing it (one or two) checked against the user's view, rather
        // than the whole register the user sees on every download.
        var file = await evidence.FindAsync(hash.Value.Hex);
        if (file is null || (!await gate.SeesAnyAsync(access, await store.EnterprisesCitingAsync(hash.Value.Hex)) && !await reports.CitesAsync(access, hash.Value.Hex)))
        {
            return PreventionText.One(ProblemKind.NotFound, "sha256", "evidence.notFound", hash.Value.Hex);
        }

        return TypedResults.PhysicalFile(evidence.PathOf(file.Sha256), file.ContentType, file.FileName);
    }

    /// <summary><c>{enterpriseId, description, riskPointId?, evidence?, latitude?, longitude?, datum?}</c> — a hazard found by a signed-in user.</summary>
    private static async Task<IResult> Report(HttpContext http, HazardService hazards)
    {
        var (access, document, problem) = await ApiRequest.RequireWithBodyAsync(http, PreventionRoles.All);
        if (access is null || document is null)
        {
            return problem!;
        }

        using (document)
        {
            var reported = await hazards.ReportAsync(access, new BodyReader(document.RootElement));
            return reported.IsSuccess ? TypedResults.Created($"/api/hazards/{reported.Value.Id}", reported.Value.View) : ApiProblems.From(reported);
        }
    }

    public static HazardRecord Header(Guid id, EnterpriseRecord enterprise, string source, Guid? riskPointId, GeoPoint? location, DateTimeOffset at, Guid? inspectionId = null) => new()
    {
        Id = id,
        EnterpriseId = enterprise.Id,
        DivisionCode = enterprise.DivisionCode,
        SupervisingRegulator = enterprise.DistrictCode,
        RiskPointId = riskPointId,
        Source = source,
        InspectionId = inspectionId,
        Latitude = location?.Latitude,
        Longitude = location?.Longitude,
        Datum = location is { } l ? DatumNames.Of(l.Datum) : null,
        CreatedAt = at,
    };

    /// <summary><c>?state=&amp;grade=&amp;division=&amp;enterpriseId=&amp;open=true</c> — the hazards the user sees, newest first.</summary>
    private static async Task<IResult> List(HttpContext http, HazardService hazards, TimeProvider clock, string? state, string? grade, string? division, Guid? enterpriseId, bool? open)
    {
        var (access, denied) = await PreventionEndpoint.RequireAsync(http, PreventionRoles.All);
        if (access is null)
        {
            return denied!;
        }

        var filter = HazardFilter.Parse(state, grade, open);
        if (!filter.IsSuccess)
        {
            return ApiProblems.From(filter);
        }

        var now = clock.GetUtcNow();
        return TypedResults.Ok((await hazards.VisibleAsync(access, filter.Value, division, enterpriseId)).Select(h => HazardView.Summary(h.Hazard, h.Enterprise, now)));
    }

    private static async Task<IResult> Get(Guid id, HttpContext http, EnterpriseGate gate, PreventionStore store, TimeProvider clock)
    {
        var (access, denied) = await PreventionEndpoint.RequireAsync(http, PreventionRoles.All);
        if (access is null)
        {
            return denied!;
        }

        var (hazard, context, problem) = await Resolve(id, access, gate, store, PreventionRoles.All);
        return hazard is null ? problem! : TypedResults.Ok(HazardView.Build(hazard, context!.Enterprise, clock.GetUtcNow()));
    }

    /// <summary>DP-HAZ: rectifications past their deadline, by district (<c>?division=</c> narrows), most overdue first.</summary>
    private static async Task<IResult> Overdue(HttpContext http, EnterpriseGate gate, PreventionQueries queries, TimeProvider clock, string? division)
    {
        var (access, denied) = await PreventionEndpoint.RequireAsync(http, PreventionRoles.All);
        if (access is null)
        {
            return denied!;
        }

        var overdue = await queries.OverdueRectificationsAsync(await gate.VisibleAsync(access, division), clock.GetUtcNow());
        return TypedResults.Ok(overdue.Select(HazardView.Overdue));
    }

    /// <summary>What must go to the supervising regulators now: major hazards not reported, rectifications overdue (DP-HAZ).</summary>
    private static async Task<IResult> Escalations(HttpContext http, EnterpriseGate gate, PreventionStore store, TimeProvider clock, string? division)
    {
        var (access, denied) = await PreventionEndpoint.RequireAsync(http, PreventionRoles.Regulators);
        if (access is null)
        {
            return denied!;
        }

        var enterprises = await gate.VisibleAsync(access, division);
        var now = clock.GetUtcNow();
        var hazards = await store.HazardsAsync([.. enterprises.Select(e => e.Id)]);
        return TypedResults.Ok(hazards.SelectMany(h => h.File.Escalations(now)).Select(e => new
        {
            hazardId = e.HazardId,
            to = e.To,
            code = e.Code,
            deadline = e.Deadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            daysOverdue = e.DaysOverdue,
            text = e.Text,
        }));
    }

    private static Outcome<HazardStep> Assess(HazardFile file, BodyReader body, Actor by, DateTimeOffset at, IReadOnlyList<EvidenceHash> evidence)
    {
        var gradeText = body.Text("grade", required: true);
        var rectifyBy = PreventionEndpoint.Date(body, "rectifyBy");
        if (gradeText is not null && HazardFilter.ParseGrade(gradeText) is null)
        {
            body.Add([PreventionText.Problem("grade", "grade.unknown", gradeText)]);
        }

        return new HazardAssessed(HazardFilter.ParseGrade(gradeText) ?? HazardGrade.General, rectifyBy, by, at, evidence);
    }

    /// <summary>
    /// 五落实: <c>{responsiblePerson, measures, funds, deadline, contingencyPlan}</c>, all or some (a later value wins);
    /// a plan with none of the five would record nothing and is refused.
    /// </summary>
    private static Outcome<HazardStep> Plan(HazardFile file, BodyReader body, Actor by, DateTimeOffset at, IReadOnlyList<EvidenceHash> evidence)
    {
        var plan = new FiveImplementations(
            body.Text("responsiblePerson", maxLength: 200),
            body.Text("measures"),
            PreventionEndpoint.Number(body, "funds", 0, 1_000_000_000_000m),
            PreventionEndpoint.Date(body, "deadline"),
            body.Text("contingencyPlan"));
        if (body.Problems.Count == 0 && plan.Missing.Count == 5 && plan.Funds is null)
        {
            body.Add([PreventionText.Problem("plan", "plan.empty")]);
        }

        return new RectificationPlanRecorded(plan, by, at, evidence);
    }

    /// <summary>One step over HTTP: sign-in and role, the JSON body, then <see cref="HazardService.StepAsync"/>.</summary>
    private static async Task<IResult> Command(Guid id, HttpContext http, HazardCommand step)
    {
        var (access, document, problem) = await ApiRequest.RequireWithBodyAsync(http, step.Roles);
        if (access is null || document is null)
        {
            return problem!;
        }

        using (document)
        {
            var body = new BodyReader(document.RootElement);
            var view = await http.RequestServices.GetRequiredService<HazardService>().StepAsync(access, id, step, body);
            return view.IsSuccess ? TypedResults.Ok(view.Value) : ApiProblems.From(view);
        }
    }

    private static async Task<(StoredHazard? Hazard, EnterpriseContext? Context, IResult? Problem)> Resolve(
        Guid id, Access access, EnterpriseGate gate, PreventionStore store, IReadOnlyCollection<string> roles)
    {
        IResult NotFound() => PreventionText.One(ProblemKind.NotFound, "id", "hazard.notFound", id);
        var hazard = (await store.HazardsAsync(hazardId: id)).FirstOrDefault();
        if (hazard is null)
        {
            return (null, null, NotFound());
        }

        var (context, problem) = await gate.ResolveAsync(access, hazard.Header.EnterpriseId, roles, NotFound);
        return context is null ? (null, null, problem) : (hazard, context, null);
    }
}
