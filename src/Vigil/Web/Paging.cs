using Vigil.Common;

namespace Vigil.Host.Web;

/// <summary>The page and page size of a list request, checked the same way on every list.</summary>
internal static class Paging
{
    public const int MaxPage = 100_000;

    public const int MaxPageSize = 200;

    /// <summary>Page 1 and 20 rows by default; out-of-range values are refused naming the parameter.</summary>
    public static (int Page, int Size, IResult? Problem) Read(int? page, int? pageSize)
    {
        var (p, size) = (page ?? 1, pageSize ?? 20);
        if (p is < 1 or > MaxPage)
        {
            return (0, 0, ApiProblems.One(ProblemKind.Invalid, "page", "paging.invalid", 1, MaxPage));
        }

        return size is < 1 or > MaxPageSize
            ? (0, 0, ApiProblems.One(ProblemKind.Invalid, "pageSize", "paging.invalid", 1, MaxPageSize))
            : (p, size, null);
    }
}
