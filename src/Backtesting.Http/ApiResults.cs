using Backtesting.Application.Json;
using Microsoft.AspNetCore.Http;

namespace Backtesting.Http;

/// <summary>JSON results with the service's snake_case serializer, whatever the host's defaults.</summary>
public static class ApiResults
{
    public static IResult Ok(object? value) => Results.Json(value, WorkflowJson.Options);

    public static IResult Accepted(string location, object value) =>
        new WithLocation(Results.Json(value, WorkflowJson.Options, statusCode: StatusCodes.Status202Accepted), location);

    public static IResult Created(string location, object value) =>
        new WithLocation(Results.Json(value, WorkflowJson.Options, statusCode: StatusCodes.Status201Created), location);

    public static IResult NotFound(string what, string id) =>
        ProblemResults.Problem(StatusCodes.Status404NotFound, "Not found", $"no {what} with id '{id}' (or it belongs to another user)");

    /// <summary>Adds a Location header to another result.</summary>
    private sealed class WithLocation(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
