using Backtesting.Application.Limits;
using Backtesting.Mcp.Hosting;
using Microsoft.AspNetCore.Http;

namespace Backtesting.Http.Callers;

/// <summary>
/// Endpoint metadata saying how a refused caller (401, 429) is answered: problem details on REST (the default), JSON-RPC
/// errors on /mcp, which MCP clients read. Authentication and the rate limiter decide; the endpoint's form answers.
/// </summary>
public abstract class CallerRefusals
{
    public static CallerRefusals ProblemDetails { get; } = new ProblemDetailsRefusals();

    public static CallerRefusals JsonRpc { get; } = new JsonRpcRefusals();

    public static CallerRefusals For(HttpContext http) => http?.GetEndpoint()?.Metadata.GetMetadata<CallerRefusals>() ?? ProblemDetails;

    public abstract Task WriteUnauthorizedAsync(HttpContext http, bool keyGiven);

    public abstract Task WriteTooManyAsync(HttpContext http, LimitExceededException limit);

    private sealed class ProblemDetailsRefusals : CallerRefusals
    {
        public override Task WriteUnauthorizedAsync(HttpContext http, bool keyGiven) => ApiKeyAuthentication.Unauthorized(http, keyGiven).ExecuteAsync(http);

        public override Task WriteTooManyAsync(HttpContext http, LimitExceededException limit) => ProblemResults.FromException(limit, http)!.ExecuteAsync(http);
    }

    private sealed class JsonRpcRefusals : CallerRefusals
    {
        public override Task WriteUnauthorizedAsync(HttpContext http, bool keyGiven) => McpRefusalResponses.WriteUnauthorizedAsync(http, keyGiven);

        public override Task WriteTooManyAsync(HttpContext http, LimitExceededException limit) => McpRefusalResponses.WriteTooManyAsync(http, limit);
    }
}
