using Vigil.Prevention;

namespace Vigil.Data.Prevention;

/// <summary>Maps the core's hazard steps to their rows and back; the rows keep every field a step carries.</summary>
public static class HazardStepCodec
{
    public static HazardStepRecord ToRecord(Guid hazardId, int sequence, HazardStep step, string actorName)
    {
        var record = new HazardStepRecord
        {
            HazardId = hazardId,
            Sequence = sequence,
            Type = TypeOf(step),
            At = step.At,
            ActorId = step.By.Id,
            ActorName = actorName,
            ActorRole = step.By.Role.ToString(),
            Evidence = string.Join(' ', step.Evidence.Select(e => e.Hex)),
        };
        return step switch
        {
            HazardFound found => With(record, description: found.Description),
            HazardAssessed assessed => With(record, grade: assessed.Grade == HazardGrade.Major ? "major" : "general", rectifyBy: assessed.RectifyBy),
            HazardRectificationRejected rejected => With(record, reason: rejected.Reason),
            RectificationPlanRecorded plan => With(record, plan: plan.Plan),
            _ => record,
        };
    }

    public static HazardStep ToStep(HazardStepRecord r)
    {
        var by = new Actor(r.ActorId, Enum.Parse<ActorRole>(r.ActorRole));
        IReadOnlyList<EvidenceHash> evidence = [.. r.Evidence.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(h => EvidenceHash.Parse("evidence", h).Value)];
        return r.Type switch
        {
            "found" => new HazardFound(r.Description ?? "", by, r.At, evidence),
            "registered" => new HazardRegistered(by, r.At, evidence),
            "assessed" => new HazardAssessed(r.Grade == "major" ? HazardGrade.Major : HazardGrade.General, r.RectifyBy, by, r.At, evidence),
            "reported" => new HazardReported(by, r.At, evidence),
            "monitored" => new HazardMonitored(by, r.At, evidence),
            "plan" => new RectificationPlanRecorded(new FiveImplementations(r.ResponsiblePerson, r.Measures, r.Funds, r.PlanDeadline, r.ContingencyPlan), by, r.At, evidence),
            "rectified" => new HazardRectified(by, r.At, evidence),
            "rejected" => new HazardRectificationRejected(r.Reason ?? "", by, r.At, evidence),
            "closed" => new HazardClosedOut(by, r.At, evidence),
            _ => throw new InvalidDataException($"Unknown hazard step type '{r.Type}'."),
        };
    }

    public static string TypeOf(HazardStep step) => step switch
    {
        HazardFound => "found",
        HazardRegistered => "registered",
        HazardAssessed => "assessed",
        HazardReported => "reported",
        HazardMonitored => "monitored",
        RectificationPlanRecorded => "plan",
        HazardRectified => "rectified",
        HazardRectificationRejected => "rejected",
        HazardClosedOut => "closed",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step.GetType().Name, "Unknown hazard step."),
    };

    private static HazardStepRecord With(
        HazardStepRecord r, string? description = null, string? grade = null, DateOnly? rectifyBy = null, string? reason = null, FiveImplementations? plan = null) => new()
    {
        HazardId = r.HazardId,
        Sequence = r.Sequence,
        Type = r.Type,
        At = r.At,
        ActorId = r.ActorId,
        ActorName = r.ActorName,
        ActorRole = r.ActorRole,
        Evidence = r.Evidence,
        Description = description,
        Grade = grade,
        RectifyBy = rectifyBy,
        Reason = reason,
        ResponsiblePerson = plan?.ResponsiblePerson,
        Measures = plan?.Measures,
        Funds = plan?.Funds,
        PlanDeadline = plan?.Deadline,
        ContingencyPlan = plan?.ContingencyPlan,
    };
}
