using Vigil.Common;
using Vigil.Plans;

namespace Vigil.Incidents;

/// <summary>
/// Decides what a command changes (pure): given the state, the plan and the time, it returns the events to append
/// or the problems that refuse the command. A refused command changes nothing. Role checks follow the plan's
/// chains (SE-RESP, GEO-RESP); the caller supplies the actor, signed in or named.
/// </summary>
public static class IncidentDecider
{
    private static TextCatalog Text => ReportInput.Text;

    /// <summary>Opens an incident from its initial report (SE-RPT 4.1.2) and grades it at once.</summary>
    public static Outcome<IReadOnlyList<IncidentEvent>> Open(
        PlanDefinition plan, string divisionCode, string title, ReportInput report, Actor by, DateTimeOffset now)
    {
        if (ReceivedAtProblem(report, now, "report.receivedAt") is { } late)
        {
            return Fail(ProblemKind.Invalid, late);
        }

        var state = new IncidentState();
        var events = new List<IncidentEvent>();
        Append(state, events, new IncidentOpened(plan.Id, plan.Version, divisionCode, title) { At = now, By = by });
        Append(state, events, Recorded(report, 1, ReportKind.Initial, by, now));
        if (MissingFacts(state, plan, "report.facts.") is { } missing)
        {
            return missing;
        }

        Regrade(state, plan, events, report.ReceivedAt ?? now);
        return events;
    }

    /// <summary>
    /// Appends a follow-up (续报, SE-RPT 4.1.4); every follow-up regrades. After the end, a follow-up within the plan's
    /// late window (casualty changes within 30 days, 生产安全事故报告和调查处理条例 第十三条) still regrades the
    /// event and its duties, without reopening the response.
    /// </summary>
    public static Outcome<IReadOnlyList<IncidentEvent>> FollowUp(
        IncidentState state, PlanDefinition plan, ReportInput report, Actor by, DateTimeOffset now)
    {
        if (Ended(state) is { } ended && !WithinLateWindow(state, plan, report.ReceivedAt ?? now))
        {
            return ended;
        }

        if (ReceivedAtProblem(report, now, "receivedAt") is { } late)
        {
            return Fail(ProblemKind.Invalid, late);
        }

        var working = IncidentState.Replay(state.Events);
        var events = new List<IncidentEvent>();
        Append(working, events, Recorded(report, state.Reports.Count + 1, ReportKind.FollowUp, by, now));
        if (MissingFacts(working, plan, "facts.") is { } missing)
        {
            return missing;
        }

        Regrade(working, plan, events, report.ReceivedAt ?? now);
        return events;
    }

    private static bool WithinLateWindow(IncidentState state, PlanDefinition plan, DateTimeOffset receivedAt) =>
        plan.LateFollowUpSpan is { } window && receivedAt <= (state.OccurredAt ?? state.FirstReceivedAt) + window;

    /// <summary>GEO-RPT 3.3.2: facts a report must state once a condition holds (a value or "正在核实中", never absent).</summary>
    private static Outcome<IReadOnlyList<IncidentEvent>>? MissingFacts(IncidentState state, PlanDefinition plan, string prefix)
    {
        var problems = plan.RequiredFacts
            .Where(r => Grader.Holds(plan, r.When, state.Facts))
            .SelectMany(r => r.Inputs.Where(i => !state.Facts.Values.ContainsKey(i))
                .Select(i => ReportInput.Problem(prefix + i, "report.factRequired", plan.FindInput(i)!.Label, r.Article)))
            .ToList();
        return problems.Count > 0 ? Fail(ProblemKind.Invalid, problems) : null;
    }

    /// <summary>Records a human judgement that is an input of the grading (SE-EMG social impact) and regrades.</summary>
    public static Outcome<IReadOnlyList<IncidentEvent>> Judge(
        IncidentState state, PlanDefinition plan, string input, FactValue value, string? reason, Actor by, DateTimeOffset now)
    {
        if ((Ended(state) ?? RoleIn(plan, plan.JudgedBy, by) ?? ReasonRequired(reason)) is { } refused)
        {
            return refused;
        }

        if (plan.FindInput(input) is not { Judgement: true })
        {
            return Fail(ProblemKind.Invalid, ReportInput.Problem("input", "judge.notJudgement", input));
        }

        var working = IncidentState.Replay(state.Events);
        var events = new List<IncidentEvent>();
        Append(working, events, new JudgementRecorded(input, value) { At = now, By = by, Reason = reason });
        Regrade(working, plan, events, now);
        return events;
    }

