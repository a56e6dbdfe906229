using Vigil.Common;
using Vigil.Incidents;
using Vigil.Security.Access;

namespace Vigil.Monitoring.Review;

/// <summary>
/// Decides review commands (AQ-REVIEW, pure): given the state, the actor and the time it returns the event to append,
/// or the problems that refuse it; a refused command changes nothing. Reviewers act in the qualified-reviewer role and
/// must hold a qualification valid that day (第二十二条); only the national-centre role judges (第二十四条), and never
/// a review it marked or submitted itself. Late submissions are accepted and marked late: a regulator needs the
/// record of a late review (第三十四条(二) 迟报), not a lost day.
/// </summary>
public static class ReviewDecider
{
    /// <summary>The first reason a postponement may take (第二十三条(一): 因网络故障等原因).</summary>
    public const string NetworkFailure = "network-failure";

    /// <summary>The postponement reason that needs a note saying what happened.</summary>
    public const string OtherCause = "other";

    /// <summary>
    /// The reasons a postponement may take: 「因网络故障等原因」 — the 等 admits causes of the same kind that stop the
    /// day's submission (a power cut, a natural disaster) and any other with a note saying what.
    /// </summary>
    public static IReadOnlyList<string> PostponementReasons { get; } = [NetworkFailure, "power-cut", "natural-disaster", OtherCause];

    /// <summary>Records the reviewer's verdicts on hourly values; the raw values stay as they are.</summary>
    /// <param name="state">The review so far.</param>
    /// <param name="marks">The verdicts; each names its date, hour and item.</param>
    /// <param name="stationItems">The item codes the station measures.</param>
    /// <param name="by">The actor.</param>
    /// <param name="qualifications">The actor's recorded qualifications.</param>
    /// <param name="now">The time of the command.</param>
    public static Outcome<ReviewEvent> Mark(
        ReviewState state, IReadOnlyList<ReviewMark> marks, IReadOnlyCollection<string> stationItems, Actor by,
        IReadOnlyCollection<ReviewerQualification> qualifications, DateTimeOffset now)
    {
        if ((Reviewer(by, qualifications, now) ?? OpenForReviewer(state, now)) is { } refused)
        {
            return refused;
        }

        var problems = CheckMarks(state.Subject, marks, stationItems, "marks");
        return problems.Count > 0 ? Outcome.Refused<ReviewEvent>(problems) : new HoursMarked(marks) { At = now, By = by };
    }

    /// <summary>Submits (round 1) or resubmits (round 2) the review; after the deadline it is recorded as late.</summary>
    public static Outcome<ReviewEvent> Submit(
        ReviewState state, Actor by, IReadOnlyCollection<ReviewerQualification> qualifications, DateTimeOffset now)
    {
        if ((Reviewer(by, qualifications, now) ?? OpenForReviewer(state, now)) is { } refused)
        {
            return refused;
        }

        var due = state.SubmissionDue!.Value;
        return new ReviewSubmitted(state.Round, due, now >= due) { At = now, By = by };
    }

    /// <summary>
    /// 顺延 — a network failure, power cut, natural disaster or other cause (with a note) moves the daily submission
    /// owed by one day, at most twice per station-day (「最多顺延2日」). It may be
    /// recorded after the failure (the network was down), but not once the moved deadline has passed as well.
    /// </summary>
    public static Outcome<ReviewEvent> Postpone(
        ReviewState state, string? reason, string? note, Actor by, IReadOnlyCollection<ReviewerQualification> qualifications, DateTimeOffset now)
    {
        if ((Reviewer(by, qualifications, now) ?? OpenForReviewer(state, now)) is { } refused)
        {
            return refused;
        }

        if (state.Subject.Period == ReviewPeriod.Month)
        {
            return Outcome.Conflict<ReviewEvent>(ReviewText.Problem("period", "review.postponeMonthly"));
        }

        if (reason is null || !PostponementReasons.Contains(reason, StringComparer.Ordinal))
        {
            return Outcome.Refused<ReviewEvent>(ReviewText.Problem("reason", "review.postponeReason", reason ?? "", string.Join(", ", PostponementReasons)));
        }

        if (reason == OtherCause && string.IsNullOrWhiteSpace(note))
        {
            return Outcome.Refused<ReviewEvent>(ReviewText.Problem("note", "review.postponeNote"));
        }

        if (state.Postponements >= ReviewDeadlines.MaxPostponements)
        {
            return Outcome.Conflict<ReviewEvent>(ReviewText.Problem("reason", "review.postponeLimit", state.Postponements, ReviewDeadlines.MaxPostponements));
        }

        var shift = state.PostponementsThisRound + 1;
        var newDue = state.LastRejection is { } rejected
            ? ReviewDeadlines.Resubmission(state.Subject, rejected.At, shift)
            : ReviewDeadlines.Submission(state.Subject, shift);
        if (now >= newDue)
        {
            return Outcome.Conflict<ReviewEvent>(ReviewText.Problem("reason", "review.postponeTooLate", Local(newDue)));
        }

        return new ReviewPostponed(state.Postponements + 1, reason, note, newDue) { At = now, By = by };
    }

