using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Backtesting.Mcp.Hosting;

/// <summary>
/// The SDK's own Streamable HTTP POST handling (Accept and protocol-version checks, JSON-RPC dispatch,
/// SSE responses with progress), taken from the endpoint that MapMcp builds. The SDK keeps its handler
/// type internal; the endpoint is its public face.
/// </summary>
internal static class SdkStreamableHttpEndpoint
{
    public static RequestDelegate CreatePostDelegate(IServiceProvider services)
    {
        var routes = new DetachedEndpointRouteBuilder(services);
        routes.MapMcp();
        var post = routes.DataSources.SelectMany(source => source.Endpoints)
            .FirstOrDefault(endpoint => endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(HttpMethods.Post) == true);
        return post?.RequestDelegate
            ?? throw new InvalidOperationException("The MCP SDK mapped no POST endpoint; check the ModelContextProtocol.AspNetCore version.");
    }
}
