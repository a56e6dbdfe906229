using System.Globalization;
using System.Text.Json.Serialization;
using Vigil.Incidents;

namespace Vigil.Monitoring.Review;

/// <summary>What a review covers: one station's natural day (日审核) or calendar month (月审核), AQ-REVIEW.</summary>
public enum ReviewPeriod
{
    /// <summary>日审核 — the previous day's raw hourly values (第二十三条(一)).</summary>
    Day,

    /// <summary>月审核 — last month's data (第二十三条(二)).</summary>
    Month,
}

/// <summary>Where a review stands (AQ-REVIEW): the state folded from its appended events.</summary>
public enum ReviewStatus
{
    /// <summary>待审核 — awaiting the reviewer's first submission.</summary>
    Pending,

    /// <summary>已报送 — submitted, awaiting the national centre (复核).</summary>
    Submitted,

    /// <summary>退回重审 — rejected once by the centre, awaiting re-review and resubmission.</summary>
    Returned,

    /// <summary>再次报送 — resubmitted after a rejection, awaiting the centre.</summary>
    Resubmitted,

    /// <summary>通过复核 — accepted by the centre: the data goes into the database (第二十四条).</summary>
    Accepted,

    /// <summary>以总站复核结果为准 — rejected a second time: the centre's verdict is final.</summary>
    CentreFinal,
}

/// <summary>Why a reviewer holds an hourly value invalid (the reason codes of a review mark).</summary>
public enum InvalidReason
{
    /// <summary>校准 — calibration or span/zero check during the hour.</summary>
    Calibration,

    /// <summary>维护 — maintenance.</summary>
    Maintenance,

    /// <summary>仪器故障 — instrument fault.</summary>
    InstrumentFault,

    /// <summary>停电 — power failure.</summary>
    Power,

    /// <summary>通讯故障 — communication failure.</summary>
    Communication,

    /// <summary>
    /// 不可抗力 — a stop from force majeure (natural disaster, AQ-DATA "recorded with evidence"); such hours are
    /// deducted from the hourly values expected (AQ-SCORE).
    /// </summary>
    ForceMajeure,

    /// <summary>其他 — anything else; the note says what.</summary>
    Other,
}

/// <summary>The wire codes of <see cref="InvalidReason"/>, as the API and the storage spell them.</summary>
public static class InvalidReasons
{
    private static readonly (InvalidReason Reason, string Code)[] Codes =
    [
        (InvalidReason.Calibration, "calibration"),
        (InvalidReason.Maintenance, "maintenance"),
        (InvalidReason.InstrumentFault, "instrument-fault"),
        (InvalidReason.Power, "power"),
        (InvalidReason.Communication, "communication"),
        (InvalidReason.ForceMajeure, "force-majeure"),
        (InvalidReason.Other, "other"),
    ];

    /// <summary>Every code, in the fixed order above, for messages that list the choices.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Codes.Select(c => c.Code)];

    public static string Code(InvalidReason reason) => Codes.First(c => c.Reason == reason).Code;

    public static bool TryParse(string? code, out InvalidReason reason)
    {
        foreach (var (r, c) in Codes)
        {
            if (string.Equals(c, code, StringComparison.Ordinal))
            {
                reason = r;
                return true;
            }
        }

        reason = default;
        return false;
    }

    /// <summary>Reasons whose note is required: "other" says what, force majeure names its evidence (AQ-DATA).</summary>
    public static bool NeedsNote(InvalidReason reason) => reason is InvalidReason.Other or InvalidReason.ForceMajeure;
}

/// <summary>
/// One station's day or month under review. Reviews point at raw data by station, local date, hour and item; the raw
/// readings themselves are never changed (AQ-DATA 第二十条).
/// </summary>
public sealed record ReviewSubject(string Station, ReviewPeriod Period, DateOnly Start)
{
    /// <summary>A day review of <paramref name="date"/>.</summary>
    public static ReviewSubject Day(string station, DateOnly date) => new(station, ReviewPeriod.Day, date);

    /// <summary>A month review of the month that contains <paramref name="anyDay"/>.</summary>
    public static ReviewSubject Month(string station, DateOnly anyDay) => new(station, ReviewPeriod.Month, new DateOnly(anyDay.Year, anyDay.Month, 1));

    /// <summary>The first local date after the period.</summary>
    public DateOnly End => Period == ReviewPeriod.Day ? Start.AddDays(1) : Start.AddMonths(1);

    public bool Contains(DateOnly date) => date >= Start && date < End;

    /// <summary>The period as users write it: yyyy-MM-dd for a day, yyyy-MM for a month.</summary>
    public string PeriodText => Start.ToString(Period == ReviewPeriod.Day ? "yyyy-MM-dd" : "yyyy-MM", CultureInfo.InvariantCulture);
}

