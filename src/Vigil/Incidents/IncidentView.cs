using System.Globalization;
using System.Text.Json.Nodes;
using Vigil.Incidents;
using Vigil.Plans;

namespace Vigil.Host.Incidents;

/// <summary>
/// What a user sees of an incident: levels with their explanation, the reporting chain with deadlines in the plan's
/// time zone, the responses the plan offers, the running response and its checklist, proposals waiting for whom,
/// the aftermath, and the whole timeline. Plan texts come in the request's language.
/// </summary>
internal static class IncidentView
{
    public static JsonObject Build(Guid id, IncidentState state, PlanDefinition plan, DateTimeOffset now, CultureInfo culture)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(plan.TimeZone);
        string Local(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        string Role(string role) => plan.FindRole(role)?.Name.For(culture) ?? role;
        JsonObject By(Actor a) => new() { ["name"] = a.Name, ["role"] = a.Role, ["roleName"] = Role(a.Role) };

        var eventGrading = plan.GetGrading(plan.EventGrading);
        var duties = ReportingDuties.For(state, plan, now);
        var next = duties.Where(d => d.Status is DutyStatus.Pending or DutyStatus.Overdue).MinBy(d => d.DueAt);
        var active = state.ActiveResponse is { } level ? plan.Responses.First(r => r.Level == level) : null;
        var adjusting = active is not null;

        return new JsonObject
        {
            ["id"] = id,
            ["plan"] = new JsonObject { ["id"] = plan.Id, ["version"] = state.PlanVersion, ["title"] = plan.Title.For(culture), ["timeZone"] = plan.TimeZone },
            ["title"] = state.Title,
            ["divisionCode"] = state.DivisionCode,
            ["status"] = state.Ended ? "ended" : "open",
            ["openedAt"] = Local(state.Events[0].At),
            ["occurredAt"] = state.OccurredAt is { } o ? Local(o) : FactValue.VerifyingText,
            ["endedAt"] = state.EndedAt is { } e ? Local(e) : null,
            ["eventLevel"] = state.EventLevel,
            ["eventLevelName"] = eventGrading.FindLevel(state.EventLevel)?.Name.For(culture),
            ["eventLevelColour"] = eventGrading.FindLevel(state.EventLevel)?.Colour,
            ["levels"] = new JsonArray([.. (state.Grade?.Gradings ?? []).Select(g => (JsonNode)new JsonObject
            {
                ["grading"] = g.GradingId,
                ["name"] = plan.GetGrading(g.GradingId).Name.For(culture),
                ["level"] = g.Level,
                ["levelName"] = plan.GetGrading(g.GradingId).FindLevel(g.Level)?.Name.For(culture),
                ["matched"] = new JsonArray([.. g.Matched.Select(m => (JsonNode)new JsonObject { ["level"] = m.Level, ["criterion"] = m.Criterion.For(culture), ["article"] = m.Article })]),
                ["undetermined"] = new JsonArray([.. g.UndeterminedInputs.Select(i => (JsonNode)(plan.FindInput(i)?.Label.For(culture) ?? i))]),
                ["tableUndetermined"] = g.TableUndetermined is { } t ? plan.FindInput(t)?.Label.For(culture) ?? t : null,
            })]),
            ["warning"] = new JsonObject
            {
                ["assessed"] = state.WarningAssessed,
                ["level"] = state.WarningLevel,
                ["rule"] = plan.Warning?.DefaultRule.For(culture),
            },
            ["facts"] = new JsonObject([.. state.Facts.Values.Select(f => KeyValuePair.Create(f.Key, JsonValue.Create(f.Value.ToJsonValue()) as JsonNode))]),
            ["reports"] = new JsonArray([.. state.Reports.Select(r => (JsonNode)new JsonObject
            {
                ["number"] = r.Number,
                ["kind"] = r.Kind == ReportKind.Initial ? "initial" : "followUp",
                ["receivedAt"] = Local(r.ReceivedAt),
                ["occurredAt"] = r.OccurredAt is { } t ? Local(t) : null,
                ["contents"] = new JsonObject([.. r.Contents.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))]),
                ["facts"] = new JsonObject([.. r.Facts.Select(f => KeyValuePair.Create(f.Key, JsonValue.Create(f.Value.ToJsonValue()) as JsonNode))]),
                ["by"] = By(r.By),
            })]),
            ["duties"] = new JsonArray([.. duties.Select(d => (JsonNode)Duty(d))]),
            ["nextDeadline"] = next is null ? null : Duty(next),
            ["responseOptions"] = new JsonArray([.. IncidentDecider.ResponseOptions(state, plan)
                .Select(r => (JsonNode)new JsonObject
                {
                    ["level"] = r.Level,
                    ["name"] = r.Name.For(culture),
                    ["article"] = r.Article,
                    ["automatic"] = r.Automatic,
                    ["isAdjustment"] = adjusting,
                    ["proposedBy"] = new JsonArray([.. r.ProposersFor(adjusting).Select(x => (JsonNode)Role(x))]),
                    ["chain"] = new JsonArray([.. r.ChainFor(adjusting).Select(s => (JsonNode)new JsonObject { ["role"] = s.Role, ["roleName"] = Role(s.Role), ["act"] = s.Act.ToString().ToLowerInvariant() })]),
                    ["inform"] = new JsonArray([.. r.Inform.Select(x => (JsonNode)Role(x))]),
                })]),
            ["response"] = active is null ? null : new JsonObject
            {
                ["level"] = active.Level,
                ["name"] = active.Name.For(culture),
                ["article"] = active.Article,
                ["startedAt"] = Local(state.ResponseStartedAt!.Value),
                ["commandBy"] = active.CommandBy.For(culture),
                ["endBy"] = new JsonArray([.. active.EndBy.Select(x => (JsonNode)Role(x))]),
                ["actions"] = new JsonArray([.. active.Actions.Select(a => (JsonNode)new JsonObject
                {
                    ["id"] = a.Id,
                    ["text"] = a.Text.For(culture),
                    ["article"] = a.Article,
                    ["done"] = state.IsActionDone(active.Level, a.Id),
                    ["requiredToEnd"] = active.EndRequires.Contains(a.Id),
                })]),
            },
            ["closeRequires"] = active is not null || state.Ended || plan.CloseRequires.Count == 0 ? null : new JsonArray([.. plan.CloseRequires.Select(a => (JsonNode)new JsonObject
            {
                ["id"] = a.Id,
                ["text"] = a.Text.For(culture),
                ["article"] = a.Article,
                ["done"] = state.IsActionDone(GradingResult.None, a.Id),
                ["requiredToEnd"] = state.EverGradedOrOpen,
            })]),
            ["proposals"] = new JsonArray([.. state.Proposals.OrderBy(p => p.At).Select(p =>
            {
                var chain = plan.Responses.First(r => r.Level == p.Level).ChainFor(p.IsAdjustment);
                var nextStep = p.Status == ProposalStatus.Pending ? chain[p.StepsApproved] : null;
                return (JsonNode)new JsonObject
                {
                    ["id"] = p.Id,
                    ["level"] = p.Level,
                    ["status"] = p.Status.ToString().ToLowerInvariant(),
                    ["isAdjustment"] = p.IsAdjustment,
                    ["proposedBy"] = By(p.ProposedBy),
                    ["at"] = Local(p.At),
                    ["reason"] = p.Reason,
                    ["stepsApproved"] = p.StepsApproved,
                    ["steps"] = chain.Count,
                    ["waitingFor"] = nextStep is null ? null : new JsonObject { ["role"] = nextStep.Role, ["roleName"] = Role(nextStep.Role) },
                };
            })]),
            ["leadingPlan"] = state.LeadingPlan,
            ["aftermath"] = new JsonArray([.. Aftermath.For(state, plan).Select(a => (JsonNode)new JsonObject
            {
                ["id"] = a.Task.Id,
                ["name"] = a.Task.Name.For(culture),
                ["article"] = a.Task.Article,
                ["level"] = a.Level,
                ["owner"] = a.Owner?.For(culture),
                ["done"] = a.Done,
            })]),
            ["timeline"] = new JsonArray([.. state.Events.Select((e, i) => (JsonNode)new JsonObject
            {
                ["sequence"] = i,
                ["type"] = TimelineType(e),
                ["at"] = Local(e.At),
                ["by"] = By(e.By),
                ["reason"] = e.Reason,
                ["summary"] = Summary(e, plan, culture),
            })]),
        };

        JsonObject Duty(ReportingDuty d) => new()
        {
            ["id"] = d.Rule.Id,
            ["name"] = d.Rule.Name.For(culture),
            ["article"] = d.Rule.Article,
            ["from"] = d.Rule.From.For(culture),
            ["to"] = new JsonArray([.. d.Rule.To.Select(t => (JsonNode)t.For(culture))]),
            ["approvedBy"] = d.Rule.ApprovedBy is { } a ? Role(a) : null,
            ["consent"] = state.Consents.GetValueOrDefault(d.Rule.Id) is { } c ? new JsonObject { ["at"] = Local(c.At), ["by"] = By(c.By), ["reason"] = c.Reason } : null,
            ["sentBy"] = new JsonArray([.. d.Rule.SentBy.Select(x => (JsonNode)Role(x))]),
            ["optional"] = d.Rule.Optional,
            ["note"] = d.Rule.Note?.For(culture),
            ["anchorAt"] = Local(d.AnchorAt),
            ["dueAt"] = Local(d.DueAt),
            ["status"] = d.Status switch { DutyStatus.MetLate => "metLate", _ => d.Status.ToString().ToLowerInvariant() },
            ["late"] = d.IsLate,
            ["sentAt"] = d.SentAt is { } s ? Local(s) : null,
            ["secondsLeft"] = d.Status == DutyStatus.Pending ? (long)(d.DueAt - now).TotalSeconds : null,
        };
    }

    /// <summary>A one-line list entry for the duty board.</summary>
    public static JsonObject Summary(Guid id, IncidentState state, PlanDefinition plan, DateTimeOffset now, CultureInfo culture)
    {
        var full = Build(id, state, plan, now, culture);
        var summary = new JsonObject();
        foreach (var key in new[] { "id", "title", "divisionCode", "status", "openedAt", "eventLevel", "eventLevelName", "eventLevelColour", "nextDeadline" })
        {
            summary[key] = full[key]?.DeepClone();
        }

        summary["plan"] = plan.Id;
        summary["response"] = state.ActiveResponse;
        summary["overdue"] = ((JsonArray)full["duties"]!).Count(d => d!["status"]!.GetValue<string>() == "overdue");
        summary["waitingApprovals"] = state.Proposals.Count(p => p.Status == ProposalStatus.Pending);
        summary["waitingFor"] = new JsonArray([.. ((JsonArray)full["proposals"]!).Select(p => p!["waitingFor"]).OfType<JsonNode>().Select(w => w.DeepClone())]);
        return summary;
    }

    private static string TimelineType(IncidentEvent e) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(e.GetType().Name);

    private static string Summary(IncidentEvent e, PlanDefinition plan, CultureInfo culture) => e switch
    {
        IncidentOpened o => HostText.Format("timeline.opened", o.Title),
        ReportRecorded r => HostText.Format(r.Kind == ReportKind.Initial ? "timeline.initialReport" : "timeline.followUp", r.Number),
        IncidentGraded g => g.PreviousEventLevel is null || g.PreviousEventLevel == g.EventLevel
            ? HostText.Format("timeline.graded", g.EventLevel, g.PlanVersion)
            : HostText.Format("timeline.regraded", g.PreviousEventLevel, g.EventLevel, g.PlanVersion),
        JudgementRecorded j => HostText.Format("timeline.judgement", plan.FindInput(j.Input)?.Label.For(culture) ?? j.Input,
            plan.FindInput(j.Input)?.Values.Find(v => v.Id == j.Value.Text)?.Label.For(culture) ?? j.Value.ToJsonValue()),
        WarningAssessed w => HostText.Format("timeline.warning", w.Level),
        ResponseProposed p => HostText.Format(p.IsAdjustment ? "timeline.adjustmentProposed" : "timeline.proposed", p.Level),
        ProposalApproved a => HostText.Format("timeline.approved", a.Step + 1),
        ProposalRejected x => HostText.Format("timeline.rejected", x.Step + 1),
        ResponseStarted s => s.PreviousLevel is null ? HostText.Format("timeline.started", s.Level) : HostText.Format("timeline.adjusted", s.PreviousLevel, s.Level),
        ResponseActionDone d => HostText.Format("timeline.action", (plan.Responses.Find(r => r.Level == d.ResponseLevel)?.Actions ?? plan.CloseRequires).Find(a => a.Id == d.ActionId)?.Text.For(culture) ?? d.ActionId),
        LeadingPlanRecorded l => HostText.Format("timeline.leadingPlan", l.LeadingPlan),
        ReportConsented c => HostText.Format("timeline.consented", plan.Reporting.Find(r => r.Id == c.ObligationId)?.Name.For(culture) ?? c.ObligationId),
        ReportSubmitted s => HostText.Format("timeline.submitted", plan.Reporting.Find(r => r.Id == s.ObligationId)?.Name.For(culture) ?? s.ObligationId),
        IncidentEnded => HostText.Format("timeline.ended"),
        AftermathTaskDone t => HostText.Format("timeline.aftermath", plan.Aftermath.Find(a => a.Id == t.TaskId)?.Name.For(culture) ?? t.TaskId),
        _ => e.GetType().Name,
    };
}
