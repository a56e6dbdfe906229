using Vigil.Common;
using Vigil.Core.Tests.Common;
using Vigil.Incidents;
using Vigil.Monitoring.Review;
using Vigil.Security.Access;

namespace Vigil.Core.Tests.Monitoring.Review;

/// <summary>AQ-REVIEW: every transition allowed and refused, every deadline on both sides.</summary>
public sealed class ReviewDeciderTests
{
    private static readonly DateOnly Day = new(2026, 11, 21);
    private static readonly ReviewSubject DaySubject = ReviewSubject.Day("310104001", Day);
    private static readonly ReviewSubject MonthSubject = ReviewSubject.Month("310104001", new DateOnly(2026, 10, 1));
    private static readonly string[] Items = ["a34004", "a21026"];
    private static readonly Actor Reviewer = new("审核员甲", RoleIds.QualifiedReviewer, "u-reviewer");
    private static readonly Actor Reviewer2 = new("审核员乙", RoleIds.QualifiedReviewer, "u-reviewer2");
    private static readonly Actor Centre = new("总站复核员", RoleIds.NationalCentre, "u-centre");
    private static readonly ReviewerQualification[] Qualified =
    [
        new("u-reviewer", "CNEMC-2026-001", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)),
        new("u-reviewer2", "CNEMC-2026-002", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)),
    ];

    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0, int second = 0) =>
        new(2026, month, day, hour, minute, second, TimeSpan.FromHours(8));

    private static readonly DateTimeOffset Morning = Local(11, 22, 9);

    private static ReviewMark Calibration(int hour) => new(Day, hour, "a34004", false, InvalidReason.Calibration, "零点校准");

    private static ReviewState Apply(ReviewState state, Outcome<ReviewEvent> outcome)
    {
        Assert.True(outcome.IsSuccess, string.Join("; ", outcome.Problems));
        state.Apply(outcome.Value);
        return state;
    }

    private static ReviewState Submitted(ReviewSubject subject, DateTimeOffset at)
    {
        var state = new ReviewState(subject);
        Apply(state, ReviewDecider.Mark(state, [new(subject.Start, 3, "a34004", false, InvalidReason.Calibration, null)], Items, Reviewer, Qualified, at));
        return Apply(state, ReviewDecider.Submit(state, Reviewer, Qualified, at));
    }

    private static ReviewState Rejected(DateTimeOffset at)
    {
        var state = Submitted(DaySubject, Morning);
        return Apply(state, ReviewDecider.Reject(state, "PM2.5 3时数据与邻站不符", [], [], [], Items, Centre, at));
    }

    /// <summary>A day review brought to <paramref name="status"/> through the decider, at 23 November 10:00 at the latest.</summary>
    private static ReviewState InStatus(ReviewStatus status)
    {
        var state = new ReviewState(DaySubject);
        if (status == ReviewStatus.Pending)
        {
            return state;
        }

        Apply(state, ReviewDecider.Submit(state, Reviewer, Qualified, Morning));
        if (status == ReviewStatus.Accepted)
        {
            return Apply(state, ReviewDecider.Accept(state, Centre, Local(11, 22, 14)));
        }

        if (status != ReviewStatus.Submitted)
        {
            Apply(state, ReviewDecider.Reject(state, "x", [], [], [], Items, Centre, Local(11, 22, 14)));
        }

        if (status is ReviewStatus.Resubmitted or ReviewStatus.CentreFinal)
        {
            Apply(state, ReviewDecider.Submit(state, Reviewer, Qualified, Local(11, 23, 9)));
        }

        if (status == ReviewStatus.CentreFinal)
        {
            Apply(state, ReviewDecider.Reject(state, "x", [], [], [], Items, Centre, Local(11, 23, 9, 30)));
        }

        Assert.Equal(status, state.Status);
        return state;
    }

    /// <summary>The transition table: which command each status allows (the rest are refused as conflicts).</summary>
    [Theory]
    [InlineData(ReviewStatus.Pending, "mark submit postpone")]
    [InlineData(ReviewStatus.Submitted, "accept reject")]
    [InlineData(ReviewStatus.Returned, "mark submit postpone")]
    [InlineData(ReviewStatus.Resubmitted, "accept reject")]
    [InlineData(ReviewStatus.Accepted, "")]
    [InlineData(ReviewStatus.CentreFinal, "")]
    public void Every_status_allows_exactly_its_commands(ReviewStatus status, string allowed)
    {
        var now = Local(11, 23, 10);
        var state = InStatus(status);
        var outcomes = new Dictionary<string, Outcome<ReviewEvent>>
        {
            ["mark"] = ReviewDecider.Mark(state, [Calibration(5)], Items, Reviewer, Qualified, now),
            ["submit"] = ReviewDecider.Submit(state, Reviewer, Qualified, now),
            ["postpone"] = ReviewDecider.Postpone(state, ReviewDecider.NetworkFailure, null, Reviewer, Qualified, now),
            ["accept"] = ReviewDecider.Accept(state, Centre, now),
            ["reject"] = ReviewDecider.Reject(state, "x", [], [], [], Items, Centre, now),
        };
        foreach (var (command, outcome) in outcomes)
        {
            if (allowed.Split(' ').Contains(command))
            {
                Assert.True(outcome.IsSuccess, $"{status} {command}: {string.Join("; ", outcome.Problems)}");
            }
            else
            {
                Assert.Equal(ProblemKind.Conflict, outcome.Kind);
            }
        }
    }

    [Fact]
    public void Marking_a_calibration_hour_invalid_keeps_the_verdict_and_points_at_the_raw_hour()
    {
        var state = new ReviewState(DaySubject);
        Apply(state, ReviewDecider.Mark(state, [Calibration(3)], Items, Reviewer, Qualified, Morning));
        var verdict = state.Verdicts[(Day, 3, "a34004")];
        Assert.False(verdict.Valid);
        Assert.Equal(InvalidReason.Calibration, verdict.Reason);
        Assert.Equal(ReviewStatus.Pending, state.Status);
    }

    [Fact]
    public void A_later_mark_of_the_same_hour_supersedes_the_earlier_one_which_stays_in_the_record()
    {
        var state = new ReviewState(DaySubject);
        Apply(state, ReviewDecider.Mark(state, [Calibration(3)], Items, Reviewer, Qualified, Morning));
        Apply(state, ReviewDecider.Mark(state, [new(Day, 3, "a34004", true, null, "复查后有效")], Items, Reviewer, Qualified, Morning.AddMinutes(5)));
        Assert.True(state.Verdicts[(Day, 3, "a34004")].Valid);
        Assert.Equal(2, state.Events.OfType<HoursMarked>().Count());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(24)]
    public void Hour_outside_0_to_23_is_refused_naming_it(int hour)
    {
        var outcome = ReviewDecider.Mark(new ReviewState(DaySubject), [Calibration(hour)], Items, Reviewer, Qualified, Morning);
        Assert.Equal(ProblemKind.Invalid, outcome.Kind);
        Assert.Equal("marks[0].hour", outcome.Problems.Single().Field);
    }

    [Fact]
    public void Bad_marks_are_refused_each_naming_its_field()
    {
        ReviewMark[] marks =
        [
            new(Day.AddDays(1), 1, "a34004", false, InvalidReason.Power, null),
            new(Day, 2, "a99999", false, InvalidReason.Power, null),
            new(Day, 3, "a34004", false, null, null),
            new(Day, 4, "a34004", true, InvalidReason.Power, null),
            new(Day, 5, "a34004", false, InvalidReason.Other, " "),
            new(Day, 6, "a34004", false, InvalidReason.ForceMajeure, null),
        ];
        using var culture = new CultureScope("en");
        var outcome = ReviewDecider.Mark(new ReviewState(DaySubject), marks, Items, Reviewer, Qualified, Morning);
        Assert.Equal(
            ["marks[0].date", "marks[1].item", "marks[2].reason", "marks[3].reason", "marks[4].note", "marks[5].note"],
            outcome.Problems.Select(p => p.Field));
        Assert.Contains("a99999", outcome.Problems[1].Message, StringComparison.Ordinal);
        Assert.Equal("marks", ReviewDecider.Mark(new ReviewState(DaySubject), [], Items, Reviewer, Qualified, Morning).Problems.Single().Field);
    }

    [Fact]
    public void Problems_are_in_Chinese_by_default()
    {
        using var culture = new CultureScope("zh-CN");
        var outcome = ReviewDecider.Mark(new ReviewState(DaySubject), [new(Day, 3, "a34004", false, null, null)], Items, Reviewer, Qualified, Morning);
        Assert.Contains("须注明原因", outcome.Problems.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_qualified_reviewer_role_marks()
    {
        var outcome = ReviewDecider.Mark(new ReviewState(DaySubject), [Calibration(3)], Items, Centre, Qualified, Morning);
        Assert.Equal(ProblemKind.Forbidden, outcome.Kind);
        Assert.Equal("review.roleReviewer", outcome.Problems.Single().Code);
    }

    [Fact]
    public void A_reviewer_without_a_recorded_qualification_is_refused()
    {
        var outcome = ReviewDecider.Submit(new ReviewState(DaySubject), Reviewer, [], Morning);
        Assert.Equal(ProblemKind.Forbidden, outcome.Kind);
        Assert.Equal("review.notQualified", outcome.Problems.Single().Code);
    }

    [Fact]
    public void A_qualification_counts_on_its_first_and_last_day_and_not_after()
    {
        ReviewerQualification[] until22 = [new("u-reviewer", "CNEMC-1", new DateOnly(2026, 11, 22), new DateOnly(2026, 11, 22))];
        Assert.True(ReviewDecider.IsQualified(Reviewer, until22, Local(11, 22, 0)));
        Assert.True(ReviewDecider.IsQualified(Reviewer, until22, Local(11, 22, 23, 59, 59)));
        Assert.False(ReviewDecider.IsQualified(Reviewer, until22, Local(11, 23, 0)));
        Assert.False(ReviewDecider.IsQualified(Reviewer, until22, Local(11, 21, 23, 59, 59)));
        Assert.False(ReviewDecider.IsQualified(Reviewer2, until22, Local(11, 22, 9)));
    }

    [Fact]
    public void A_withdrawn_qualification_stops_counting_at_the_instant_of_withdrawal()
    {
        ReviewerQualification[] withdrawn = [Qualified[0] with { RevokedAt = Local(11, 22, 10) }];
        Assert.True(ReviewDecider.IsQualified(Reviewer, withdrawn, Local(11, 22, 9, 59, 59)));
        Assert.False(ReviewDecider.IsQualified(Reviewer, withdrawn, Local(11, 22, 10)));
        Assert.Equal("review.notQualified", ReviewDecider.Submit(new ReviewState(DaySubject), Reviewer, withdrawn, Local(11, 22, 10)).Problems.Single().Code);
    }

    [Fact]
    public void A_day_cannot_be_reviewed_before_it_is_over()
    {
        Assert.Equal(ProblemKind.Conflict, ReviewDecider.Mark(new ReviewState(DaySubject), [Calibration(3)], Items, Reviewer, Qualified, Local(11, 21, 23, 59, 59)).Kind);
        Assert.True(ReviewDecider.Mark(new ReviewState(DaySubject), [Calibration(3)], Items, Reviewer, Qualified, Local(11, 22, 0)).IsSuccess);
    }

    [Fact]
    public void Daily_submission_at_11_59_59_next_day_is_on_time_and_at_12_00_00_is_late_but_accepted()
    {
        var onTime = ReviewDecider.Submit(new ReviewState(DaySubject), Reviewer, Qualified, Local(11, 22, 11, 59, 59));
        Assert.False(((ReviewSubmitted)onTime.Value).Late);
        var late = ReviewDecider.Submit(new ReviewState(DaySubject), Reviewer, Qualified, Local(11, 22, 12));
        Assert.True(((ReviewSubmitted)late.Value).Late);
        Assert.Equal(Local(11, 22, 12), ((ReviewSubmitted)late.Value).Due);
    }

    [Fact]
    public void Pending_review_is_overdue_from_12_00_of_the_next_day()
    {
        var state = new ReviewState(DaySubject);
        Apply(state, ReviewDecider.Mark(state, [Calibration(3)], Items, Reviewer, Qualified, Morning));
        Assert.False(state.IsOverdue(Local(11, 22, 11, 59, 59)));
        Assert.True(state.IsOverdue(Local(11, 22, 12)));
    }

    [Fact]
    public void Submitted_review_takes_no_more_marks_nor_a_second_submission()
    {
        var state = Submitted(DaySubject, Morning);
        Assert.Equal(ReviewStatus.Submitted, state.Status);
        Assert.Equal(ProblemKind.Conflict, ReviewDecider.Mark(state, [Calibration(4)], Items, Reviewer, Qualified, Morning).Kind);
        Assert.Equal(ProblemKind.Conflict, ReviewDecider.Submit(state, Reviewer, Qualified, Morning).Kind);
        Assert.Equal(ProblemKind.Conflict, ReviewDecider.Postpone(state, ReviewDecider.NetworkFailure, null, Reviewer, Qualified, Morning).Kind);
    }

    [Fact]
    public void Centre_accepts_a_submitted_review()
    {
        var state = Submitted(DaySubject, Morning);
        Apply(state, ReviewDecider.Accept(state, Centre, Morning.AddHours(4)));
        Assert.Equal(ReviewStatus.Accepted, state.Status);
        Assert.Equal(ProblemKind.Conflict, ReviewDecider.Accept(state, Centre, Morning.AddHours(5)).Kind);
        Assert.Equal(ProblemKind.Conflict, ReviewDecider.Mark(state, [Calibration(4)], Items, Reviewer, Qualified, Morning.AddHours(5)).Kind);
    }

    [Fact]
    public void Centre_cannot_judge_a_pending_review()
    {
        Assert.Equal(ProblemKind.Conflict, ReviewDecider.Accept(new ReviewState(DaySubject), Centre, Morning).Kind);
        Assert.Equal(ProblemKind.Conflict, ReviewDecider.Reject(new ReviewState(DaySubject), "x", [], [], [], Items, Centre, Morning).Kind);
    }

    [Fact]
    public void Only_the_national_centre_role_judges()
    {
        var state = Submitted(DaySubject, Morning);
        var outcome = ReviewDecider.Accept(state, Reviewer2, Morning);
        Assert.Equal(ProblemKind.Forbidden, outcome.Kind);
        Assert.Equal("review.roleCentre", outcome.Problems.Single().Code);
        Assert.Equal(ProblemKind.Forbidden, ReviewDecider.Reject(state, "x", [], [], [], Items, Reviewer2, Morning).Kind);
    }

    [Fact]
    public void A_reviewer_who_also_holds_the_centre_role_cannot_judge_their_own_review()
    {
        var state = Submitted(DaySubject, Morning);
        var sameUser = Centre with { UserId = Reviewer.UserId };
        Assert.Equal("review.ownReview", ReviewDecider.Accept(state, sameUser, Morning).Problems.Single().Code);
        Assert.Equal("review.ownReview", ReviewDecider.Reject(state, "x", [], [], [], Items, sameUser, Morning).Problems.Single().Code);
    }

    [Fact]
    public void Rejection_needs_a_reason_and_days_and_items_of_the_review()
    {
        var state = Submitted(DaySubject, Morning);
        var outcome = ReviewDecider.Reject(state, " ", [Day.AddDays(-1)], ["a99999"], [], Items, Centre, Morning);
        Assert.Equal(["reason", "days[0]", "items[0]"], outcome.Problems.Select(p => p.Field));
    }

    [Fact]
    public void First_rejection_returns_the_day_with_its_own_deadline_12_00_the_day_after_the_rejection()
    {
        var state = Rejected(Local(11, 22, 15));
        Assert.Equal(ReviewStatus.Returned, state.Status);
        Assert.Equal(2, state.Round);
        Assert.Equal([Day], state.LastRejection!.Days);
        Assert.Equal(Local(11, 23, 12), state.SubmissionDue);
        Assert.False(((ReviewSubmitted)ReviewDecider.Submit(state, Reviewer, Qualified, Local(11, 23, 11, 59, 59)).Value).Late);
        Assert.True(((ReviewSubmitted)ReviewDecider.Submit(state, Reviewer, Qualified, Local(11, 23, 12)).Value).Late);
    }

    [Fact]
    public void Re_review_marks_then_resubmits_and_the_centre_accepts()
    {
        var state = Rejected(Local(11, 22, 15));
        Apply(state, ReviewDecider.Mark(state, [new(Day, 3, "a34004", true, null, null)], Items, Reviewer2, Qualified, Local(11, 23, 9)));
        Apply(state, ReviewDecider.Submit(state, Reviewer2, Qualified, Local(11, 23, 9)));
        Assert.Equal(ReviewStatus.Resubmitted, state.Status);
        Apply(state, ReviewDecider.Accept(state, Centre, Local(11, 23, 14)));
        Assert.Equal(ReviewStatus.Accepted, state.Status);
        Assert.True(state.Verdicts[(Day, 3, "a34004")].Valid);
    }

    [Fact]
    public void Second_rejection_makes_the_centre_verdict_final()
    {
        var state = Rejected(Local(11, 22, 15));
        Apply(state, ReviewDecider.Submit(state, Reviewer, Qualified, Local(11, 23, 9)));
        var centreVerdict = new ReviewMark(Day, 3, "a34004", true, null, "总站判定有效");
        Apply(state, ReviewDecider.Reject(state, "仍不符", [Day], ["a34004"], [centreVerdict], Items, Centre, Local(11, 23, 15)));
        Assert.Equal(ReviewStatus.CentreFinal, state.Status);
        Assert.True(state.LastRejection!.Final);
        Assert.True(state.Verdicts[(Day, 3, "a34004")].Valid);
        Assert.Null(state.SubmissionDue);
        Assert.Equal(ProblemKind.Conflict, ReviewDecider.Submit(state, Reviewer, Qualified, Local(11, 23, 16)).Kind);
        Assert.Equal(ProblemKind.Conflict, ReviewDecider.Reject(state, "x", [], [], [], Items, Centre, Local(11, 23, 16)).Kind);
        Assert.Equal(ProblemKind.Conflict, ReviewDecider.Accept(state, Centre, Local(11, 23, 16)).Kind);
    }

    [Fact]
    public void The_first_rejection_verdicts_are_guidance_not_in_force()
    {
        var state = Submitted(DaySubject, Morning);
        Apply(state, ReviewDecider.Reject(state, "x", [], [], [new(Day, 3, "a34004", true, null, null)], Items, Centre, Morning.AddHours(4)));
        Assert.False(state.Verdicts[(Day, 3, "a34004")].Valid);
    }

    [Fact]
    public void One_postponement_moves_the_daily_deadline_to_12_00_two_days_later()
    {
        var state = new ReviewState(DaySubject);
        Apply(state, ReviewDecider.Postpone(state, ReviewDecider.NetworkFailure, "专线中断", Reviewer, Qualified, Local(11, 22, 10)));
        Assert.Equal(1, state.Postponements);
        Assert.Equal(Local(11, 23, 12), state.SubmissionDue);
        Assert.False(((ReviewSubmitted)ReviewDecider.Submit(state, Reviewer, Qualified, Local(11, 23, 11, 59, 59)).Value).Late);
        Assert.True(((ReviewSubmitted)ReviewDecider.Submit(state, Reviewer, Qualified, Local(11, 23, 12)).Value).Late);
    }

    [Fact]
    public void Two_postponements_are_allowed_and_a_third_is_refused()
    {
        var state = new ReviewState(DaySubject);
        Apply(state, ReviewDecider.Postpone(state, ReviewDecider.NetworkFailure, null, Reviewer, Qualified, Local(11, 22, 10)));
        Apply(state, ReviewDecider.Postpone(state, ReviewDecider.NetworkFailure, null, Reviewer, Qualified, Local(11, 23, 10)));
        Assert.Equal(Local(11, 24, 12), state.SubmissionDue);
        Assert.False(((ReviewSubmitted)ReviewDecider.Submit(state, Reviewer, Qualified, Local(11, 24, 11, 59, 59)).Value).Late);
        Assert.True(((ReviewSubmitted)ReviewDecider.Submit(state, Reviewer, Qualified, Local(11, 24, 12)).Value).Late);
        var third = ReviewDecider.Postpone(state, ReviewDecider.NetworkFailure, null, Reviewer, Qualified, Local(11, 24, 10));
        Assert.Equal(ProblemKind.Conflict, third.Kind);
        Assert.Equal("review.postponeLimit", third.Problems.Single().Code);
    }

    [Fact]
    public void A_postponement_may_be_recorded_after_the_outage_but_not_after_the_moved_deadline()
    {
        var before = ReviewDecider.Postpone(new ReviewState(DaySubject), ReviewDecider.NetworkFailure, null, Reviewer, Qualified, Local(11, 23, 11, 59, 59));
        Assert.True(before.IsSuccess);
        var after = ReviewDecider.Postpone(new ReviewState(DaySubject), ReviewDecider.NetworkFailure, null, Reviewer, Qualified, Local(11, 23, 12));
        Assert.Equal("review.postponeTooLate", after.Problems.Single().Code);
    }

    [Fact]
    public void Postponement_needs_one_of_its_reasons_and_is_daily_only()
    {
        Assert.Equal("reason", ReviewDecider.Postpone(new ReviewState(DaySubject), "holiday", null, Reviewer, Qualified, Morning).Problems.Single().Field);
        Assert.Equal("reason", ReviewDecider.Postpone(new ReviewState(DaySubject), null, null, Reviewer, Qualified, Morning).Problems.Single().Field);
        Assert.Equal("review.postponeMonthly", ReviewDecider.Postpone(new ReviewState(MonthSubject), ReviewDecider.NetworkFailure, null, Reviewer, Qualified, Local(11, 1, 9)).Problems.Single().Code);
    }

    [Theory]
    [InlineData("network-failure", null)]
    [InlineData("power-cut", null)]
    [InlineData("natural-disaster", null)]
    [InlineData("other", "机房空调故障停机")]
    public void Postponement_accepts_network_failure_power_cut_natural_disaster_and_other_with_a_note(string reason, string? note)
    {
        var state = new ReviewState(DaySubject);
        Apply(state, ReviewDecider.Postpone(state, reason, note, Reviewer, Qualified, Local(11, 22, 10)));
        Assert.Equal(Local(11, 23, 12), state.SubmissionDue);
        Apply(state, ReviewDecider.Postpone(state, reason, note, Reviewer, Qualified, Local(11, 23, 10)));
        Assert.Equal("review.postponeLimit", ReviewDecider.Postpone(state, reason, note, Reviewer, Qualified, Local(11, 24, 10)).Problems.Single().Code);
    }

    [Fact]
    public void Postponement_for_another_reason_without_a_note_is_refused() =>
        Assert.Equal("note", ReviewDecider.Postpone(new ReviewState(DaySubject), "other", " ", Reviewer, Qualified, Local(11, 22, 10)).Problems.Single().Field);

    [Fact]
    public void A_postponement_after_a_rejection_moves_the_resubmission_and_counts_toward_the_two()
    {
        var state = new ReviewState(DaySubject);
        Apply(state, ReviewDecider.Postpone(state, ReviewDecider.NetworkFailure, null, Reviewer, Qualified, Local(11, 22, 10)));
        Apply(state, ReviewDecider.Submit(state, Reviewer, Qualified, Local(11, 23, 9)));
        Apply(state, ReviewDecider.Reject(state, "x", [], [], [], Items, Centre, Local(11, 23, 15)));
        Assert.Equal(Local(11, 24, 12), state.SubmissionDue);
        Apply(state, ReviewDecider.Postpone(state, ReviewDecider.NetworkFailure, null, Reviewer, Qualified, Local(11, 24, 10)));
        Assert.Equal(Local(11, 25, 12), state.SubmissionDue);
        Assert.Equal("review.postponeLimit", ReviewDecider.Postpone(state, ReviewDecider.NetworkFailure, null, Reviewer, Qualified, Local(11, 24, 11)).Problems.Single().Code);
    }

    [Fact]
    public void Monthly_submission_by_12_00_on_the_1st()
    {
        Assert.False(((ReviewSubmitted)ReviewDecider.Submit(new ReviewState(MonthSubject), Reviewer, Qualified, Local(11, 1, 11, 59, 59)).Value).Late);
        Assert.True(((ReviewSubmitted)ReviewDecider.Submit(new ReviewState(MonthSubject), Reviewer, Qualified, Local(11, 1, 12)).Value).Late);
        Assert.Equal(ProblemKind.Conflict, ReviewDecider.Submit(new ReviewState(MonthSubject), Reviewer, Qualified, Local(10, 31, 23, 59, 59)).Kind);
    }

    [Fact]
    public void Monthly_resubmission_by_18_00_on_the_1st()
    {
        var state = Submitted(MonthSubject, Local(11, 1, 9));
        Apply(state, ReviewDecider.Reject(state, "10月12日PM2.5异常", [new DateOnly(2026, 10, 12)], ["a34004"], [], Items, Centre, Local(11, 1, 14)));
        Assert.Equal([new DateOnly(2026, 10, 12)], state.LastRejection!.Days);
        Assert.Equal(Local(11, 1, 18), state.SubmissionDue);
        Assert.False(((ReviewSubmitted)ReviewDecider.Submit(state, Reviewer, Qualified, Local(11, 1, 17, 59, 59)).Value).Late);
        Assert.True(((ReviewSubmitted)ReviewDecider.Submit(state, Reviewer, Qualified, Local(11, 1, 18)).Value).Late);
    }

    [Fact]
    public void The_centre_finishes_the_monthly_review_before_the_2nd()
    {
        var state = Submitted(MonthSubject, Local(11, 1, 9));
        Assert.Equal(Local(11, 2, 0), ReviewDeadlines.Centre(MonthSubject));
        Assert.False(state.CentreOverdue(Local(11, 1, 23, 59, 59)));
        Assert.True(state.CentreOverdue(Local(11, 2, 0)));
        Assert.False(((ReviewAccepted)ReviewDecider.Accept(state, Centre, Local(11, 1, 23, 59, 59)).Value).Late);
        Assert.True(((ReviewAccepted)ReviewDecider.Accept(state, Centre, Local(11, 2, 0)).Value).Late);
        Assert.True(((ReviewRejected)ReviewDecider.Reject(state, "x", [], [], [], Items, Centre, Local(11, 2, 0)).Value).Late);
        Assert.Null(ReviewDeadlines.Centre(DaySubject));
        Assert.False(Submitted(DaySubject, Morning).CentreOverdue(Local(12, 31, 0)));
    }

    [Fact]
    public void Monthly_marks_may_fall_on_any_day_of_the_month_only()
    {
        var state = new ReviewState(MonthSubject);
        Assert.True(ReviewDecider.Mark(state, [new(new DateOnly(2026, 10, 31), 23, "a34004", true, null, null)], Items, Reviewer, Qualified, Local(11, 1, 9)).IsSuccess);
        Assert.Equal("marks[0].date", ReviewDecider.Mark(state, [new(new DateOnly(2026, 11, 1), 0, "a34004", true, null, null)], Items, Reviewer, Qualified, Local(11, 1, 9)).Problems.Single().Field);
    }

    [Fact]
    public void Explanation_is_not_owed_for_an_on_time_review()
    {
        var state = Submitted(DaySubject, Morning);
        Assert.Equal(ExplanationStatus.NotOwed, state.ExplanationAt(Local(12, 1, 0)));
        Assert.Equal("review.explanationNotOwed", ReviewDecider.Explain(state, "环运〔2026〕1号", "说明", Reviewer, Qualified, Morning).Problems.Single().Code);
    }

    [Fact]
    public void Explanation_is_owed_once_the_deadline_passes_and_overdue_from_00_00_a_week_after_the_day()
    {
        var state = new ReviewState(DaySubject);
        Assert.Equal(ExplanationStatus.NotOwed, state.ExplanationAt(Local(11, 22, 11, 59, 59)));
        Assert.Equal(ExplanationStatus.Owed, state.ExplanationAt(Local(11, 22, 12)));
        Assert.Equal(Local(11, 29, 0), ReviewDeadlines.Explanation(DaySubject));
        Assert.Equal(ExplanationStatus.Owed, state.ExplanationAt(Local(11, 28, 23, 59, 59)));
        Assert.Equal(ExplanationStatus.Overdue, state.ExplanationAt(Local(11, 29, 0)));
    }

    [Fact]
    public void Explanation_recorded_within_the_week_is_on_time_and_after_it_is_late()
    {
        var late = Submitted(DaySubject, Local(11, 22, 13));
        Assert.Equal(ExplanationStatus.Owed, late.ExplanationAt(Local(11, 23, 0)));
        var onTime = ReviewDecider.Explain(late, "环运〔2026〕1号", "网络中断未能按时审核", Reviewer, Qualified, Local(11, 28, 23, 59, 59));
        Assert.False(((LateExplanationRecorded)onTime.Value).Late);
        var afterWeek = ReviewDecider.Explain(late, "环运〔2026〕1号", "网络中断未能按时审核", new Actor("运维机构", RoleIds.OmAgency, "u-om"), [], Local(11, 29, 0));
        Assert.True(((LateExplanationRecorded)afterWeek.Value).Late);
        Apply(late, onTime);
        Assert.Equal(ExplanationStatus.Recorded, late.ExplanationAt(Local(12, 1, 0)));
        Assert.Equal("review.explanationExists", ReviewDecider.Explain(late, "x", "y", Reviewer, Qualified, Local(12, 1, 0)).Problems.Single().Code);
    }

    [Fact]
    public void Explanation_needs_document_and_text_and_the_right_role()
    {
        var late = Submitted(DaySubject, Local(11, 22, 13));
        Assert.Equal(["documentNumber", "text"], ReviewDecider.Explain(late, "", " ", Reviewer, Qualified, Local(11, 23, 0)).Problems.Select(p => p.Field));
        Assert.Equal("review.explainRole", ReviewDecider.Explain(late, "x", "y", Centre, Qualified, Local(11, 23, 0)).Problems.Single().Code);
        Assert.Equal("review.notQualified", ReviewDecider.Explain(late, "x", "y", Reviewer, [], Local(11, 23, 0)).Problems.Single().Code);
    }

    [Fact]
    public void Monthly_explanation_is_due_a_week_after_the_month()
    {
        Assert.Equal(Local(11, 8, 0), ReviewDeadlines.Explanation(MonthSubject));
        var pending = new ReviewState(MonthSubject);
        Assert.Equal(ExplanationStatus.Owed, pending.ExplanationAt(Local(11, 7, 23, 59, 59)));
        Assert.Equal(ExplanationStatus.Overdue, pending.ExplanationAt(Local(11, 8, 0)));
    }

    [Fact]
    public void Replaying_the_events_gives_the_same_state()
    {
        var state = Rejected(Local(11, 22, 15));
        var replayed = ReviewState.Replay(DaySubject, state.Events);
        Assert.Equal(state.Status, replayed.Status);
        Assert.Equal(state.SubmissionDue, replayed.SubmissionDue);
        Assert.Equal(state.Verdicts.Count, replayed.Verdicts.Count);
    }

    [Fact]
    public void Every_status_and_message_is_localized_in_both_languages()
    {
        foreach (var status in Enum.GetValues<ReviewStatus>())
        {
            string en, zh;
            using (new CultureScope("en"))
            {
                en = ReviewText.Status(status);
            }

            using (new CultureScope("zh-CN"))
            {
                zh = ReviewText.Status(status);
            }

            Assert.NotEqual(en, zh);
        }
    }

    [Theory]
    [InlineData("calibration", InvalidReason.Calibration)]
    [InlineData("instrument-fault", InvalidReason.InstrumentFault)]
    [InlineData("force-majeure", InvalidReason.ForceMajeure)]
    public void Reason_codes_round_trip(string code, InvalidReason reason)
    {
        Assert.True(InvalidReasons.TryParse(code, out var parsed));
        Assert.Equal(reason, parsed);
        Assert.Equal(code, InvalidReasons.Code(reason));
        Assert.False(InvalidReasons.TryParse("Calibration", out _));
    }
}
