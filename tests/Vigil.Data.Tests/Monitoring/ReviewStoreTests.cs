using System.Data.Common;
using Vigil.Data.Monitoring;
using Vigil.Data.Security;
using Vigil.Incidents;
using Vigil.Monitoring.Review;
using Vigil.Security.Access;

namespace Vigil.Data.Tests.Monitoring;

/// <summary>The review layer on each engine: replay, verdict rows in force, concurrency, append-only.</summary>
public abstract class ReviewStoreTests : StorageTest
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 22, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly Day = new(2026, 11, 21);
    private static readonly ReviewSubject Subject = ReviewSubject.Day("310104001", Day);
    private static readonly string[] Items = ["a34004"];
    private static readonly Actor Reviewer = new("审核员甲", RoleIds.QualifiedReviewer, "u1");
    private static readonly Actor Centre = new("总站复核员", RoleIds.NationalCentre, "u2");
    private static readonly ReviewerQualification[] Qualified = [new("u1", "CNEMC-1", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31))];

    protected ReviewStoreTests(DatabaseProvider provider)
        : base(provider)
    {
        using var db = Database.NewContext();
        db.Add(new StationRecord { Code = "310104001", Name = "测试站", DivisionCode = "310104", Items = "a34004" });
        db.Add(new UserRecord { Id = "u1", UserName = "u1", NormalizedUserName = "U1", DisplayName = "审核员甲" });
        db.SaveChanges();
    }

    private async Task Append(Func<ReviewState, Vigil.Common.Outcome<ReviewEvent>> decide)
    {
        await using var db = Database.NewContext();
        var store = new ReviewStore(db);
        var state = await store.LoadAsync(Subject);
        await store.AppendAsync(Subject, state.Events.Count, decide(state).Value);
    }

    [Fact]
    public async Task Stored_review_replays_and_only_final_or_reviewer_verdicts_are_in_force()
    {
        await Append(s => ReviewDecider.Mark(s, [new(Day, 3, "a34004", false, InvalidReason.Calibration, "校准")], Items, Reviewer, Qualified, Morning));
        await Append(s => ReviewDecider.Submit(s, Reviewer, Qualified, Morning));
        await Append(s => ReviewDecider.Reject(s, "复核不通过", [], [], [new(Day, 4, "a34004", false, InvalidReason.Other, "总站意见")], Items, Centre, Morning.AddHours(4)));

        await using var db = Database.NewContext();
        var store = new ReviewStore(db);
        var state = await store.LoadAsync(Subject);
        Assert.Equal(ReviewStatus.Returned, state.Status);
        Assert.Equal(InvalidReason.Calibration, state.Verdicts[(Day, 3, "a34004")].Reason);
        var inForce = await store.VerdictsInForceAsync("310104001", Day, Day.AddDays(1));
        Assert.Equal([(Day, 3, "a34004")], inForce.Keys);

        await Append(s => ReviewDecider.Submit(s, Reviewer, Qualified, Morning.AddHours(24)));
        await Append(s => ReviewDecider.Reject(s, "仍不通过", [], [], [new(Day, 3, "a34004", true, null, "总站判定有效")], Items, Centre, Morning.AddHours(28)));
        inForce = await store.VerdictsInForceAsync("310104001", Day, Day.AddDays(1));
        Assert.True(inForce[(Day, 3, "a34004")].Valid);
        var many = await store.LoadManyAsync(["310104001"], ReviewPeriod.Day, Day, Day.AddDays(1));
        Assert.Equal(ReviewStatus.CentreFinal, many[Subject].Status);
    }

    [Fact]
    public async Task A_second_writer_at_the_same_position_is_refused_and_writes_nothing()
    {
        await using var db = Database.NewContext();
        var store = new ReviewStore(db);
        var state = await store.LoadAsync(Subject);
        var mark = ReviewDecider.Mark(state, [new(Day, 3, "a34004", false, InvalidReason.Power, null)], Items, Reviewer, Qualified, Morning).Value;
        await store.AppendAsync(Subject, 0, mark);
        await Assert.ThrowsAsync<ConcurrentReviewException>(() => store.AppendAsync(Subject, 0, mark));
        Assert.Single((await store.LoadAsync(Subject)).Events);
        Assert.Single(await store.VerdictsInForceAsync("310104001", Day, Day.AddDays(1)));
    }

    [Theory]
    [InlineData("UPDATE review_events SET \"Type\" = 'x'")]
    [InlineData("DELETE FROM review_verdicts")]
    [InlineData("UPDATE reviewer_qualifications SET \"ValidTo\" = '2099-12-31'")]
    [InlineData("DELETE FROM reviewer_qualifications")]
    [InlineData("DELETE FROM reviewer_qualification_revocations")]
    public async Task The_database_refuses_to_rewrite_the_review_layer(string sql)
    {
        await Append(s => ReviewDecider.Mark(s, [new(Day, 3, "a34004", false, InvalidReason.Power, null)], Items, Reviewer, Qualified, Morning));
        await using (var db = Database.NewContext())
        {
            var store = new ReviewStore(db);
            await store.AddQualificationAsync(new ReviewerQualificationRecord { UserId = "u1", CertificateNumber = "CNEMC-1", ValidFrom = new DateOnly(2026, 1, 1), ValidTo = new DateOnly(2026, 12, 31), RecordedBy = "admin" });
            await store.RevokeAsync(new ReviewerQualificationRevocationRecord { CertificateNumber = "CNEMC-1", Reason = "注销", RevokedAt = Morning, RevokedBy = "admin" });
        }

        var error = Assert.ThrowsAny<DbException>(() => Database.Execute(sql));
        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Qualifications_are_read_back_per_user()
    {
        await using var db = Database.NewContext();
        var store = new ReviewStore(db);
        await store.AddQualificationAsync(new ReviewerQualificationRecord { UserId = "u1", CertificateNumber = "CNEMC-9", ValidFrom = new DateOnly(2026, 1, 1), ValidTo = new DateOnly(2026, 6, 30), RecordedBy = "admin" });
        Assert.Equal([new ReviewerQualification("u1", "CNEMC-9", new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30))], await store.QualificationsAsync("u1"));
        Assert.NotNull(await store.CertificateAsync("CNEMC-9"));
        Assert.Empty(await store.QualificationsAsync("u2"));

        var at = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(8));
        await store.RevokeAsync(new ReviewerQualificationRevocationRecord { CertificateNumber = "CNEMC-9", Reason = "培训证书被注销", RevokedAt = at, RevokedBy = "admin" });
        Assert.Equal(at, (await store.QualificationsAsync("u1")).Single().RevokedAt);
        Assert.Equal("培训证书被注销", (await store.AllQualificationsAsync()).Single().Revocation!.Reason);
    }
}

public sealed class ReviewStoreOnSqlite() : ReviewStoreTests(DatabaseProvider.Sqlite);

public sealed class ReviewStoreOnPostgreSql() : ReviewStoreTests(DatabaseProvider.PostgreSql);