/// <summary>
/// A verdict on one hourly value: station hour <paramref name="Hour"/> (0–23, the hour the HJ 212 label starts) of
/// local date <paramref name="Date"/> for item <paramref name="Item"/> (HJ 212 code). Invalid needs a reason; force
/// majeure needs <paramref name="Evidence"/>, a reference to the proof attached (第十八条(三) 「附有关证明材料」).
/// </summary>
public sealed record ReviewMark(DateOnly Date, int Hour, string Item, bool Valid, InvalidReason? Reason, string? Note, string? Evidence = null)
{
    /// <summary>The raw hour this mark points at.</summary>
    [JsonIgnore]
    public (DateOnly Date, int Hour, string Item) Cell => (Date, Hour, Item);
}

/// <summary>
/// 审核人员资质 — a reviewer's training certificate (第二十二条: reviewers must have passed the centre's training).
/// Valid on the local dates from <see cref="ValidFrom"/> to <see cref="ValidTo"/>, both included, until it is
/// withdrawn (<see cref="RevokedAt"/>, effective at once).
/// </summary>
public sealed record ReviewerQualification(string UserId, string CertificateNumber, DateOnly ValidFrom, DateOnly ValidTo, DateTimeOffset? RevokedAt = null)
{
    /// <summary>Whether the certificate allows review at <paramref name="now"/> (its local date in Asia/Shanghai).</summary>
    public bool IsValidAt(DateTimeOffset now)
    {
        var date = ReviewDeadlines.LocalDate(now);
        return date >= ValidFrom && date <= ValidTo && (RevokedAt is not { } revoked || now < revoked);
    }
}

/// <summary>
/// One appended step of a review (DESIGN principle 2): who, when; never changed. The state is their fold
/// (<see cref="ReviewState"/>).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(HoursMarked), "marked")]
[JsonDerivedType(typeof(ReviewSubmitted), "submitted")]
[JsonDerivedType(typeof(ReviewPostponed), "postponed")]
[JsonDerivedType(typeof(ReviewAccepted), "accepted")]
[JsonDerivedType(typeof(ReviewRejected), "rejected")]
[JsonDerivedType(typeof(LateExplanationRecorded), "explained")]
public abstract record ReviewEvent
{
    /// <summary>The discriminator of each event type, read once from the [JsonDerivedType] attributes above.</summary>
    private static readonly Dictionary<Type, string> Codes = typeof(ReviewEvent)
        .GetCustomAttributes(typeof(JsonDerivedTypeAttribute), inherit: false)
        .Cast<JsonDerivedTypeAttribute>()
        .ToDictionary(a => a.DerivedType, a => (string)a.TypeDiscriminator!);

    public DateTimeOffset At { get; init; }

    public Actor By { get; init; } = Actor.Plan;

    /// <summary>The stable code of the event's kind, as stored: marked, submitted, postponed, accepted, rejected, explained.</summary>
    [JsonIgnore]
    public string Code => Codes[GetType()];
}

/// <summary>The reviewer's verdicts on hourly values; a later mark of the same hour and item supersedes an earlier one.</summary>
public sealed record HoursMarked(IReadOnlyList<ReviewMark> Marks) : ReviewEvent;

/// <summary>报送 — round 1 is the submission, round 2 the resubmission after a rejection; late ones are kept and marked.</summary>
public sealed record ReviewSubmitted(int Round, DateTimeOffset Due, bool Late) : ReviewEvent;

/// <summary>顺延 — the daily submission owed moves by one day because of a network failure (at most twice).</summary>
public sealed record ReviewPostponed(int Number, string Reason, string? Note, DateTimeOffset NewDue) : ReviewEvent;

/// <summary>通过复核 — the centre accepts the submitted review; late when after the centre's own deadline (monthly).</summary>
public sealed record ReviewAccepted(int Round, bool Late) : ReviewEvent;

/// <summary>
/// 复核不通过 — the centre rejects the submitted review with a reason, naming the days (and items) concerned and, if it
/// wishes, its own verdicts; after the second rejection those verdicts are final. Late when after the centre's own
/// deadline (monthly).
/// </summary>
public sealed record ReviewRejected(
    int Round,
    string Reason,
    IReadOnlyList<DateOnly> Days,
    IReadOnlyList<string> Items,
    IReadOnlyList<ReviewMark> CentreMarks,
    bool Final,
    bool Late) : ReviewEvent;

/// <summary>书面说明 — the written explanation of a review not done in time (第二十三条(三)), by formal document.</summary>
public sealed record LateExplanationRecorded(string DocumentNumber, string Text, DateTimeOffset Due, bool Late) : ReviewEvent;