    /// <summary>通过复核 — the centre accepts a submitted review.</summary>
    public static Outcome<ReviewEvent> Accept(ReviewState state, Actor by, DateTimeOffset now) =>
        Judge(state, by) is { } refused ? refused : new ReviewAccepted(state.Round, state.CentreOverdue(now)) { At = now, By = by };

    /// <summary>
    /// 复核不通过 — the centre returns the review with a reason and the days and items concerned; the second rejection
    /// is final and the centre's own verdicts (<paramref name="centreMarks"/>) then stand.
    /// </summary>
    public static Outcome<ReviewEvent> Reject(
        ReviewState state, string? reason, IReadOnlyList<DateOnly> days, IReadOnlyList<string> items, IReadOnlyList<ReviewMark> centreMarks,
        IReadOnlyCollection<string> stationItems, Actor by, DateTimeOffset now)
    {
        if (Judge(state, by) is { } refused)
        {
            return refused;
        }

        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(reason))
        {
            problems.Add(ReviewText.Problem("reason", "review.rejectReason"));
        }

        for (var i = 0; i < days.Count; i++)
        {
            if (!state.Subject.Contains(days[i]))
            {
                problems.Add(ReviewText.Problem($"days[{i}]", "review.markDate", days[i].ToString("yyyy-MM-dd", null), state.Subject.PeriodText));
            }
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (!stationItems.Contains(items[i]))
            {
                problems.Add(ReviewText.Problem($"items[{i}]", "review.markItem", items[i], string.Join(' ', stationItems)));
            }
        }

        problems.AddRange(CheckMarks(state.Subject, centreMarks, stationItems, "marks", allowEmpty: true));
        if (problems.Count > 0)
        {
            return Outcome.Refused<ReviewEvent>(problems);
        }

