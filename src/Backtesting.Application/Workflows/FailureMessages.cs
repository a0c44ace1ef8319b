using Backtesting.Application.Limits;
using Backtesting.Engine.Data;
using Backtesting.Engine.Validation;
using Microsoft.Extensions.Logging;

namespace Backtesting.Application.Workflows;

/// <summary>
/// What a client may read about a failure. Problems with the caller's input keep their message; anything
/// else (I/O, database, bugs) may carry server paths or internals, so the client gets a generic message
/// with a reference and the details go to the log under that reference.
/// </summary>
public static class FailureMessages
{
    public static string ForClient(Exception ex, ILogger logger, string what)
    {
        ArgumentNullException.ThrowIfNull(ex);
        ArgumentNullException.ThrowIfNull(logger);
        if (ex is ValidationException or BarDataException or LimitExceededException) return ex.Message;
        string reference = NewReference();
        logger.LogError(ex, "{What} failed (error reference {ErrorReference})", what, reference);
        return Generic(reference);
    }

    /// <summary>The client's text for an internal failure logged under <paramref name="reference"/>.</summary>
    public static string Generic(string reference) => $"internal error (reference {reference}); the details are in the server log";

    /// <summary>A short random id that ties a client's message to its log entry.</summary>
    public static string NewReference() => "err-" + Guid.NewGuid().ToString("N")[..12];
}
