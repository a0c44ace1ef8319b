using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Mcp;

/// <summary>Maps <see cref="McpHttpHandler"/> in an ASP.NET Core host.</summary>
public static class McpEndpointMappingExtensions
{
    public const string DefaultPattern = "/mcp";

    /// <summary>
    /// Every method on <paramref name="pattern"/> goes to the handler, so GET and DELETE get the MCP answer
    /// (405 after authentication) rather than the host's 404/405.
    /// </summary>
    public static IEndpointConventionBuilder MapMcpEndpoint(this IEndpointRouteBuilder endpoints, string pattern = DefaultPattern)
    {
        // built at start-up by McpServerWarmUp (registered with the handler), not on the first request
        var handler = endpoints.ServiceProvider.GetRequiredService<McpHttpHandler>();
        return endpoints.Map(pattern, (RequestDelegate)handler.HandleAsync)
            .WithDisplayName("MCP Streamable HTTP (stateless)")
            .WithTags("MCP")
            .ExcludeFromDescription();
    }
}
