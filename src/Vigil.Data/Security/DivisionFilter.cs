using System.Linq.Expressions;

namespace Vigil.Data.Security;

/// <summary>
/// Jurisdiction as a query filter: a row is visible when its division code starts with one of the user's scope
/// prefixes (Vigil.Security.Access.Jurisdiction.Prefix). Built as one OR of StartsWith, which both SQLite and
/// PostgreSQL translate to an indexable LIKE 'prefix%'.
/// </summary>
public static class DivisionFilter
{
    public static Expression<Func<T, bool>> Within<T>(Expression<Func<T, string>> code, IReadOnlyCollection<string> prefixes)
    {
        if (prefixes.Contains(""))
        {
            return _ => true;
        }

        var startsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
        Expression body = Expression.Constant(false);
        foreach (var prefix in prefixes.Distinct(StringComparer.Ordinal))
        {
            body = Expression.OrElse(body, Expression.Call(code.Body, startsWith, Expression.Constant(prefix)));
        }

        return Expression.Lambda<Func<T, bool>>(body, code.Parameters);
    }
}
