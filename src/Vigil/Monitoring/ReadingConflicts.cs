using System.Globalization;
using Vigil.Common;
using Vigil.Data;
using Vigil.Data.Monitoring;
using Vigil.Host.Security;
using Vigil.Host.Web;

namespace Vigil.Host.Monitoring;

/// <summary>A recorded conflict beside the value in force, as the review page and the API show it.</summary>
internal sealed record ConflictView(
    long Id, string DataTime, int Command, string Item, string Field, string? FirstValue, string? FirstFlag, string Value, string Flag,
    DateTimeOffset ReceivedAt, string? Decision, string? DecisionReason, string? DecidedBy, DateTimeOffset? DecidedAt);

/// <summary>
/// Conflicting values of a station-day (AQ-DATA, every packet once): a resend with different values for a slot that
/// already has one keeps the first in force and is recorded; a qualified reviewer decides on it with a reason
/// (AQ-REVIEW), <c>keepFirst</c> or <c>acceptOther</c>, on the station-day review page or over HTTP. Audited.
/// </summary>
internal sealed class ReadingConflicts(MonitoringStore store, VigilDbContext db, TimeProvider clock)
{
    public const string KeepFirst = "keepFirst";

    public const string AcceptOther = "acceptOther";

    /// <summary>The conflicts of the station's local day, each beside the value in force; 404 outside the jurisdiction.</summary>
    public async Task<Outcome<List<ConflictView>>> ListAsync(Access access, string code, DateOnly day)
    {
        if (await store.StationAsync(code) is not { } station || !access.Sees(station.DivisionCode, ReviewService.Readers))
        {
            return Outcome<List<ConflictView>>.Failure(ProblemKind.NotFound, ApiProblems.Problem("code", "station.notFound", code));
        }

        var views = new List<ConflictView>();
        foreach (var c in await store.ConflictsAsync(code, StationQueries.LocalMidnight(day), StationQueries.LocalMidnight(day.AddDays(1))))
        {
            views.Add(View(c, await store.FirstValueAsync(c)));
        }

        return views;
    }

    /// <summary><c>{decision: keepFirst|acceptOther, reason}</c> by a qualified reviewer of the station's division.</summary>
    public async Task<Outcome<ConflictView>> DecideAsync(Access access, string code, long id, BodyReader body)
    {
        if (await store.StationAsync(code) is not { } station || !access.Sees(station.DivisionCode, ReviewService.Readers))
        {
            return Outcome<ConflictView>.Failure(ProblemKind.NotFound, ApiProblems.Problem("code", "station.notFound", code));
        }

        var role = access.RoleAt(station.DivisionCode, ReviewService.Reviewers);
        if (!role.IsSuccess)
        {
            return Outcome<ConflictView>.Failure(role.Kind, role.Problems);
        }

        var decision = body.Text("decision", required: true, maxLength: 16);
        var reason = body.Text("reason", required: true, maxLength: 400);
        if (decision is not null and not (KeepFirst or AcceptOther))
        {
            body.Add("decision", "conflict.decision", KeepFirst, AcceptOther);
        }

        if (!body.IsValid || decision is null || reason is null)
        {
            return body.Refused<ConflictView>();
        }

        var now = clock.GetUtcNow();
        var decided = await store.DecideAsync(id, decision, reason, access.ActorAs(role.Value).Name, now);
        if (decided is null || decided.StationCode != code)
        {
            return Outcome<ConflictView>.Failure(ProblemKind.Conflict, ApiProblems.Problem("id", "conflict.decided", id));
        }

        // AQ-REVIEW with SEC non-repudiation: the decision and its audit entry are saved in one transaction.
        db.Audit(access.Audit(role.Value, "reading.conflict.decide", "ReadingConflict", id.ToString(CultureInfo.InvariantCulture), station.DivisionCode,
            new { decision, reason, decided.Item, decided.Field, decided.DataTime, decided.Value }), now);
        await db.SaveChangesAsync();
        return View(decided, await store.FirstValueAsync(decided));
    }

    private static ConflictView View(ReadingConflictRecord c, RawReadingRecord? first) => new(
        c.Id, c.DataTime.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), c.Command, c.Item, c.Field,
        first?.Value, first?.Flag, c.Value, c.Flag, c.ReceivedAt, c.Decision, c.DecisionReason, c.DecidedBy, c.DecidedAt);
}
