using Backtesting.Mcp.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Mcp;

/// <summary>Maps the MCP endpoint in an ASP.NET Core host: the SDK's own Streamable HTTP endpoint behind our checks.</summary>
public static class McpEndpointMappingExtensions
{
    public const string DefaultPattern = "/mcp";

    /// <summary>
    /// The SDK's stateless Streamable HTTP endpoint (<c>MapMcp</c>: POST only) and, for every other method, an endpoint
    /// answering 405, so GET and DELETE get the MCP answer (after authentication) rather than the router's bare 405.
    /// Both run behind <see cref="McpRequestChecks"/>; conventions added to the returned builder (authorization, rate
    /// limiting, metadata) apply to both.
    /// </summary>
    public static RouteGroupBuilder MapMcpEndpoint(this IEndpointRouteBuilder endpoints, string pattern = DefaultPattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(pattern)
            .AddEndpointFilter(endpoints.ServiceProvider.GetRequiredService<McpRequestChecks>())
            .WithTags("MCP")
            .ExcludeFromDescription();
        group.MapMcp();
        group.Map("", RefuseMethodAsync)
            .WithDisplayName("MCP Streamable HTTP (stateless) | methods other than POST")
            // after the SDK's POST endpoint, which a POST matches first
            .Add(endpoint => ((RouteEndpointBuilder)endpoint).Order = 1);
        return group;
    }

    private static Task RefuseMethodAsync(HttpContext context)
    {
        context.Response.Headers.Allow = HttpMethods.Post;
        return JsonRpcErrorResponse.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, JsonRpcErrorResponse.TransportRefused,
            $"Method Not Allowed: this stateless server takes MCP messages by POST only, not {context.Request.Method}");
    }
}
