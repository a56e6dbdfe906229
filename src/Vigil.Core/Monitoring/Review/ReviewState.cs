namespace Vigil.Monitoring.Review;

/// <summary>Whether a written explanation is owed for a review (第二十三条(三)), and how it stands.</summary>
public enum ExplanationStatus
{
    /// <summary>The review was and is on time.</summary>
    NotOwed,

    /// <summary>A deadline was missed; the explanation is due and its own deadline has not passed.</summary>
    Owed,

    /// <summary>A deadline was missed and the explanation is later than 1 week after the data.</summary>
    Overdue,

    /// <summary>Recorded within the week.</summary>
    Recorded,

    /// <summary>Recorded, but after the week.</summary>
    RecordedLate,
}

/// <summary>
/// A review folded from its events (AQ-REVIEW). Pure: the same events always give the same state; time-dependent
/// answers (overdue, explanation owed) take the instant as an argument.
/// </summary>
public sealed class ReviewState
{
    private readonly List<ReviewEvent> _events = [];
    private readonly Dictionary<(DateOnly, int, string), ReviewMark> _reviewerMarks = [];
    private readonly HashSet<string> _reviewers = new(StringComparer.Ordinal);

    public ReviewState(ReviewSubject subject)
    {
        Subject = subject;
        SubmissionDue = ReviewDeadlines.Submission(subject, 0);
    }

    public ReviewSubject Subject { get; }

    public IReadOnlyList<ReviewEvent> Events => _events;

    public ReviewStatus Status { get; private set; }

    /// <summary>1 until the first rejection, then 2 (the re-review).</summary>
    public int Round => Status is ReviewStatus.Pending or ReviewStatus.Submitted ? 1 : 2;

    /// <summary>Postponements recorded on the whole review (at most <see cref="ReviewDeadlines.MaxPostponements"/>).</summary>
    public int Postponements { get; private set; }

    /// <summary>When the submission now owed is due; null while nothing is owed by the reviewer.</summary>
    public DateTimeOffset? SubmissionDue { get; private set; }

    /// <summary>Whether any submission was late (a reviewer deadline missed, 迟报).</summary>
    public bool AnySubmissionLate { get; private set; }

    public ReviewRejected? LastRejection { get; private set; }

    public LateExplanationRecorded? Explanation { get; private set; }

    /// <summary>User ids of everyone who marked or submitted: none of them may judge the review.</summary>
    public IReadOnlySet<string> Reviewers => _reviewers;

    /// <summary>
    /// The verdicts in force per raw hour: the reviewer's latest marks, overlaid by the centre's verdicts once its
    /// second rejection made them final (以中国环境监测总站最终复核结果为准).
    /// </summary>
    public IReadOnlyDictionary<(DateOnly Date, int Hour, string Item), ReviewMark> Verdicts
    {
        get
        {
            var verdicts = new Dictionary<(DateOnly, int, string), ReviewMark>(_reviewerMarks);
            if (Status == ReviewStatus.CentreFinal && LastRejection is { } final)
            {
                foreach (var mark in final.CentreMarks)
                {
                    verdicts[mark.Cell] = mark;
                }
            }

            return verdicts;
        }
    }

    /// <summary>Whether the reviewer may still mark and submit.</summary>
    public bool AwaitsReviewer => Status is ReviewStatus.Pending or ReviewStatus.Returned;

    /// <summary>Whether the centre has something to judge.</summary>
    public bool AwaitsCentre => Status is ReviewStatus.Submitted or ReviewStatus.Resubmitted;

    /// <summary>The reviewer's deadline has passed with nothing submitted.</summary>
    public bool IsOverdue(DateTimeOffset now) => AwaitsReviewer && SubmissionDue is { } due && now >= due;

    /// <summary>The centre's deadline (monthly only) has passed with the review still waiting for it.</summary>
    public bool CentreOverdue(DateTimeOffset now) => AwaitsCentre && ReviewDeadlines.Centre(Subject) is { } due && now >= due;

    /// <summary>第二十三条(三): whether a written explanation is owed at <paramref name="now"/> and how it stands.</summary>
    public ExplanationStatus ExplanationAt(DateTimeOffset now)
    {
        if (Explanation is { } recorded)
        {
            return recorded.Late ? ExplanationStatus.RecordedLate : ExplanationStatus.Recorded;
        }

        if (!AnySubmissionLate && !IsOverdue(now))
        {
            return ExplanationStatus.NotOwed;
        }

        return now >= ReviewDeadlines.Explanation(Subject) ? ExplanationStatus.Overdue : ExplanationStatus.Owed;
    }

    public static ReviewState Replay(ReviewSubject subject, IEnumerable<ReviewEvent> events)
    {
        var state = new ReviewState(subject);
        foreach (var e in events)
        {
            state.Apply(e);
        }

        return state;
    }

    /// <summary>Folds one event; the decider has already checked it is allowed.</summary>
    public void Apply(ReviewEvent e)
    {
        _events.Add(e);
        switch (e)
        {
            case HoursMarked marked:
                foreach (var mark in marked.Marks)
                {
                    _reviewerMarks[mark.Cell] = mark;
                }

                Remember(e);
                break;
            case ReviewSubmitted submitted:
                Status = submitted.Round == 1 ? ReviewStatus.Submitted : ReviewStatus.Resubmitted;
                AnySubmissionLate |= submitted.Late;
                SubmissionDue = null;
                Remember(e);
                break;
            case ReviewPostponed postponed:
                Postponements = postponed.Number;
                SubmissionDue = postponed.NewDue;
                break;
            case ReviewAccepted:
                Status = ReviewStatus.Accepted;
                break;
            case ReviewRejected rejected:
                LastRejection = rejected;
                Status = rejected.Final ? ReviewStatus.CentreFinal : ReviewStatus.Returned;
                SubmissionDue = rejected.Final ? null : ReviewDeadlines.Resubmission(Subject, rejected.At, 0);
                break;
            case LateExplanationRecorded explained:
                Explanation = explained;
                break;
        }
    }

    /// <summary>Postponements that moved the submission owed now (those since the last rejection, or all of them).</summary>
    internal int PostponementsThisRound =>
        _events.OfType<ReviewPostponed>().Count(p => LastRejection is null || p.At >= LastRejection.At);

    private void Remember(ReviewEvent e)
    {
        if (e.By.UserId is { } id)
        {
            _reviewers.Add(id);
        }
    }
}