    /// <summary>Records a warning assessment (研判, SE-WARN 3.2.2); without one an accident carries no warning level.</summary>
    public static Outcome<IReadOnlyList<IncidentEvent>> AssessWarning(
        IncidentState state, PlanDefinition plan, string level, string? reason, Actor by, DateTimeOffset now)
    {
        if (plan.Warning is null)
        {
            return Fail(ProblemKind.Conflict, ReportInput.Problem("level", "warning.noPolicy", plan.Id));
        }

        if ((Ended(state) ?? RoleIn(plan, plan.JudgedBy, by) ?? ReasonRequired(reason)) is { } refused)
        {
            return refused;
        }

        if (level != GradingResult.None && plan.Warning.Levels.TrueForAll(l => l.Id != level))
        {
            return Fail(ProblemKind.Invalid, ReportInput.Problem("level", "warning.level",
                string.Join(", ", plan.Warning.Levels.Select(l => l.Id).Prepend(GradingResult.None))));
        }

        return new IncidentEvent[] { new WarningAssessed(level) { At = now, By = by, Reason = reason } };
    }

    /// <summary>
    /// Proposes a response. Without a running response it must be the plan's response for the current level;
    /// with one it is an adjustment (SE-RESP 4.2.4: raised when the event spreads, lowered when the harm abates) to
    /// any other level, needs a reason and goes through the target level's adjustment chain — so a response the plan
    /// starts by itself (the Ⅰ response, every Wuda response) can still be raised or lowered by a recorded decision.
    /// </summary>
    public static Outcome<IReadOnlyList<IncidentEvent>> Propose(
        IncidentState state, PlanDefinition plan, string level, string? reason, Actor by, DateTimeOffset now)
    {
        if (Ended(state) is { } ended)
        {
            return ended;
        }

        var response = plan.Responses.Find(r => r.Level == level);
        if (response is null)
        {
            return Fail(ProblemKind.Invalid, ReportInput.Problem("level", "response.unknown", level, string.Join(", ", plan.Responses.Select(r => r.Level))));
        }

        var adjustment = state.ActiveResponse is not null;
        if (response.ChainFor(adjustment).Count == 0)
        {
            return Fail(ProblemKind.Conflict, ReportInput.Problem("level", "response.automatic", level));
        }

        if (RoleIn(plan, response.ProposersFor(adjustment), by) is { } forbidden)
        {
            return forbidden;
        }

        if (state.ActiveResponse == level)
        {
            return Fail(ProblemKind.Conflict, ReportInput.Problem("level", "response.alreadyRunning", level));
        }

        if (!adjustment && !response.Triggers.Contains(state.EventLevel, StringComparer.Ordinal))
        {
            var fitting = ResponseOptions(state, plan).Select(r => r.Level);
            return Fail(ProblemKind.Conflict, ReportInput.Problem("level", "response.notForLevel", level, state.EventLevel, string.Join(", ", fitting)));
        }

        if (adjustment && ReasonRequired(reason) is { } noReason)
        {
            return noReason;
        }

        if (state.Proposals.Any(p => p.Status == ProposalStatus.Pending && p.Level == level))
        {
            return Fail(ProblemKind.Conflict, ReportInput.Problem("level", "response.pending", level));
        }

        return new IncidentEvent[] { new ResponseProposed(Guid.CreateVersion7(now), level, adjustment) { At = now, By = by, Reason = reason } };
    }

    /// <summary>
    /// The responses to offer now (the options <see cref="Propose"/> weighs): without a running response, those the plan
    /// attaches to the event level (one the plan starts by itself is listed, not proposed); with one, every other level
    /// a recorded decision can move it to (SE-RESP 4.2.4: a non-empty adjustment chain).
    /// </summary>
    public static IEnumerable<ResponseLevel> ResponseOptions(IncidentState state, PlanDefinition plan) =>
        state.ActiveResponse is { } running
            ? plan.Responses.Where(r => r.Level != running && r.ChainFor(adjustment: true).Count > 0)
            : plan.Responses.Where(r => r.Triggers.Contains(state.EventLevel, StringComparer.Ordinal));

    /// <summary>The next step of the chain agrees; the last step starts (or adjusts to) the response.</summary>
    public static Outcome<IReadOnlyList<IncidentEvent>> Approve(
        IncidentState state, PlanDefinition plan, Guid proposalId, string? reason, Actor by, DateTimeOffset now)
    {
        var next = NextStep(state, plan, proposalId, by);
        if (!next.IsSuccess)
        {
            return Fail(next.Kind, next.Problems);
        }

        var (proposal, response, step) = next.Value;
        var events = new List<IncidentEvent> { new ProposalApproved(proposalId, step, by.Role) { At = now, By = by, Reason = reason } };
        if (step == response.ChainFor(proposal.IsAdjustment).Count - 1)
        {
            events.Add(new ResponseStarted(proposal.Level, proposalId, state.ActiveResponse) { At = now, By = by, Reason = reason ?? proposal.Reason });
        }

        return events;
    }

