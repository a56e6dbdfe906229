using System.Text.Json;
using Vigil.Common;
using Vigil.Incidents;
using Vigil.Plans;

namespace Vigil.Core.Tests.Incidents;

/// <summary>Drives one incident through the decider with a clock the test moves.</summary>
internal sealed class IncidentScenario
{
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 3, 0, 0, TimeSpan.FromHours(8));

    public IncidentScenario(PlanDefinition plan) => Plan = plan;

    public PlanDefinition Plan { get; }

    public IncidentState State { get; private set; } = new();

    public DateTimeOffset Now { get; set; } = Start;

    public static Actor As(string role) => new($"测试{role}", role);

    public static ReportInput Report(PlanDefinition plan, string json, ReportKind kind)
    {
        using var document = JsonDocument.Parse(json);
        return ReportInput.Parse(plan, document.RootElement, kind).Value;
    }

    public IncidentScenario Open(string json, string role = "duty-officer") =>
        Apply(IncidentDecider.Open(Plan, "310104", "测试事件", Report(Plan, json, ReportKind.Initial), As(role), Now));

    public Outcome<IReadOnlyList<IncidentEvent>> Try(Func<IncidentState, Outcome<IReadOnlyList<IncidentEvent>>> command)
    {
        var outcome = command(State);
        if (outcome.IsSuccess)
        {
            foreach (var e in outcome.Value)
            {
                State.Apply(e);
            }
        }

        return outcome;
    }

    public IncidentScenario Apply(Outcome<IReadOnlyList<IncidentEvent>> outcome)
    {
        Assert.True(outcome.IsSuccess, string.Join("; ", outcome.Problems));
        foreach (var e in outcome.Value)
        {
            State.Apply(e);
        }

        return this;
    }

    public IncidentScenario Do(Func<IncidentState, Outcome<IReadOnlyList<IncidentEvent>>> command) => Apply(command(State));

    public IncidentScenario FollowUp(string json, string role = "duty-officer") =>
        Do(s => IncidentDecider.FollowUp(s, Plan, Report(Plan, json, ReportKind.FollowUp), As(role), Now));

    public Guid Propose(string level, string role = "leading-group-office", string? reason = "事态需要")
    {
        Do(s => IncidentDecider.Propose(s, Plan, level, reason, As(role), Now));
        return State.Proposals.Single(p => p.Level == level && p.Status == ProposalStatus.Pending).Id;
    }

    public IReadOnlyList<ReportingDuty> Duties => ReportingDuties.For(State, Plan, Now);

    public ReportingDuty Duty(string id) => Duties.Single(d => d.Rule.Id == id);
}
