using System.Text.Json.Serialization;
using Vigil.Plans;

namespace Vigil.Incidents;

/// <summary>
/// One recorded change of an incident (DESIGN principle 2): events are appended, never changed; the current state
/// is derived by folding them (<see cref="IncidentState"/>). Each carries who, when and why.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(IncidentOpened), "opened")]
[JsonDerivedType(typeof(ReportRecorded), "report")]
[JsonDerivedType(typeof(IncidentGraded), "graded")]
[JsonDerivedType(typeof(JudgementRecorded), "judgement")]
[JsonDerivedType(typeof(WarningAssessed), "warningAssessed")]
[JsonDerivedType(typeof(ResponseProposed), "responseProposed")]
[JsonDerivedType(typeof(ProposalApproved), "proposalApproved")]
[JsonDerivedType(typeof(ProposalRejected), "proposalRejected")]
[JsonDerivedType(typeof(ResponseStarted), "responseStarted")]
[JsonDerivedType(typeof(ResponseActionDone), "actionDone")]
[JsonDerivedType(typeof(LeadingPlanRecorded), "leadingPlan")]
[JsonDerivedType(typeof(ReportConsented), "consented")]
[JsonDerivedType(typeof(ReportSubmitted), "submitted")]
[JsonDerivedType(typeof(IncidentEnded), "ended")]
[JsonDerivedType(typeof(AftermathTaskDone), "aftermathDone")]
public abstract record IncidentEvent
{
    public DateTimeOffset At { get; init; }

    public Actor By { get; init; } = Actor.Plan;

    public string? Reason { get; init; }
}

/// <summary>The incident exists, under a plan and version, in an administrative division.</summary>
public sealed record IncidentOpened(string PlanId, string PlanVersion, string DivisionCode, string Title) : IncidentEvent;

/// <summary>Whether a report is the first (初报) or a follow-up (续报, SE-RPT 4.1.4).</summary>
public enum ReportKind
{
    Initial,
    FollowUp,
}

/// <summary>A report as received: its contents (text or "正在核实中") and the facts it states.</summary>
public sealed record ReportRecorded(
    int Number,
    ReportKind Kind,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? OccurredAt,
    IReadOnlyDictionary<string, string> Contents,
    IReadOnlyDictionary<string, FactValue> Facts) : IncidentEvent;

/// <summary>The grading after a report or judgement, kept with the plan version that made it and its explanation.</summary>
public sealed record IncidentGraded(string PlanVersion, string EventLevel, string? PreviousEventLevel, IReadOnlyList<GradingResult> Gradings) : IncidentEvent;

/// <summary>A human judgement that feeds the grading, e.g. social impact (SE-EMG), with who judged and why.</summary>
public sealed record JudgementRecorded(string Input, FactValue Value) : IncidentEvent;

/// <summary>The warning level after an explicit assessment (研判, SE-WARN); "none" is a valid outcome.</summary>
public sealed record WarningAssessed(string Level) : IncidentEvent;

/// <summary>A response level proposed; an adjustment when a response is already running (SE-RESP 4.2.4).</summary>
public sealed record ResponseProposed(Guid ProposalId, string Level, bool IsAdjustment) : IncidentEvent;

/// <summary>One step of the approval chain agreed.</summary>
public sealed record ProposalApproved(Guid ProposalId, int Step, string Role) : IncidentEvent;

/// <summary>The proposal refused at a step; it ends there.</summary>
public sealed record ProposalRejected(Guid ProposalId, int Step, string Role) : IncidentEvent;

/// <summary>A response level is now running: after its chain, or automatically by the plan.</summary>
public sealed record ResponseStarted(string Level, Guid? ProposalId, string? PreviousLevel) : IncidentEvent;

/// <summary>An item of the running response's action checklist was done.</summary>
public sealed record ResponseActionDone(string ResponseLevel, string ActionId) : IncidentEvent;

/// <summary>The city government's own plan leads; the bureau joins it (SE-RESP 4.2.2).</summary>
public sealed record LeadingPlanRecorded(string LeadingPlan) : IncidentEvent;

/// <summary>The role a reporting duty names agreed that the report may go (SE-RPT 4.1.1(2): the group leader).</summary>
public sealed record ReportConsented(string ObligationId) : IncidentEvent;

/// <summary>A report required by a reporting duty was sent.</summary>
public sealed record ReportSubmitted(string ObligationId, DateTimeOffset SentAt) : IncidentEvent;

/// <summary>The emergency is over (SE-RESP 4.4, GEO-RESP end): back to normal management, aftermath begins.</summary>
public sealed record IncidentEnded(string? ResponseLevel) : IncidentEvent;

/// <summary>An aftermath task (SE-POST) was completed.</summary>
public sealed record AftermathTaskDone(string TaskId) : IncidentEvent;
