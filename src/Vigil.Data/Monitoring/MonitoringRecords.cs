namespace Vigil.Data.Monitoring;

/// <summary>A monitoring station; its code is the HJ 212 MN its data logger sends.</summary>
public sealed class StationRecord
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>GB/T 2260 code of the city (or district) the station belongs to.</summary>
    public string DivisionCode { get; set; } = "";

    public double Latitude { get; set; }

    public double Longitude { get; set; }

    /// <summary>SHA-256 of the HJ 212 access password (PW): the station sends it in every packet; Vigil keeps no plain copy.</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary>Item codes the station measures (AQ-ITEMS), space-separated, e.g. "a21026 a21004 a34002".</summary>
    public string Items { get; set; } = "";

    public DateTimeOffset RegisteredAt { get; set; }
}

/// <summary>One raw value exactly as received (AQ-DATA 第二十条): never updated, never deleted.</summary>
public sealed class RawReadingRecord : IAppendOnly
{
    public long Id { get; init; }

    public string StationCode { get; init; } = "";

    /// <summary>The time the value describes (HJ 212 DataTime), stored as UTC.</summary>
    public DateTimeOffset DataTime { get; init; }

    /// <summary>HJ 212 command: 2011 real-time, 2051 minute, 2061 hourly, 2031 daily.</summary>
    public int Command { get; init; }

    public string Item { get; init; } = "";

    /// <summary>Rtd, Avg, Min, Max, Cou, ZsRtd…</summary>
    public string Field { get; init; } = "";

    /// <summary>The value text as sent.</summary>
    public string Value { get; init; } = "";

    public string? Flag { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    public string PacketQn { get; init; } = "";
}

/// <summary>
/// A value received for a station, command, DataTime, item and field that already has a different value (AQ-DATA: the
/// first stays in force, nothing is lost). The reviewer decides on it with a reason on the station-day review page.
/// </summary>
public sealed class ReadingConflictRecord
{
    public long Id { get; init; }

    public string StationCode { get; init; } = "";

    public DateTimeOffset DataTime { get; init; }

    public int Command { get; init; }

    public string Item { get; init; } = "";

    public string Field { get; init; } = "";

    /// <summary>The other value, as sent.</summary>
    public string Value { get; init; } = "";

    /// <summary>Its flag, "" when the packet gave none (so that a resend of the same conflict is recorded once).</summary>
    public string Flag { get; init; } = "";

    public DateTimeOffset ReceivedAt { get; init; }

    public string PacketQn { get; init; } = "";

    /// <summary>Null while undecided; <c>keepFirst</c> or <c>acceptOther</c> once a reviewer decided.</summary>
    public string? Decision { get; set; }

    public string? DecisionReason { get; set; }

    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }
}

/// <summary>
/// Refusals counted per source address, refusal code and minute (SEC): a flood of garbage, unknown MNs or wrong
/// passwords adds at most one row per source, code and minute, however many lines it sends; only the first few of
/// each keep their raw line in intake_rejections.
/// </summary>
public sealed class IntakeRefusalCountRecord
{
    public long Id { get; init; }

    /// <summary>The start of the minute, UTC.</summary>
    public DateTimeOffset Minute { get; init; }

    /// <summary>The peer's address (without port), or the file of `vigil ingest`.</summary>
    public string Source { get; init; } = "";

    public string Code { get; init; } = "";

    public long Count { get; init; }
}

/// <summary>What one intake batch did: readings stored, exact resends skipped, differing resends kept as conflicts.</summary>
public sealed record AppendOutcome(int Stored, int Duplicates, int Conflicts);

/// <summary>A packet, or an item in it, refused at intake, with the reason (SEC non-repudiation of intake).</summary>
public sealed class IntakeRejectionRecord : IAppendOnly
{
    public long Id { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Where it came from: the peer's address, or the file and line for `vigil ingest`.</summary>
    public string Source { get; init; } = "";

    public string? StationCode { get; init; }

    public string Code { get; init; } = "";

    public string Reason { get; init; } = "";

    /// <summary>The first bytes of the packet, printable ASCII, for diagnosis.</summary>
    public string Excerpt { get; init; } = "";
}
