using Vigil.Common;

namespace Vigil.Host.Prevention;

/// <summary>User-facing text of the dual-prevention API and CLI (PreventionApiMessages.resx with its zh-Hans satellite).</summary>
internal static class PreventionText
{
    private static readonly TextCatalog Catalog = new("Vigil.Host.Prevention.PreventionApiMessages", typeof(PreventionText).Assembly);

    public static string Format(string key, params object?[] args) => Catalog.Format(key, args);

    /// <summary>A problem about <paramref name="field"/>; the message's first argument is the field's name.</summary>
    public static Problem Problem(string field, string code, params object?[] args) => new(field, code, Format(code, [field, .. args]));

    public static IResult One(ProblemKind kind, string field, string code, params object?[] args) =>
        Web.ApiProblems.From(kind, [Problem(field, code, args)]);
}
