using Vigil.Common;
using Vigil.Incidents;

namespace Vigil.Host.Web;

/// <summary>
/// Who is acting. Until sign-in exists this is the named local operator: the <c>X-Vigil-Operator</c> header
/// (percent-encoded UTF-8, so Chinese names pass HTTP) and <c>X-Vigil-Role</c>, or the configured
/// <c>Vigil:Operator:Name</c> and <c>Vigil:Operator:Role</c>.
/// </summary>
internal sealed class OperatorAccessor(IHttpContextAccessor http, IConfiguration configuration)
{
    public Outcome<Actor> Current()
    {
        var request = http.HttpContext!.Request;
        var name = Header(request, "X-Vigil-Operator") ?? configuration["Vigil:Operator:Name"];
        var role = Header(request, "X-Vigil-Role") ?? configuration["Vigil:Operator:Role"];
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(role))
        {
            return Outcome<Actor>.Failure(ProblemKind.Invalid,
                new Problem("X-Vigil-Operator", "operator.required", HostText.Format("operator.required", "X-Vigil-Operator")));
        }

        return new Actor(name.Trim(), role.Trim());
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) && value.Count > 0 ? Uri.UnescapeDataString(value[0]!) : null;
}
