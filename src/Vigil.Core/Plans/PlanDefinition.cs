using System.Text.Json.Serialization;
using Vigil.Common;

namespace Vigil.Plans;

/// <summary>
/// An emergency plan as data (DESIGN principle 1): what it grades, from which inputs, what must be
/// reported to whom by when, which response each level gets and who approves it. Loaded from
/// <c>plans/*.json</c> by <see cref="PlanLoader"/>, which validates every reference.
/// </summary>
public sealed class PlanDefinition
{
    /// <summary>Free text for the people who maintain the file.</summary>
    [JsonPropertyName("$comment")]
    public string? Comment { get; init; }

    /// <summary>Stable id, e.g. <c>shanghai-special-equipment-2025</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>Version of this plan file; every decision records it.</summary>
    public string Version { get; init; } = "";

    public LocalizedText Title { get; init; } = new();

    /// <summary>Issuing authority and document number, e.g. 沪市监特种〔2025〕3号.</summary>
    public string Source { get; init; } = "";

    /// <summary>IANA time zone in which deadlines are computed and shown.</summary>
    public string TimeZone { get; init; } = "Asia/Shanghai";

    public List<PlanInput> Inputs { get; init; } = [];

    /// <summary>Gradings in evaluation order; the first one is the plan's primary level.</summary>
    public List<Grading> Gradings { get; init; } = [];

    /// <summary>The grading whose level drives reporting and response (e.g. the SE-EMG emergency level).</summary>
    public string EventGrading { get; init; } = "";

    /// <summary>The contents an initial or follow-up report carries (SE-RPT 4.1.2, GEO-RPT 3.3.2).</summary>
    public List<ReportSection> ReportContents { get; init; } = [];

    public List<ReportingRule> Reporting { get; init; } = [];

    public List<ResponseLevel> Responses { get; init; } = [];

    /// <summary>Roles that may end an incident when no response is running.</summary>
    public List<string> CloseBy { get; init; } = [];

    /// <summary>Roles that may record the social-impact judgement and the warning assessment.</summary>
    public List<string> JudgedBy { get; init; } = [];

    /// <summary>
    /// Conditions that must be recorded before an incident with no running response may be ended, once its level was
    /// ever graded or still open (GEO-RESP 5: expert confirmation and the danger zone revoked).
    /// </summary>
    public List<ResponseAction> CloseRequires { get; init; } = [];

    /// <summary>
    /// How long after the event a follow-up is still accepted once the response has ended (ISO 8601 duration, e.g.
    /// P30D: casualty changes within 30 days, 生产安全事故报告和调查处理条例 第十三条); it regrades without reopening.
    /// </summary>
    public string? LateFollowUpWithin { get; init; }

    /// <summary>The duration of <see cref="LateFollowUpWithin"/>, or null; the loader has checked that it parses.</summary>
    public TimeSpan? LateFollowUpSpan => LateFollowUpWithin is { } within ? System.Xml.XmlConvert.ToTimeSpan(within) : null;

    /// <summary>Facts a report must state (a value or "正在核实中") when a condition holds (GEO-RPT 3.3.2: a 灾情 report).</summary>
    public List<RequiredFacts> RequiredFacts { get; init; } = [];

    public WarningPolicy? Warning { get; init; }

    public List<AftermathTask> Aftermath { get; init; } = [];

    /// <summary>The roles this plan names, with their titles (the plan's organisation chapter).</summary>
    public List<PlanRole> Roles { get; init; } = [];

    public Grading PrimaryGrading => Gradings[0];

    public Grading GetGrading(string id) => Gradings.First(g => g.Id == id);

    public PlanInput? FindInput(string name) => Inputs.Find(i => i.Name == name);

    public PlanRole? FindRole(string id) => Roles.Find(r => r.Id == id);
}

/// <summary>Data types a plan input can have.</summary>
public enum InputType
{
    Integer,
    Number,
    Boolean,
    Enum,
}

/// <summary>One fact a report can state: a count, an amount, a duration, a kind.</summary>
public sealed class PlanInput
{
    public string Name { get; init; } = "";

