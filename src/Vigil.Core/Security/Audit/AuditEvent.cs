namespace Vigil.Security.Audit;

/// <summary>
/// 审计记录的内容 — who did what to which record, where (SEC non-repudiation). Every field is hashed;
/// an absent value is the empty string, never null, so "absent" and "empty" cannot be told apart by a forger either.
/// </summary>
/// <param name="ActorId">Stable id of the user or station that acted.</param>
/// <param name="ActorName">Display name at the time, kept because accounts are renamed.</param>
/// <param name="Role">The role the actor acted in (a user may hold several).</param>
/// <param name="Action">What was done, e.g. "incident.report" or "data.export".</param>
/// <param name="TargetType">Kind of record acted on, e.g. "Incident".</param>
/// <param name="TargetId">Id of that record.</param>
/// <param name="DivisionCode">GB/T 2260 code of the division the action happened in.</param>
/// <param name="DetailsJson">Details as JSON text, hashed byte for byte as stored (never re-serialised).</param>
public sealed record AuditEvent(
    string ActorId,
    string ActorName,
    string Role,
    string Action,
    string TargetType,
    string TargetId,
    string DivisionCode,
    string DetailsJson);
