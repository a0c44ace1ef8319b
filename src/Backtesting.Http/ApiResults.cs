using Backtesting.Http.Responses;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Backtesting.Http;

/// <summary>
/// The answers the handlers share. Bodies are typed results serialized with the host's JSON options, which
/// <see cref="BacktestingServiceCollectionExtensions.AddBacktestingServices"/> sets to the service's snake_case settings.
/// </summary>
public static class ApiResults
{
    public static ProblemHttpResult NotFound(string what, string id) =>
        ProblemResults.Problem(StatusCodes.Status404NotFound, "Not found", $"no {what} with id '{id}' (or it belongs to another user)");

    /// <summary>202 with the run's id, status and kind, and where to look next.</summary>
    public static Accepted<RunAcceptedView> Accepted(string location, RunAcceptedView body) => TypedResults.Accepted(location, body);
}
