using Microsoft.AspNetCore.Http;

namespace Backtesting.Mcp.Hosting;

/// <summary>
/// DNS-rebinding protection the MCP specification asks for: a request with an Origin header must come
/// from localhost or a configured origin; requests without one (non-browser clients) pass. The local host
/// checks its WebSocket (/ws) by the same rule.
/// </summary>
public static class OriginPolicy
{
    public static bool IsAllowed(HttpRequest request, McpEndpointOptions options)
    {
        string? origin = request.Headers.Origin;
        if (string.IsNullOrEmpty(origin)) return true;
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return false;
        if (uri.IsLoopback) return true;
        string normalized = uri.GetLeftPart(UriPartial.Authority);
        return options.AllowedOrigins.Any(allowed => allowed == "*"
            || string.Equals(allowed.TrimEnd('/'), normalized, StringComparison.OrdinalIgnoreCase));
    }
}
