namespace Vigil.Data.Prevention;

/// <summary>
/// 企业登记 — one entry of a district bureau's register (issue 5 part 1). Written once: the register keeps what was
/// registered, and a correction would be a new entry.
/// </summary>
public sealed class EnterpriseRecord : IAppendOnly
{
    public Guid Id { get; init; }

    public string Name { get; init; } = "";

    /// <summary>统一社会信用代码, unique in the register.</summary>
    public string CreditCode { get; init; } = "";

    /// <summary>GB/T 2260 code where the enterprise is: a county-level district (6 digits) or a street/township (9).</summary>
    public string DivisionCode { get; init; } = "";

    /// <summary>The district (first six digits of <see cref="DivisionCode"/>): its bureau supervises the enterprise.</summary>
    public string DistrictCode { get; init; } = "";

    public string Industry { get; init; } = "";

    public string Address { get; init; } = "";

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    /// <summary>"wgs84" or "gcj02"; null when there is no location.</summary>
    public string? Datum { get; init; }

    public DateTimeOffset RegisteredAt { get; init; }

    public string RegisteredBy { get; init; } = "";
}

/// <summary>An account appointed to act for an enterprise as its principal or safety officer (who speaks for the unit).</summary>
public sealed class EnterpriseStaffRecord : IAppendOnly
{
    public long Id { get; init; }

    public Guid EnterpriseId { get; init; }

    public string UserId { get; init; } = "";

    /// <summary>enterprise-principal or safety-officer.</summary>
    public string RoleId { get; init; } = "";

    public DateTimeOffset AppointedAt { get; init; }

    public string AppointedBy { get; init; } = "";
}

/// <summary>
/// A regulator's record that an incident in Vigil is an accident of this enterprise (DP-TIER "发生过较大以上事故"). The
/// accident level is read from the incident itself whenever the tier is derived, so a follow-up that regrades it counts.
/// </summary>
public sealed class EnterpriseIncidentLinkRecord : IAppendOnly
{
    public long Id { get; init; }

    public Guid EnterpriseId { get; init; }

    public Guid IncidentId { get; init; }

    public string Reason { get; init; } = "";

    public DateTimeOffset LinkedAt { get; init; }

    public string LinkedBy { get; init; } = "";
}

/// <summary>风险点 with its place and datum.</summary>
public sealed class RiskPointRecord : IAppendOnly
{
    public Guid Id { get; init; }

    public Guid EnterpriseId { get; init; }

    public string Name { get; init; } = "";

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    public string? Datum { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public string CreatedBy { get; init; } = "";
}

/// <summary>One entry of a risk point's history: an assessment, or a regulator's override of one (DP-RISK).</summary>
public sealed class RiskEntryRecord : IAppendOnly
{
    public long Id { get; init; }

    public Guid RiskPointId { get; init; }

    /// <summary>Position in the history from 0; unique per risk point, so two writers cannot both append at one place.</summary>
    public int Sequence { get; init; }

    /// <summary>"assessed" or "overridden".</summary>
    public string Kind { get; init; } = "";

    public string? Method { get; init; }

    public string? Variant { get; init; }

    /// <summary>The factors as a JSON object, e.g. {"L":3,"E":6,"C":7}.</summary>
    public string? Factors { get; init; }

    public decimal? Score { get; init; }

    /// <summary>red, orange, yellow or blue.</summary>
    public string Colour { get; init; } = "";

    /// <summary>The override's reason.</summary>
    public string? Reason { get; init; }

    /// <summary>The index of the overridden assessment.</summary>
    public int? OverridesEntry { get; init; }

    public string ActorId { get; init; } = "";

    public string ActorName { get; init; } = "";

    public string ActorRole { get; init; } = "";

    public DateTimeOffset At { get; init; }
}

/// <summary>一次计划检查 — one planned inspection of an enterprise, due by the end of its period (DP-TIER).</summary>
public sealed class InspectionRecord : IAppendOnly
{
    public Guid Id { get; init; }

    public Guid EnterpriseId { get; init; }

    public string DistrictCode { get; init; } = "";

    /// <summary>red, yellow or blue: the tier the plan was made for.</summary>
    public string Tier { get; init; } = "";

    public DateOnly WindowStart { get; init; }

    public DateOnly Due { get; init; }

    public DateTimeOffset PlannedAt { get; init; }

    public string PlannedBy { get; init; } = "";
}

/// <summary>An inspection given to an inspector; a later assignment of the same inspection supersedes an earlier one.</summary>
public sealed class InspectionAssignmentRecord : IAppendOnly
{
    public long Id { get; init; }

    public Guid InspectionId { get; init; }

    public string InspectorUserId { get; init; } = "";

    public string InspectorName { get; init; } = "";

    public DateTimeOffset AssignedAt { get; init; }

    public string AssignedBy { get; init; } = "";
}

/// <summary>检查记录 — the inspection as carried out, once per planned inspection, with its findings as JSON.</summary>
public sealed class InspectionResultRecord : IAppendOnly
{
    public long Id { get; init; }

    public Guid InspectionId { get; init; }

    public string InspectorUserId { get; init; } = "";

    public string InspectorName { get; init; } = "";

    public DateTimeOffset At { get; init; }

    /// <summary>[{"description", "isHazard", "evidence": [sha256…], "hazardId"}].</summary>
    public string Findings { get; init; } = "[]";
}

/// <summary>隐患 — the fixed header of a hazard file; everything that happens to it is in its steps.</summary>
public sealed class HazardRecord : IAppendOnly
{
    public Guid Id { get; init; }

    public Guid EnterpriseId { get; init; }

