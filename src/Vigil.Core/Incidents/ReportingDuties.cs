using Vigil.Plans;

namespace Vigil.Incidents;

/// <summary>Where a reporting duty stands.</summary>
public enum DutyStatus
{
    /// <summary>Due, not yet sent, time left.</summary>
    Pending,

    /// <summary>Sent in time.</summary>
    Met,

    /// <summary>Sent after the deadline (迟报, SE-RPT 7.4).</summary>
    MetLate,

    /// <summary>Not sent and the deadline has passed (迟报 / 漏报).</summary>
    Overdue,

    /// <summary>A report the sender may make but does not owe (GEO-RPT 3.3.1 「可直接速报」), not sent.</summary>
    Optional,
}

/// <summary>A reporting duty an incident has triggered, with its deadline in UTC and in the plan's time zone.</summary>
public sealed record ReportingDuty(
    ReportingRule Rule,
    DateTimeOffset AnchorAt,
    DateTimeOffset DueAt,
    DateTimeOffset DueLocal,
    DutyStatus Status,
    DateTimeOffset? SentAt)
{
    public bool IsLate => Status is DutyStatus.MetLate or DutyStatus.Overdue;
}

/// <summary>
/// The reporting chain of an incident (SE-RPT, GEO-RPT), computed from its record and the clock. A duty is
/// triggered the first time the event reaches one of its levels (a precautionary duty also while unknown inputs could
/// still make it reach one) and stays triggered if the level later drops: a report owed is still owed. A duty another
/// one supersedes is dropped when that one was triggered no later. Deadlines are computed on the plan's local clock
/// (DESIGN principle 3).
/// </summary>
public static class ReportingDuties
{
    public static IReadOnlyList<ReportingDuty> For(IncidentState state, PlanDefinition plan, DateTimeOffset now)
    {
        if (state.Reports.Count == 0)
        {
            return [];
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(plan.TimeZone);
        var triggered = plan.Reporting
            .Select(rule => (Rule: rule, At: TriggeredAt(state, plan, rule)))
            .Where(t => t.At is not null)
            .ToDictionary(t => t.Rule.Id, t => t.At!.Value, StringComparer.Ordinal);
        var duties = new List<ReportingDuty>();
        foreach (var rule in plan.Reporting)
        {
            if (!triggered.TryGetValue(rule.Id, out var triggeredAt)
                || rule.SupersededBy is { } other && triggered.TryGetValue(other, out var otherAt) && otherAt <= triggeredAt)
            {
                continue;
            }

            var anchor = rule.Anchor switch
            {
                // An unknown time of occurrence cannot start the clock earlier than the first report.
                DeadlineAnchor.Occurred => state.OccurredAt ?? state.FirstReceivedAt,
                DeadlineAnchor.Received => state.FirstReceivedAt,
                _ => triggeredAt,
            };
            var dueLocal = TimeZoneInfo.ConvertTime(anchor, zone).Add(rule.WithinSpan);
            var due = dueLocal.ToUniversalTime();
            dueLocal = TimeZoneInfo.ConvertTime(due, zone);
            var sent = state.Submissions.GetValueOrDefault(rule.Id)?.SentAt;
            var status = sent switch
            {
                { } s when s <= due => DutyStatus.Met,
                not null => DutyStatus.MetLate,
                null when rule.Optional => DutyStatus.Optional,
                null when now > due => DutyStatus.Overdue,
                _ => DutyStatus.Pending,
            };
            duties.Add(new ReportingDuty(rule, anchor, due, dueLocal, status, sent));
        }

        return duties;
    }

    private static DateTimeOffset? TriggeredAt(IncidentState state, PlanDefinition plan, ReportingRule rule)
    {
        if (rule.Levels.Count == 0)
        {
            return state.FirstReceivedAt;
        }

        return state.Grades
            .FirstOrDefault(g => rule.AppliesTo(g.EventLevel, g.Gradings.FirstOrDefault(x => x.GradingId == plan.EventGrading)?.MaxPossibleLevel ?? g.EventLevel))
            ?.At;
    }
}