    /// <summary>The next step of the chain refuses; the proposal ends there.</summary>
    public static Outcome<IReadOnlyList<IncidentEvent>> Reject(
        IncidentState state, PlanDefinition plan, Guid proposalId, string? reason, Actor by, DateTimeOffset now)
    {
        var next = NextStep(state, plan, proposalId, by);
        if (!next.IsSuccess)
        {
            return Fail(next.Kind, next.Problems);
        }

        return ReasonRequired(reason) ?? new IncidentEvent[] { new ProposalRejected(proposalId, next.Value.Step, by.Role) { At = now, By = by, Reason = reason } };
    }

    /// <summary>Ticks an item of the running response's action checklist.</summary>
    public static Outcome<IReadOnlyList<IncidentEvent>> CompleteAction(
        IncidentState state, PlanDefinition plan, string actionId, string? note, Actor by, DateTimeOffset now)
    {
        if (Ended(state) is { } ended)
        {
            return ended;
        }

        // Without a running response, only the plan's end conditions can be recorded (GEO-RESP 5).
        var level = state.ActiveResponse ?? GradingResult.None;
        var actions = state.ActiveResponse is null ? plan.CloseRequires : plan.Responses.First(r => r.Level == level).Actions;
        if (actions.Count == 0)
        {
            return Fail(ProblemKind.Conflict, ReportInput.Problem("actionId", "action.noResponse"));
        }

        if (actions.TrueForAll(a => a.Id != actionId))
        {
            return Fail(ProblemKind.NotFound, ReportInput.Problem("actionId", "action.unknown", actionId, string.Join(", ", actions.Select(a => a.Id))));
        }

        if (state.IsActionDone(level, actionId))
        {
            return Fail(ProblemKind.Conflict, ReportInput.Problem("actionId", "action.done", actionId));
        }

        return new IncidentEvent[] { new ResponseActionDone(level, actionId) { At = now, By = by, Reason = note } };
    }

    /// <summary>Records that another plan (the city government's) leads and the bureau joins it (SE-RESP 4.2.2).</summary>
    public static Outcome<IReadOnlyList<IncidentEvent>> RecordLeadingPlan(
        IncidentState state, PlanDefinition plan, string leadingPlan, string? reason, Actor by, DateTimeOffset now)
    {
        if ((Ended(state) ?? RoleIn(plan, plan.JudgedBy.Count > 0 ? plan.JudgedBy : plan.CloseBy, by)) is { } refused)
        {
            return refused;
        }

        return string.IsNullOrWhiteSpace(leadingPlan)
            ? Fail(ProblemKind.Invalid, ReportInput.Problem("leadingPlan", "field.required"))
            : new IncidentEvent[] { new LeadingPlanRecorded(leadingPlan.Trim()) { At = now, By = by, Reason = reason } };
    }

    /// <summary>
    /// Records the consent a reporting duty needs before its report goes (SE-RPT 4.1.1(2): Ⅲ级及以上 information goes
    /// to SAMR 「经领导小组组长同意后」); only the role the duty names may give it.
    /// </summary>
    public static Outcome<IReadOnlyList<IncidentEvent>> Consent(
        IncidentState state, PlanDefinition plan, string obligationId, string? reason, Actor by, DateTimeOffset now)
    {
        var duty = ReportingDuties.For(state, plan, now).FirstOrDefault(d => d.Rule.Id == obligationId);
        if (duty is null)
        {
            return Fail(ProblemKind.NotFound, ReportInput.Problem("obligationId", "duty.unknown", obligationId));
        }

        if (duty.Rule.ApprovedBy is not { } approver)
        {
            return Fail(ProblemKind.Conflict, ReportInput.Problem("obligationId", "duty.noConsent", obligationId));
        }

        if (RoleIn(plan, [approver], by) is { } forbidden)
        {
            return forbidden;
        }

        return state.Consents.ContainsKey(obligationId) || duty.SentAt is not null
            ? Fail(ProblemKind.Conflict, ReportInput.Problem("obligationId", "duty.consented", obligationId))
            : new IncidentEvent[] { new ReportConsented(obligationId) { At = now, By = by, Reason = reason } };
    }

