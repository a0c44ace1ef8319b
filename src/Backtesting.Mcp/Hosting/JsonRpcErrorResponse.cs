using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Backtesting.Mcp.Hosting;

/// <summary>
/// The HTTP answers /mcp gives before the SDK sees a request (refusals of <see cref="McpRequestChecks"/> and of the
/// host's caller checks): a status code with a JSON-RPC error body (id null, as the specification allows when the
/// request id is unknown).
/// </summary>
internal static class JsonRpcErrorResponse
{
    /// <summary>Server-defined code for transport-level refusals (auth, origin, limits).</summary>
    public const int TransportRefused = -32000;

    public static async Task WriteAsync(HttpContext context, int statusCode, int code, string message, RequestId id = default)
    {
        var error = new JsonRpcError { Id = id, Error = new JsonRpcErrorDetail { Code = code, Message = message } };
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, error, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcError)), context.RequestAborted)
            .ConfigureAwait(false);
    }
}
