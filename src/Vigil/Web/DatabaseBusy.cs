using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Vigil.Host.Web;

/// <summary>
/// A request whose write could not get the database within the bounded busy wait (SQLite BUSY or LOCKED, PostgreSQL
/// lock_not_available: another writer held it for the whole <c>Vigil:Database:BusyTimeoutSeconds</c>; or PostgreSQL
/// chose this transaction to fail a serialization or deadlock) is answered 503 with <c>Retry-After</c>, never 500:
/// nothing was changed and the same request may simply be sent again (issue 11, item 7; issue 14 on PostgreSQL).
/// </summary>
internal sealed partial class DatabaseBusy(ILogger<DatabaseBusy> logger) : IExceptionHandler
{
    /// <summary>Seconds a client is asked to wait before sending the request again.</summary>
    public const int RetryAfterSeconds = 2;

    /// <summary>
    /// The database is in use, not broken: SQLITE_BUSY and SQLITE_LOCKED; PostgreSQL's lock_not_available (55P03, the
    /// lock_timeout ran out), serialization_failure (40001) and deadlock_detected (40P01).
    /// </summary>
    public static bool IsBusy(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SqliteException { SqliteErrorCode: 5 or 6 }
                or PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected })
            {
                return true;
            }
        }

        return false;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsBusy(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }

        LogBusy(logger, httpContext.Request.Method, httpContext.Request.Path);
        if (httpContext.Features.Get<Microsoft.AspNetCore.Localization.IRequestCultureFeature>() is { } culture)
        {
            // The handler runs outside the localization middleware: the problem is told in the request's language.
            CultureInfo.CurrentUICulture = culture.RequestCulture.UICulture;
        }

        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await ApiProblems.WithStatus(StatusCodes.Status503ServiceUnavailable, "$", "database.busy", RetryAfterSeconds).ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "{Method} {Path}: the database stayed busy for the whole wait; answered 503")]
    private static partial void LogBusy(ILogger logger, string method, PathString path);
}
