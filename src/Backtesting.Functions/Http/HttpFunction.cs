using Backtesting.Functions.Durable;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;

namespace Backtesting.Functions.Http;

/// <summary>The whole of every HTTP function: hand the request to the shared handler (Backtesting.Http), return its result.</summary>
public static class HttpFunction
{
    public static async Task<IActionResult> RunAsync<TResult>(HttpRequest request, Func<HttpContext, Task<TResult>> handler) where TResult : IResult =>
        new ResultActionAdapter(await handler(request.HttpContext).ConfigureAwait(false));

    /// <summary>For handlers that may start or cancel a job: the invocation's Durable client is the workflow starter's.</summary>
    public static async Task<IActionResult> RunAsync<TResult>(HttpRequest request, DurableTaskClient client, DurableClientScope scope, Func<HttpContext, Task<TResult>> handler)
        where TResult : IResult
    {
        using (scope.Use(client))
            return await RunAsync(request, handler).ConfigureAwait(false);
    }
}