    /// <summary>
    /// Records that a report owed under a reporting duty was sent, and when: by the roles the duty names as sender
    /// (SE-RPT 4.1.1(2): the city office duty room), and only after the consent it needs.
    /// </summary>
    public static Outcome<IReadOnlyList<IncidentEvent>> Submit(
        IncidentState state, PlanDefinition plan, string obligationId, DateTimeOffset? sentAt, string? note, Actor by, DateTimeOffset now)
    {
        var duty = ReportingDuties.For(state, plan, now).FirstOrDefault(d => d.Rule.Id == obligationId);
        if (duty is null)
        {
            return Fail(ProblemKind.NotFound, ReportInput.Problem("obligationId", "duty.unknown", obligationId));
        }

        if (duty.SentAt is not null)
        {
            return Fail(ProblemKind.Conflict, ReportInput.Problem("obligationId", "duty.sent", obligationId));
        }

        if (duty.Rule.SentBy.Count > 0 && RoleIn(plan, duty.Rule.SentBy, by) is { } forbidden)
        {
            return forbidden;
        }

        if (duty.Rule.ApprovedBy is { } approver && !state.Consents.ContainsKey(obligationId))
        {
            return Fail(ProblemKind.Conflict, ReportInput.Problem("obligationId", "duty.consentMissing", RoleName(plan, approver)));
        }

        var sent = sentAt ?? now;
        if (sent > now)
        {
            return Fail(ProblemKind.Invalid, ReportInput.Problem("sentAt", "time.future"));
        }

        if (sent < state.FirstReceivedAt && duty.Rule.Anchor != DeadlineAnchor.Occurred)
        {
            return Fail(ProblemKind.Invalid, ReportInput.Problem("sentAt", "duty.beforeReport"));
        }

        return new IncidentEvent[] { new ReportSubmitted(obligationId, sent) { At = now, By = by, Reason = note } };
    }

    /// <summary>
    /// Ends the emergency (SE-RESP 4.4; GEO-RESP: after expert confirmation and revoking the danger zone).
    /// A running response is ended by its own end roles once its required actions are done; an incident with no
    /// response by the plan's close roles.
    /// </summary>
    public static Outcome<IReadOnlyList<IncidentEvent>> End(
        IncidentState state, PlanDefinition plan, string? reason, Actor by, DateTimeOffset now)
    {
        if ((Ended(state) ?? ReasonRequired(reason)) is { } refused)
        {
            return refused;
        }

        var response = state.ActiveResponse is { } running ? plan.Responses.First(r => r.Level == running) : null;
        if (RoleIn(plan, response?.EndBy ?? plan.CloseBy, by) is { } forbidden)
        {
            return forbidden;
        }

        // The running response's required actions; with none running, the plan's end conditions once the level was
        // ever graded or still open (GEO-RESP 5), recorded against no response.
        List<string> required = response?.EndRequires ?? (state.EverGradedOrOpen ? [.. plan.CloseRequires.Select(a => a.Id)] : []);
        var missing = required.Where(a => !state.IsActionDone(state.ActiveResponse ?? GradingResult.None, a)).ToList();
        if (missing.Count > 0)
        {
            return Fail(ProblemKind.Conflict, ReportInput.Problem("actions", "end.actionsMissing", string.Join(", ", missing)));
        }

        return new IncidentEvent[] { new IncidentEnded(state.ActiveResponse) { At = now, By = by, Reason = reason } };
    }

    /// <summary>Completes an aftermath task (SE-POST) of an ended incident.</summary>
    public static Outcome<IReadOnlyList<IncidentEvent>> CompleteAftermath(
        IncidentState state, PlanDefinition plan, string taskId, string? note, Actor by, DateTimeOffset now)
    {
        if (!state.Ended)
        {
            return Fail(ProblemKind.Conflict, ReportInput.Problem("taskId", "aftermath.notEnded"));
        }

        if (plan.Aftermath.TrueForAll(t => t.Id != taskId))
        {
            return Fail(ProblemKind.NotFound, ReportInput.Problem("taskId", "aftermath.unknown", taskId));
        }

        return state.AftermathDone.Contains(taskId)
            ? Fail(ProblemKind.Conflict, ReportInput.Problem("taskId", "aftermath.done", taskId))
            : ReasonRequired(note) ?? new IncidentEvent[] { new AftermathTaskDone(taskId) { At = now, By = by, Reason = note } };
    }

