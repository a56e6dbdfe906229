using System.Text.Json;
using Vigil.Common;
using Vigil.Core.Tests.Plans;
using Vigil.Incidents;
using Vigil.Plans;

namespace Vigil.Core.Tests.Incidents;

/// <summary>Drives one incident through the decider with a clock the test moves.</summary>
internal sealed class IncidentScenario
{
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 3, 0, 0, TimeSpan.FromHours(8));

    /// <summary>The elevator entrapment on the Shanghai plan (SE-RPT 4.1.2): level Ⅳ, occurred 01:00, received 03:00.</summary>
    public const string ElevatorReport = """
        {
          "occurredAt": "2026-11-22T01:00",
          "receivedAt": "2026-11-22T03:00",
          "contents": {
            "place": "徐汇区某商务楼", "unit": "某物业公司", "equipment": "乘客电梯",
            "course": "电梯困人，轿厢停在两层之间", "casualties": "困4人，暂无伤亡",
            "measures": "维保单位已到场", "reporterName": "值班员甲", "reporterPhone": "正在核实中"
          },
          "facts": { "equipmentType": "elevator", "strandedPeople": 4, "strandedHours": 2, "deaths": 0, "seriousInjuries": "正在核实中" }
        }
        """;

    public IncidentScenario(PlanDefinition plan) => Plan = plan;

    /// <summary>A Wuda geohazard incident (GEO-RPT 3.3) opened at <see cref="Start"/> with these facts.</summary>
    public static IncidentScenario Wuda(string facts) => new IncidentScenario(TestPlans.Get(TestPlans.Wuda)).Open($$"""
        {
          "occurredAt": "2026-07-10T02:30",
          "receivedAt": "2026-11-22T03:00",
          "contents": { "place": "乌达区某沟谷", "hazardType": "滑坡", "scale": "正在核实中", "reporterName": "监测员乙", "reporterPhone": "正在核实中" },
          "facts": {{facts}}
        }
        """);

    /// <summary>An incident opened from <see cref="ElevatorReport"/>.</summary>
    public static IncidentScenario Elevator() => new IncidentScenario(TestPlans.Get(TestPlans.Shanghai)).Open(ElevatorReport);

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
