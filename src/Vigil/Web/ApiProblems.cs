using System.Text.Json;
using Vigil.Common;

namespace Vigil.Host.Web;

/// <summary>RFC 9457 problem details for refused input: status by kind, localized title, and every field problem.</summary>
internal static class ApiProblems
{
    public static IResult From(ProblemKind kind, IReadOnlyList<Problem> problems)
    {
        var status = kind switch
        {
            ProblemKind.Forbidden => StatusCodes.Status403Forbidden,
            ProblemKind.Conflict => StatusCodes.Status409Conflict,
            ProblemKind.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status400BadRequest,
        };
        return TypedResults.Problem(
            title: HostText.Format("problem." + kind.ToString().ToLowerInvariant()),
            detail: problems[0].Message,
            statusCode: status,
            type: "https://vigil.example/problems/" + problems[0].Code,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = problems.Select(p => new { field = p.Field, code = p.Code, message = p.Message }).ToList(),
            });
    }

    public static IResult From<T>(Outcome<T> outcome) => From(outcome.Kind, outcome.Problems);

    /// <summary>A problem with a status no <see cref="ProblemKind"/> maps to (401, 413).</summary>
    public static IResult WithStatus(int status, string field, string code, params object?[] args)
    {
        var message = HostText.Format(code, [field, .. args]);
        return TypedResults.Problem(
            title: message,
            detail: message,
            statusCode: status,
            type: "https://vigil.example/problems/" + code,
            extensions: new Dictionary<string, object?> { ["errors"] = new[] { new { field, code, message } } });
    }

    public static IResult One(ProblemKind kind, string field, string code, params object?[] args) => From(kind, [Problem(field, code, args)]);

    /// <summary>A problem with the host's text for <paramref name="code"/>, its message naming <paramref name="field"/>.</summary>
    public static Problem Problem(string field, string code, params object?[] args) => new(field, code, HostText.Format(code, [field, .. args]));

    /// <summary>
    /// Reads the request body as JSON. Malformed JSON is answered with the line and column of the fault; the minimal
    /// API binder would only say "failed to read", which names nothing a user can fix.
    /// </summary>
    public static async Task<(JsonDocument? Document, IResult? Problem)> ReadJsonAsync(HttpRequest request)
    {
        try
        {
            var document = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
            return (document, null);
        }
        catch (JsonException e)
        {
            return (null, One(ProblemKind.Invalid, e.Path ?? "$", "body.json", (e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1));
        }
    }
}