    private static Outcome<(Proposal Proposal, ResponseLevel Response, int Step)> NextStep(
        IncidentState state, PlanDefinition plan, Guid proposalId, Actor by)
    {
        if (Ended(state) is { } ended)
        {
            return Outcome<(Proposal, ResponseLevel, int)>.Failure(ended.Kind, ended.Problems);
        }

        if (state.FindProposal(proposalId) is not { } proposal)
        {
            return Outcome<(Proposal, ResponseLevel, int)>.Failure(ProblemKind.NotFound, ReportInput.Problem("proposalId", "proposal.unknown", proposalId));
        }

        if (proposal.Status != ProposalStatus.Pending)
        {
            return Outcome<(Proposal, ResponseLevel, int)>.Failure(ProblemKind.Conflict, ReportInput.Problem("proposalId", "proposal.closed", proposal.Status));
        }

        var response = plan.Responses.First(r => r.Level == proposal.Level);
        var step = response.ChainFor(proposal.IsAdjustment)[proposal.StepsApproved];
        if (by.Role != step.Role)
        {
            return Outcome<(Proposal, ResponseLevel, int)>.Failure(ProblemKind.Forbidden,
                ReportInput.Problem("role", "proposal.wrongRole", RoleName(plan, step.Role), RoleName(plan, by.Role)));
        }

        return (proposal, response, proposal.StepsApproved);
    }

    private static ReportRecorded Recorded(ReportInput report, int number, ReportKind kind, Actor by, DateTimeOffset now) =>
        new(number, kind, report.ReceivedAt ?? now, report.OccurredAt, report.Contents, report.Facts.Values) { At = now, By = by };

    /// <summary>
    /// Grades the facts as they now stand and, when the event reaches a level whose response the plan starts by
    /// itself (SE-RESP 4.2.3.1: Ⅰ response for Ⅰ/Ⅱ events; GEO-RESP: every level), starts it — unless a person has
    /// decided the response level and the event is no worse than it was then (SE-RESP 4.2.4: a lowering stands), or
    /// the emergency has ended (a late follow-up regrades without reopening).
    /// </summary>
    private static void Regrade(IncidentState state, PlanDefinition plan, List<IncidentEvent> events, DateTimeOffset at)
    {
        var grade = Grader.Grade(plan, state.Facts);
        var previous = state.Grade?.EventLevel;
        Append(state, events, new IncidentGraded(plan.Version, grade.Event.Level, previous, grade.Gradings) { At = at, By = Actor.Plan });

        var eventGrading = plan.GetGrading(plan.EventGrading);
        var worseThanDecided = state.DecidedAtLevel is not { } decided || eventGrading.Rank(grade.Event.Level) < eventGrading.Rank(decided);
        var automatic = plan.Responses.Find(r => r.Automatic && r.Triggers.Contains(grade.Event.Level, StringComparer.Ordinal));
        if (automatic is not null && !state.Ended && worseThanDecided && state.ActiveResponse != automatic.Level
            && (state.ActiveResponse is null || plan.Responses.FindIndex(r => r.Level == automatic.Level) < plan.Responses.FindIndex(r => r.Level == state.ActiveResponse)))
        {
            Append(state, events, new ResponseStarted(automatic.Level, null, state.ActiveResponse)
            {
                At = at,
                By = Actor.Plan,
                Reason = Text.Format("response.autoReason", automatic.Article, grade.Event.Level),
            });
        }
    }

    /// <summary>Applies an event to a working copy (never the caller's state) so later decisions in the same command see it.</summary>
    private static void Append(IncidentState state, List<IncidentEvent> events, IncidentEvent e)
    {
        state.Apply(e);
        events.Add(e);
    }

    private static Problem? ReceivedAtProblem(ReportInput report, DateTimeOffset now, string field) =>
        report.ReceivedAt > now ? ReportInput.Problem(field, "time.future") : null;

    private static Outcome<IReadOnlyList<IncidentEvent>>? Ended(IncidentState state) =>
        state.Ended ? Fail(ProblemKind.Conflict, ReportInput.Problem("incident", "incident.ended")) : null;

    private static Outcome<IReadOnlyList<IncidentEvent>>? ReasonRequired(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? Fail(ProblemKind.Invalid, ReportInput.Problem("reason", "field.required")) : null;

    private static Outcome<IReadOnlyList<IncidentEvent>>? RoleIn(PlanDefinition plan, List<string> roles, Actor by) =>
        roles.Contains(by.Role, StringComparer.Ordinal)
            ? null
            : Fail(ProblemKind.Forbidden, ReportInput.Problem("role", "role.forbidden",
                RoleName(plan, by.Role), string.Join("、", roles.Select(r => RoleName(plan, r)))));

    private static string RoleName(PlanDefinition plan, string role) => plan.FindRole(role)?.Name.ToString() ?? role;

    private static Outcome<IReadOnlyList<IncidentEvent>> Fail(ProblemKind kind, params IReadOnlyList<Problem> problems) =>
        Outcome<IReadOnlyList<IncidentEvent>>.Failure(kind, problems);
}
