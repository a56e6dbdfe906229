namespace Vigil.Prevention;

/// <summary>What a person is acting as when they record a step; rules such as separation of duties depend on it.</summary>
public enum ActorRole
{
    /// <summary>群众 — a member of the public; may report a hazard (004 第二条) and nothing else.</summary>
    Public,

    /// <summary>从业人员 — a worker of the unit.</summary>
    Worker,

    /// <summary>安全管理人员 — the unit's safety officer.</summary>
    SafetyOfficer,

    /// <summary>主要负责人 — the unit's principal; signs quarterly reports (004 第六条).</summary>
    Principal,

    /// <summary>检查员 — an inspector of the regulator.</summary>
    Inspector,

    /// <summary>监管人员 — a regulator; may override risk colours (DP-RISK).</summary>
    Regulator,
}

/// <summary>Who did something: a stable person id and the role they acted in.</summary>
public sealed record Actor(string Id, ActorRole Role);