    public InputType Type { get; init; }

    /// <summary>Unit of a number (person, yuan, h, MW); empty for booleans and enums.</summary>
    public string Unit { get; init; } = "";

    public LocalizedText Label { get; init; } = new();

    /// <summary>Smallest allowed value of a number; counts and amounts cannot be negative.</summary>
    public decimal? Min { get; init; }

    /// <summary>Allowed values of an enum input.</summary>
    public List<EnumValue> Values { get; init; } = [];

    /// <summary>False for facts the plan asks for but does not grade by (e.g. missing persons in GEO-LVL).</summary>
    public bool Graded { get; init; } = true;

    /// <summary>
    /// A count that may still turn into another input's count (missing persons may be found dead, GEO-LVL): it never
    /// grades, but while stated it is listed among what could still raise that input's criteria.
    /// </summary>
    public string? MayBecome { get; init; }

    /// <summary>
    /// An enum that picks which of a grading's tables applies (GEO-LVL 险情/灾情). While unknown, the grading is made
    /// under every table and the highest level taken, and the selector is reported as undetermined.
    /// </summary>
    public bool SelectsTable { get; init; }

    /// <summary>A human judgement (SE-EMG social impact): set only by a recorded decision with a reason, never by a report.</summary>
    public bool Judgement { get; init; }
}

public sealed class EnumValue
{
    public string Id { get; init; } = "";

    public LocalizedText Label { get; init; } = new();
}

/// <summary>A scale of levels and the criteria that place an event on it (SE-ACC, SE-EMG, GEO-LVL).</summary>
public sealed class Grading
{
    public string Id { get; init; } = "";

    public LocalizedText Name { get; init; } = new();

    /// <summary>Name of the field that carries this grading's level in <c>vigil grade</c> output.</summary>
    public string ResultField { get; init; } = "level";

    /// <summary>Levels from the highest to the lowest.</summary>
    public List<LevelDefinition> Levels { get; init; } = [];

    public List<Criterion> Criteria { get; init; } = [];

    /// <summary>Rank of a level: 0 for the highest; <see cref="int.MaxValue"/> for none or an unknown id.</summary>
    public int Rank(string? levelId)
    {
        var index = Levels.FindIndex(l => l.Id == levelId);
        return index < 0 ? int.MaxValue : index;
    }

    public LevelDefinition? FindLevel(string? id) => Levels.Find(l => l.Id == id);
}

public sealed class LevelDefinition
{
    public string Id { get; init; } = "";

    public LocalizedText Name { get; init; } = new();

    /// <summary>Display colour (CSS hex), e.g. the warning colours of SE-WARN.</summary>
    public string Colour { get; init; } = "";
}

/// <summary>One rule of a grading: when its condition holds, the event is at least this level.</summary>
public sealed class Criterion
{
    public string Level { get; init; } = "";

    /// <summary>Where the rule stands in the source document, e.g. "附件 IV(3)".</summary>
    public string Article { get; init; } = "";

    public LocalizedText Text { get; init; } = new();

    public Condition When { get; init; } = new();
}

/// <summary>
/// The kinds of rule a plan can state. Exactly one form per node:
/// a threshold on an input (<see cref="Min"/> inclusive, <see cref="Max"/> exclusive — "以上含本数，以下不含本数"),
/// membership (<see cref="In"/>), a boolean (<see cref="IsTrue"/>), a conjunction (<see cref="All"/>),
/// a disjunction (<see cref="Any"/>), a bound on an earlier grading (<see cref="Grading"/> with <see cref="AtLeast"/>),
/// or <see cref="Always"/>.
/// </summary>
public sealed class Condition
{
    public string? Input { get; init; }

    public decimal? Min { get; init; }

    public decimal? Max { get; init; }

    public List<string>? In { get; init; }

    public bool? IsTrue { get; init; }

    public List<Condition>? All { get; init; }

    public List<Condition>? Any { get; init; }

    public string? Grading { get; init; }

    public string? AtLeast { get; init; }

    public bool? Always { get; init; }
}

