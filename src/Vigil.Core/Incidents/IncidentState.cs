using Vigil.Plans;

namespace Vigil.Incidents;

/// <summary>A response proposal and where it stands in its chain.</summary>
public sealed record Proposal(Guid Id, string Level, bool IsAdjustment, Actor ProposedBy, DateTimeOffset At, string? Reason)
{
    /// <summary>Chain steps approved so far.</summary>
    public int StepsApproved { get; init; }

    public ProposalStatus Status { get; init; } = ProposalStatus.Pending;
}

public enum ProposalStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// The current state of an incident, derived by folding its events in order. Nothing here is stored: it is
/// recomputed from the append-only record, so it can never disagree with it.
/// </summary>
public sealed class IncidentState
{
    private readonly List<ReportRecorded> _reports = [];
    private readonly Dictionary<Guid, Proposal> _proposals = [];
    private readonly HashSet<(string Response, string Action)> _actionsDone = [];
    private readonly Dictionary<string, ReportSubmitted> _submissions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReportConsented> _consents = new(StringComparer.Ordinal);
    private readonly List<IncidentGraded> _grades = [];
    private readonly HashSet<string> _aftermathDone = new(StringComparer.Ordinal);
    private readonly List<IncidentEvent> _events = [];

    public string PlanId { get; private set; } = "";

    public string PlanVersion { get; private set; } = "";

    public string DivisionCode { get; private set; } = "";

    public string Title { get; private set; } = "";

    public IReadOnlyList<IncidentEvent> Events => _events;

    public IReadOnlyList<ReportRecorded> Reports => _reports;

    /// <summary>Facts of all reports merged (<see cref="FactSet.With"/>) plus recorded judgements.</summary>
    public FactSet Facts { get; private set; } = FactSet.Empty;

    public IncidentGraded? Grade { get; private set; }

    public string EventLevel => Grade?.EventLevel ?? GradingResult.None;

    /// <summary>Every grading in order, with what could still raise it then (precautionary duties, GEO-RPT 3.3.1).</summary>
    public IReadOnlyList<IncidentGraded> Grades => _grades;

    /// <summary>
    /// The event level when a person last decided the response level (SE-RESP 4.2.4); the plan starts a response by
    /// itself again only when the facts make the event worse than that. Null while no one has decided.
    /// </summary>
    public string? DecidedAtLevel { get; private set; }

    /// <summary>True once any grading had a level or still open criteria (GEO-RESP 5 conditions apply to the end).</summary>
    public bool EverGradedOrOpen { get; private set; }

    public DateTimeOffset? OccurredAt { get; private set; }

    public DateTimeOffset FirstReceivedAt => _reports[0].ReceivedAt;

    public string WarningLevel { get; private set; } = GradingResult.None;

    public bool WarningAssessed { get; private set; }

    public IReadOnlyCollection<Proposal> Proposals => _proposals.Values;

    public string? ActiveResponse { get; private set; }

    public DateTimeOffset? ResponseStartedAt { get; private set; }

    public string? LeadingPlan { get; private set; }

    public IReadOnlyDictionary<string, ReportSubmitted> Submissions => _submissions;

    public IReadOnlyDictionary<string, ReportConsented> Consents => _consents;

    public bool Ended { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public IReadOnlySet<string> AftermathDone => _aftermathDone;

    public Proposal? FindProposal(Guid id) => _proposals.GetValueOrDefault(id);

    public bool IsActionDone(string response, string action) => _actionsDone.Contains((response, action));

    /// <summary>The level of one grading in the latest grade, or "none".</summary>
    public string LevelOf(string gradingId) =>
        Grade?.Gradings.FirstOrDefault(g => g.GradingId == gradingId)?.Level ?? GradingResult.None;

    public static IncidentState Replay(IEnumerable<IncidentEvent> events)
    {
        var state = new IncidentState();
        foreach (var e in events)
        {
            state.Apply(e);
        }

        return state;
    }

    public void Apply(IncidentEvent e)
    {
        _events.Add(e);
        switch (e)
        {
            case IncidentOpened o:
                (PlanId, PlanVersion, DivisionCode, Title) = (o.PlanId, o.PlanVersion, o.DivisionCode, o.Title);
                break;
            case ReportRecorded r:
                _reports.Add(r);
                Facts = Facts.With(new FactSet(r.Facts));
                OccurredAt = r.OccurredAt ?? OccurredAt;
                break;
            case JudgementRecorded j:
                Facts = Facts.Set(j.Input, j.Value);
                break;
            case IncidentGraded g:
                Grade = g;
                _grades.Add(g);
                EverGradedOrOpen |= g.Gradings.Any(x => x.Level != GradingResult.None || x.MaxPossibleLevel != GradingResult.None);
                PlanVersion = g.PlanVersion;
                break;
            case WarningAssessed w:
                WarningLevel = w.Level;
                WarningAssessed = true;
                break;
            case ResponseProposed p:
                _proposals[p.ProposalId] = new Proposal(p.ProposalId, p.Level, p.IsAdjustment, p.By, p.At, p.Reason);
                break;
            case ProposalApproved a:
                _proposals[a.ProposalId] = _proposals[a.ProposalId] with { StepsApproved = a.Step + 1 };
                break;
            case ProposalRejected x:
                _proposals[x.ProposalId] = _proposals[x.ProposalId] with { Status = ProposalStatus.Rejected };
                break;
            case ResponseStarted s:
                ActiveResponse = s.Level;
                ResponseStartedAt = s.At;
                if (s.ProposalId is { } id)
                {
                    _proposals[id] = _proposals[id] with { Status = ProposalStatus.Approved };
                    DecidedAtLevel = EventLevel;
                }

                break;
            case ResponseActionDone d:
                _actionsDone.Add((d.ResponseLevel, d.ActionId));
                break;
            case LeadingPlanRecorded l:
                LeadingPlan = l.LeadingPlan;
                break;
            case ReportConsented c:
                _consents[c.ObligationId] = c;
                break;
            case ReportSubmitted s:
                _submissions[s.ObligationId] = s;
                break;
            case IncidentEnded:
                Ended = true;
                EndedAt = e.At;
                ActiveResponse = null;
                foreach (var pending in _proposals.Values.Where(p => p.Status == ProposalStatus.Pending).ToList())
                {
                    _proposals[pending.Id] = pending with { Status = ProposalStatus.Rejected };
                }

                break;
            case AftermathTaskDone t:
                _aftermathDone.Add(t.TaskId);
                break;
        }
    }
}
