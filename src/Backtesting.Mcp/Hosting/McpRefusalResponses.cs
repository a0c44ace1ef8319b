using System.Globalization;
using Backtesting.Application.Limits;
using Backtesting.Application.Users;
using Microsoft.AspNetCore.Http;

namespace Backtesting.Mcp.Hosting;

/// <summary>How /mcp refuses a caller, whoever decides it (the endpoint filter itself or a host's authentication and rate limiter): JSON-RPC errors an MCP client reads.</summary>
public static class McpRefusalResponses
{
    public static Task WriteUnauthorizedAsync(HttpContext context, bool keyGiven)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"backtesting\"";
        return JsonRpcErrorResponse.WriteAsync(context, StatusCodes.Status401Unauthorized, JsonRpcErrorResponse.TransportRefused,
            "Unauthorized: " + (keyGiven ? ApiKeyHeaders.RefusalOf(context) : ApiKeyHeaders.KeyRequiredMessage));
    }

    public static Task WriteTooManyAsync(HttpContext context, LimitExceededException limit)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(limit);
        if (limit.RetryAfter is { } retry)
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return JsonRpcErrorResponse.WriteAsync(context, StatusCodes.Status429TooManyRequests, JsonRpcErrorResponse.TransportRefused, "Too many requests: " + limit.Message);
    }
}