    /// <summary>The enterprise's division code (district or street), copied for jurisdiction filters and map counts.</summary>
    public string DivisionCode { get; init; } = "";

    /// <summary>The district whose bureau supervises the enterprise; escalations go there.</summary>
    public string SupervisingRegulator { get; init; } = "";

    public Guid? RiskPointId { get; init; }

    /// <summary>public, staff or inspection.</summary>
    public string Source { get; init; } = "";

    public Guid? InspectionId { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    public string? Datum { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>One step of a hazard file (DP-HAZ "every step keeps who, when, evidence").</summary>
public sealed class HazardStepRecord : IAppendOnly
{
    public long Id { get; init; }

    public Guid HazardId { get; init; }

    /// <summary>Position in the file from 0; unique per hazard (optimistic concurrency).</summary>
    public int Sequence { get; init; }

    /// <summary>found, registered, assessed, reported, monitored, plan, rectified, rejected, closed.</summary>
    public string Type { get; init; } = "";

    public DateTimeOffset At { get; init; }

    public string ActorId { get; init; } = "";

    public string ActorName { get; init; } = "";

    /// <summary>The core's actor role: Public, Worker, SafetyOfficer, Principal, Inspector or Regulator.</summary>
    public string ActorRole { get; init; } = "";

    /// <summary>Evidence file hashes (SHA-256 hex), space separated.</summary>
    public string Evidence { get; init; } = "";

    public string? Description { get; init; }

    /// <summary>general or major.</summary>
    public string? Grade { get; init; }

    public DateOnly? RectifyBy { get; init; }

    public string? Reason { get; init; }

    public string? ResponsiblePerson { get; init; }

    public string? Measures { get; init; }

    public decimal? Funds { get; init; }

    public DateOnly? PlanDeadline { get; init; }

    public string? ContingencyPlan { get; init; }
}

/// <summary>
/// 证据文件 — metadata of an evidence file kept under the data directory as <c>evidence/ab/abcdef…</c>, named by the
/// SHA-256 of its content. One row per distinct content; the file is written once and never overwritten.
/// </summary>
public sealed class EvidenceFileRecord : IAppendOnly
{
    /// <summary>64 lower-case hex digits.</summary>
    public string Sha256 { get; init; } = "";

    public long Size { get; init; }

    public string ContentType { get; init; } = "";

    /// <summary>The name the first uploader gave it (shown, never used as a path).</summary>
    public string FileName { get; init; } = "";

    public DateTimeOffset StoredAt { get; init; }

    public string StoredBy { get; init; } = "";
}

/// <summary>隐患排查治理自查报告 — a quarterly report as filed and signed by the principal (004 第六条).</summary>
public sealed class QuarterlyReportRecord : IAppendOnly
{
    public long Id { get; init; }

    public Guid EnterpriseId { get; init; }

    public int Year { get; init; }

    public int Quarter { get; init; }

    public string SignedByUserId { get; init; } = "";

    public string SignedByName { get; init; } = "";

    public DateTimeOffset FiledAt { get; init; }

    public string DocumentSha256 { get; init; } = "";
}

/// <summary>
/// 内部排查 — an inspection the unit did itself (004 第四条): led by the principal (monthly), a workshop's (weekly) or a
/// team's (daily), for one named unit of the enterprise, with what it found.
/// </summary>
public sealed class UnitInspectionRecord : IAppendOnly
{
    public long Id { get; init; }

    public Guid EnterpriseId { get; init; }

    /// <summary>principal, workshop or team.</summary>
    public string Level { get; init; } = "";

    /// <summary>The workshop or team inspected ("一车间", "甲班"); the whole enterprise for a principal-led inspection.</summary>
    public string Unit { get; init; } = "";

    public DateOnly DoneOn { get; init; }

    /// <summary>Who led it, as the unit names them.</summary>
    public string LedBy { get; init; } = "";

    public string Findings { get; init; } = "";

    public string RecordedByUserId { get; init; } = "";

    public string RecordedByName { get; init; } = "";

    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>
/// A member of the public's report of an operator they could not identify by credit code (001 四(四)): by name and
/// address, in a district; the bureau of that district decides (<see cref="PublicReportDecisionRecord"/>).
/// </summary>
public sealed class PublicReportRecord : IAppendOnly
{
    public Guid Id { get; init; }

    /// <summary>The district (6 digits) the reporter chose; its bureau decides.</summary>
    public string DistrictCode { get; init; } = "";

    public string ReportedName { get; init; } = "";

    public string ReportedAddress { get; init; } = "";

    public string Description { get; init; } = "";

    /// <summary>The anonymous reporter's id (<c>public:…</c>), carried into the hazard file on a match.</summary>
    public string ReporterId { get; init; } = "";

    /// <summary>SHA-256 of the photos, space-separated.</summary>
    public string Photos { get; init; } = "";

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    public string? Datum { get; init; }

    public DateTimeOffset ReportedAt { get; init; }
}

/// <summary>The bureau's one decision on a public report: matched to an enterprise (and the hazard file opened) or unregistered.</summary>
public sealed class PublicReportDecisionRecord : IAppendOnly
{
    public long Id { get; init; }

    /// <summary>Unique: a decision stands.</summary>
    public Guid ReportId { get; init; }

    /// <summary>matched or unregistered.</summary>
    public string Outcome { get; init; } = "";

    public Guid? EnterpriseId { get; init; }

    /// <summary>The hazard file opened from the report on a match.</summary>
    public Guid? HazardId { get; init; }

    public string Reason { get; init; } = "";

    public string DecidedByUserId { get; init; } = "";

    public string DecidedByName { get; init; } = "";

    public string DecidedByRole { get; init; } = "";

    public DateTimeOffset DecidedAt { get; init; }
}
