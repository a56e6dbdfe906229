namespace Vigil.Data.Incidents;

/// <summary>The incident's fixed header, for listing and jurisdiction filters; everything else is in its events.</summary>
public sealed class IncidentRecord : IAppendOnly
{
    public Guid Id { get; init; }

    public string PlanId { get; init; } = "";

    /// <summary>GB/T 2260 code of the administrative division the incident belongs to.</summary>
    public string DivisionCode { get; init; } = "";

    public string Title { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>One event of an incident, stored whole as JSON with its who/when columns for queries.</summary>
public sealed class IncidentEventRecord : IAppendOnly
{
    public long Id { get; init; }

    public Guid IncidentId { get; init; }

    /// <summary>Position in the incident's history, from 0; unique per incident (optimistic concurrency).</summary>
    public int Sequence { get; init; }

    public string Type { get; init; } = "";

    public DateTimeOffset At { get; init; }

    public string ActorName { get; init; } = "";

    public string ActorRole { get; init; } = "";

    public string? ActorUserId { get; init; }

    public string? Reason { get; init; }

    public string Payload { get; init; } = "";
}