/// <summary>
/// A part of a report's contents (SE-RPT 4.1.2); any part may be "正在核实中" (4.1.3). The time of the event is not
/// a section: every report carries it as a structured time, because the reporting deadlines run from it.
/// </summary>
public sealed class ReportSection
{
    public string Id { get; init; } = "";

    public LocalizedText Label { get; init; } = new();

    public string Article { get; init; } = "";

    /// <summary>Required in an initial report (a value or "正在核实中").</summary>
    public bool Required { get; init; }
}

/// <summary>When a reporting deadline starts to run.</summary>
public enum DeadlineAnchor
{
    /// <summary>When the event happened (the unit's 1-hour duty, SAMR Order 50).</summary>
    Occurred,

    /// <summary>When the first report reached the bureau.</summary>
    Received,

    /// <summary>When the event first reached one of the rule's levels (a follow-up may start a new chain).</summary>
    LevelReached,
}

/// <summary>A duty to report: from whom, to whom, within how long, for which levels (SE-RPT, GEO-RPT).</summary>
public sealed class ReportingRule
{
    public string Id { get; init; } = "";

    public string Article { get; init; } = "";

    public LocalizedText Name { get; init; } = new();

    public LocalizedText From { get; init; } = new();

    public List<LocalizedText> To { get; init; } = [];

    /// <summary>Event levels that trigger the duty ("none" = no level yet); empty = every level.</summary>
    public List<string> Levels { get; init; } = [];

    public DeadlineAnchor Anchor { get; init; }

    /// <summary>ISO 8601 duration, e.g. PT40M.</summary>
    public string Within { get; init; } = "";

    /// <summary>Role whose consent precedes the report (SE-RPT: the group leader for level III and above).</summary>
    public string? ApprovedBy { get; init; }

    /// <summary>Roles that may mark the report sent (SE-RPT 4.1.1(2): only the city office duty room); empty = any actor.</summary>
    public List<string> SentBy { get; init; } = [];

    /// <summary>A report the sender may make, not one it owes (GEO-RPT 3.3.1 「可直接速报」): never late, never overdue.</summary>
    public bool Optional { get; init; }

    /// <summary>
    /// Triggered also while the event could still reach one of the levels (GEO-RPT 3.3.1: the 40-minute report while
    /// unknown inputs could still make the event 特大型 or 大型).
    /// </summary>
    public bool Precautionary { get; init; }

    /// <summary>Another duty that replaces this one when both are triggered (the 2-hour report under the 40-minute one).</summary>
    public string? SupersededBy { get; init; }

    public LocalizedText? Note { get; init; }

    /// <summary>Whether a grade with this event level, and this highest level the unknown inputs still allow, triggers the duty.</summary>
    public bool AppliesTo(string level, string maxPossibleLevel) =>
        Levels.Count == 0
        || Levels.Contains(level, StringComparer.Ordinal)
        || Precautionary && Levels.Contains(maxPossibleLevel, StringComparer.Ordinal);

    /// <summary>The duration of <see cref="Within"/>; the loader has checked that it parses.</summary>
    public TimeSpan WithinSpan => System.Xml.XmlConvert.ToTimeSpan(Within);
}

/// <summary>What the approver of a chain step does.</summary>
public enum ChainAct
{
    /// <summary>Agrees and passes the proposal on.</summary>
    Review,

    /// <summary>Decides; the last step of a chain.</summary>
    Approve,
}

public sealed class ChainStep
{
    public string Role { get; init; } = "";

    public ChainAct Act { get; init; } = ChainAct.Approve;
}

/// <summary>A response level with how it starts, who approves it and what it sets in motion (SE-RESP, GEO-RESP).</summary>
public sealed class ResponseLevel
{
    public string Level { get; init; } = "";

    public LocalizedText Name { get; init; } = new();

    public string Article { get; init; } = "";

    /// <summary>Event levels for which this response is the plan's answer.</summary>
    public List<string> Triggers { get; init; } = [];

    /// <summary>Started by the plan itself when a trigger level is reached, without a proposal.</summary>
    public bool Automatic { get; init; }

