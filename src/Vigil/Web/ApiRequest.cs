using System.Text.Json;
using Vigil.Host.Security;

namespace Vigil.Host.Web;

/// <summary>What every write endpoint does first: sign-in and role (401/403), then the JSON body (400).</summary>
internal static class ApiRequest
{
    /// <summary>Signs in, checks the user holds one of <paramref name="roles"/>, then reads the body; the caller disposes the document.</summary>
    public static async Task<(Access? Access, JsonDocument? Document, IResult? Problem)> RequireWithBodyAsync(HttpContext http, IReadOnlyCollection<string> roles)
    {
        var (access, denied) = await http.RequestServices.GetRequiredService<CurrentUser>().RequireAsync(roles);
        if (access is null)
        {
            return (null, null, denied);
        }

        var (document, problem) = await ApiProblems.ReadJsonAsync(http.Request);
        return (access, document, problem);
    }
}