        // A day review concerns its one day even when the centre names none.
        IReadOnlyList<DateOnly> concerned = days.Count == 0 && state.Subject.Period == ReviewPeriod.Day ? [state.Subject.Start] : days;
        return new ReviewRejected(state.Round, reason!.Trim(), concerned, items, centreMarks, Final: state.Round == 2, Late: state.CentreOverdue(now)) { At = now, By = by };
    }

    /// <summary>
    /// 书面说明 — the written explanation, by formal document, of a review not done in time (第二十三条(三)); sent by
    /// the O&amp;M agency or its qualified reviewer; recorded late when after the week.
    /// </summary>
    public static Outcome<ReviewEvent> Explain(
        ReviewState state, string? documentNumber, string? text, Actor by, IReadOnlyCollection<ReviewerQualification> qualifications, DateTimeOffset now)
    {
        if (by.Role != RoleIds.OmAgency && Reviewer(by, qualifications, now) is { } refused)
        {
            return by.Role == RoleIds.QualifiedReviewer
                ? refused
                : Outcome.Forbidden<ReviewEvent>(ReviewText.Problem("role", "review.explainRole", by.Role));
        }

        if (state.Explanation is { } recorded)
        {
            return Outcome.Conflict<ReviewEvent>(ReviewText.Problem("documentNumber", "review.explanationExists", recorded.DocumentNumber));
        }

        if (state.ExplanationAt(now) == ExplanationStatus.NotOwed)
        {
            return Outcome.Conflict<ReviewEvent>(ReviewText.Problem("documentNumber", "review.explanationNotOwed"));
        }

        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(documentNumber))
        {
            problems.Add(ReviewText.Problem("documentNumber", "review.textRequired"));
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(ReviewText.Problem("text", "review.textRequired"));
        }

        if (problems.Count > 0)
        {
            return Outcome.Refused<ReviewEvent>(problems);
        }

        var due = ReviewDeadlines.Explanation(state.Subject);
        return new LateExplanationRecorded(documentNumber!.Trim(), text!.Trim(), due, now >= due) { At = now, By = by };
    }

    /// <summary>Whether <paramref name="by"/> may review at <paramref name="now"/>: the role and a valid qualification.</summary>
    public static bool IsQualified(Actor by, IReadOnlyCollection<ReviewerQualification> qualifications, DateTimeOffset now) =>
        Reviewer(by, qualifications, now) is null;

    private static Outcome<ReviewEvent>? Reviewer(Actor by, IReadOnlyCollection<ReviewerQualification> qualifications, DateTimeOffset now)
    {
        if (by.Role != RoleIds.QualifiedReviewer)
        {
            return Outcome.Forbidden<ReviewEvent>(ReviewText.Problem("role", "review.roleReviewer", by.Role));
        }

        var today = ReviewDeadlines.LocalDate(now);
        return qualifications.Any(q => q.UserId == by.UserId && q.IsValidAt(now))
            ? null
            : Outcome.Forbidden<ReviewEvent>(ReviewText.Problem("qualification", "review.notQualified", today.ToString("yyyy-MM-dd", null)));
    }

    private static Outcome<ReviewEvent>? OpenForReviewer(ReviewState state, DateTimeOffset now)
    {
        var over = ReviewDeadlines.PeriodOver(state.Subject);
        if (now < over)
        {
            return Outcome.Conflict<ReviewEvent>(ReviewText.Problem("period", "review.periodNotOver", state.Subject.PeriodText, Local(over)));
        }

        return state.AwaitsReviewer
            ? null
            : Outcome.Conflict<ReviewEvent>(ReviewText.Problem("status", "review.notOpen", ReviewText.Status(state.Status)));
    }

    private static Outcome<ReviewEvent>? Judge(ReviewState state, Actor by)
    {
        if (by.Role != RoleIds.NationalCentre)
        {
            return Outcome.Forbidden<ReviewEvent>(ReviewText.Problem("role", "review.roleCentre", by.Role));
        }

        if (by.UserId is { } id && state.Reviewers.Contains(id))
        {
            return Outcome.Forbidden<ReviewEvent>(ReviewText.Problem("role", "review.ownReview"));
        }

        return state.AwaitsCentre
            ? null
            : Outcome.Conflict<ReviewEvent>(ReviewText.Problem("status", "review.notSubmitted", ReviewText.Status(state.Status)));
    }

    private static List<Problem> CheckMarks(ReviewSubject subject, IReadOnlyList<ReviewMark> marks, IReadOnlyCollection<string> stationItems, string field, bool allowEmpty = false)
    {
        var problems = new List<Problem>();
        if (marks.Count == 0 && !allowEmpty)
        {
            problems.Add(ReviewText.Problem(field, "review.noMarks"));
        }

        for (var i = 0; i < marks.Count; i++)
        {
            var mark = marks[i];
            var at = $"{field}[{i}]";
            if (!subject.Contains(mark.Date))
            {
                problems.Add(ReviewText.Problem(at + ".date", "review.markDate", mark.Date.ToString("yyyy-MM-dd", null), subject.PeriodText));
            }

            if (mark.Hour is < 0 or > 23)
            {
                problems.Add(ReviewText.Problem(at + ".hour", "review.markHour", mark.Hour));
            }

            if (!stationItems.Contains(mark.Item))
            {
                problems.Add(ReviewText.Problem(at + ".item", "review.markItem", mark.Item, string.Join(' ', stationItems)));
            }

            if (mark.Valid && mark.Reason is not null)
            {
                problems.Add(ReviewText.Problem(at + ".reason", "review.reasonOnValid"));
            }
            else if (!mark.Valid && mark.Reason is null)
            {
                problems.Add(ReviewText.Problem(at + ".reason", "review.reasonRequired", string.Join(", ", InvalidReasons.All)));
            }
            else if (mark.Reason is { } reason && InvalidReasons.NeedsNote(reason) && string.IsNullOrWhiteSpace(mark.Note))
            {
                problems.Add(ReviewText.Problem(at + ".note", "review.noteRequired", InvalidReasons.Code(reason)));
            }
        }

        return problems;
    }

    private static string Local(DateTimeOffset instant) =>
        instant.ToOffset(ReviewDeadlines.ShanghaiOffset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
