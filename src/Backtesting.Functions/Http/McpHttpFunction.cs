using Backtesting.Functions.Durable;
using Backtesting.Mcp;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Backtesting.Functions.Http;

/// <summary>
/// /mcp: the same endpoints as on the local host (the SDK's Streamable HTTP endpoint behind the checks of origin, API
/// key, method, rate, content type and size), run by <see cref="McpHttpHandler"/>. Tools that start or cancel jobs reach the
/// Durable starter through the bound client.
/// </summary>
public sealed class McpHttpFunction(McpHttpHandler handler, DurableClientScope durable)
{
    [Function("Mcp")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "delete", Route = "mcp")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        // the handler writes the response itself, inside the invocation so the Durable client is in scope
        using (durable.Use(client))
            await handler.HandleAsync(request.HttpContext).ConfigureAwait(false);
        return new EmptyResult();
    }
}
