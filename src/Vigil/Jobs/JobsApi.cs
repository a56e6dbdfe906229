using System.Text.Json;
using Vigil.Common;
using Vigil.Host.Monitoring;
using Vigil.Host.Security;
using Vigil.Host.Web;

namespace Vigil.Host.Jobs;

/// <summary>
/// Long jobs over HTTP (issue 6: "every long job shows progress"): start an export or a recalculation, follow its
/// progress, download the result, cancel. A user sees only their own jobs; anyone else's is not found.
/// </summary>
internal static class JobsApi
{
    public static void MapJobsApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/jobs").WithTags("Jobs").RequireAuthorization();
        group.MapGet("/", async (CurrentUser current, JobRunner runner) =>
        {
            var (access, problem) = await current.GetAsync();
            return access is null ? problem! : TypedResults.Ok(runner.Mine(access.User.Id).Select(View));
        });
        group.MapGet("/{id:guid}", (Guid id, CurrentUser current, JobRunner runner) => WithJobAsync(id, current, runner, job => TypedResults.Ok(View(job))));
        group.MapGet("/{id:guid}/result", (Guid id, CurrentUser current, JobRunner runner) => WithJobAsync(id, current, runner, job => job.Status == JobStatus.Done
            ? TypedResults.PhysicalFile(runner.ResultPath(job), "text/csv; charset=utf-8", job.ResultName)
            : ApiProblems.One(ProblemKind.Conflict, "id", "job.notDone", id)));
        group.MapPost("/{id:guid}/cancel", (Guid id, CurrentUser current, JobRunner runner) => WithJobAsync(id, current, runner, job => job.Cancel()
            ? TypedResults.Accepted($"/api/jobs/{id}", View(job))
            : ApiProblems.One(ProblemKind.Conflict, "id", "job.finished", id)));

        // {"stations": ["MN", …], "from": "yyyy-MM-dd", "to": "yyyy-MM-dd"}: the raw readings of those local days.
        group.MapPost("/readings-export", (HttpContext http, MonitoringJobs jobs) => StartAsync(http, MonitoringApi.Readers, (access, body) =>
        {
            var stations = body.Element("stations") is { ValueKind: JsonValueKind.Array } list
                ? list.EnumerateArray().Select(s => s.ValueKind == JsonValueKind.String ? s.GetString()! : s.ToString()).ToList()
                : [];
            return jobs.ExportReadingsAsync(access, stations, body.Text("from", maxLength: 10), body.Text("to", maxLength: 10));
        }));

        // {"month": "yyyy-MM"}: AQ-SCORE for every station of the user's divisions.
        group.MapPost("/monthly-assessments", (HttpContext http, MonitoringJobs jobs) => StartAsync(http, ReviewService.Readers, (access, body) =>
            jobs.AssessMonthAsync(access, body.Text("month", maxLength: 7))));
    }

    /// <summary>A job as the API and the jobs page show it.</summary>
    public static object View(Job job) => new
    {
        id = job.Id,
        kind = job.Kind,
        subject = job.Subject,
        status = job.StatusCode,
        done = job.Done,
        total = job.Total,
        percent = job.Percent,
        createdAt = job.CreatedAt,
        finishedAt = job.FinishedAt,
        result = job.Status == JobStatus.Done ? $"/api/jobs/{job.Id}/result" : null,
    };

    private static async Task<IResult> WithJobAsync(Guid id, CurrentUser current, JobRunner runner, Func<Job, IResult> answer)
    {
        var (access, problem) = await current.GetAsync();
        if (access is null)
        {
            return problem!;
        }

        return runner.Find(id, access.User.Id) is { } job ? answer(job) : ApiProblems.One(ProblemKind.NotFound, "id", "job.notFound", id);
    }

    private static async Task<IResult> StartAsync(HttpContext http, IReadOnlyCollection<string> roles, Func<Access, BodyReader, Task<Outcome<Job>>> start)
    {
        var (access, document, problem) = await ApiRequest.RequireWithBodyAsync(http, roles);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var body = new BodyReader(document!.RootElement);
            if (!body.IsValid)
            {
                return body.Problem();
            }

            var outcome = await start(access!, body);
            return outcome.IsSuccess ? TypedResults.Accepted($"/api/jobs/{outcome.Value.Id}", View(outcome.Value)) : ApiProblems.From(outcome);
        }
    }
}