    /// <summary>Roles that may propose this response.</summary>
    public List<string> ProposedBy { get; init; } = [];

    /// <summary>Approvals in order; the response starts when the last one approves.</summary>
    public List<ChainStep> Chain { get; init; } = [];

    /// <summary>
    /// Who proposes and approves raising or lowering a running response to this level (SE-RESP 4.2.4, GEO-RESP);
    /// when absent, this level's own proposers and chain.
    /// </summary>
    public ResponseAdjustment? Adjustment { get; init; }

    /// <summary>Actions that must be done before the response may end (GEO-RESP: expert confirmation, zone revoked).</summary>
    public List<string> EndRequires { get; init; } = [];

    /// <summary>Roles told when the response starts ("报领导小组副组长知晓").</summary>
    public List<string> Inform { get; init; } = [];

    /// <summary>Roles that may end this response.</summary>
    public List<string> EndBy { get; init; } = [];

    public LocalizedText CommandBy { get; init; } = new();

    public List<ResponseAction> Actions { get; init; } = [];

    /// <summary>Roles that may propose this level: for a first response or for an adjustment to it.</summary>
    public List<string> ProposersFor(bool adjustment) => adjustment && Adjustment is { } a ? a.ProposedBy : ProposedBy;

    /// <summary>The chain that approves this level: for a first response or for an adjustment to it.</summary>
    public List<ChainStep> ChainFor(bool adjustment) => adjustment && Adjustment is { } a ? a.Chain : Chain;
}

/// <summary>The decision that moves a running response to another level: proposers and approvals (SE-RESP 4.2.4).</summary>
public sealed class ResponseAdjustment
{
    public List<string> ProposedBy { get; init; } = [];

    public List<ChainStep> Chain { get; init; } = [];
}

/// <summary>Facts a report must state when a condition on the incident's facts holds (GEO-RPT 3.3.2).</summary>
public sealed class RequiredFacts
{
    public string Article { get; init; } = "";

    public Condition When { get; init; } = new();

    public List<string> Inputs { get; init; } = [];
}

public sealed class ResponseAction
{
    public string Id { get; init; } = "";

    public LocalizedText Text { get; init; } = new();

    public string Article { get; init; } = "";
}

/// <summary>SE-WARN: warning levels and the default for events that already happened.</summary>
public sealed class WarningPolicy
{
    public string Article { get; init; } = "";

    public List<LevelDefinition> Levels { get; init; } = [];

    public LocalizedText DefaultRule { get; init; } = new();

    public List<ResponseAction> Actions { get; init; } = [];
}

/// <summary>Work after the response (SE-POST): investigation, evaluation, publication, with an owner per level.</summary>
public sealed class AftermathTask
{
    public string Id { get; init; } = "";

    public LocalizedText Name { get; init; } = new();

    public string Article { get; init; } = "";

    /// <summary>The grading whose level picks the owner; the event grading when not given.</summary>
    public string? Grading { get; init; }

    /// <summary>Owner per event level; the key "*" applies to every level not listed.</summary>
    public Dictionary<string, LocalizedText> Owners { get; init; } = [];

    /// <summary>
    /// Owners that replace <see cref="Owners"/> when a condition on the facts holds, first match wins (SE-POST: a
    /// production-safety accident involving special equipment is investigated and published under other rules).
    /// </summary>
    public List<ConditionalOwners> OwnersWhen { get; init; } = [];

    public LocalizedText? OwnerFor(string level, PlanDefinition plan, FactSet facts)
    {
        var owners = OwnersWhen.Find(o => Grader.Holds(plan, o.When, facts))?.Owners ?? Owners;
        return owners.TryGetValue(level, out var owner) ? owner : owners.GetValueOrDefault("*");
    }
}

/// <summary>Owners per level that apply when <see cref="When"/> holds on the incident's facts.</summary>
public sealed class ConditionalOwners
{
    public Condition When { get; init; } = new();

    public Dictionary<string, LocalizedText> Owners { get; init; } = [];
}

public sealed class PlanRole
{
    public string Id { get; init; } = "";

    public LocalizedText Name { get; init; } = new();
}
