using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Backtesting.Mcp;

/// <summary>
/// Serves /mcp for a host whose HTTP pipeline is not its own to map endpoints in (the Functions app, whose HTTP trigger
/// calls <see cref="HandleAsync"/>): an ASP.NET Core pipeline of routing and the endpoints of
/// <see cref="McpEndpointMappingExtensions.MapMcpEndpoint"/>, so the request meets the same checks and the same SDK
/// endpoint as on the local host. Built once, at start-up (<see cref="Hosting.McpServerWarmUp"/>).
/// </summary>
public sealed class McpHttpHandler
{
    private readonly Lazy<RequestDelegate> _pipeline;

    public McpHttpHandler(IServiceProvider services)
    {
        _pipeline = new Lazy<RequestDelegate>(() =>
        {
            var app = new ApplicationBuilder(services);
            app.UseRouting();
            app.UseEndpoints(endpoints => endpoints.MapMcpEndpoint());
            return app.Build();
        });
    }

    /// <summary>Builds the pipeline now rather than on the first request.</summary>
    public void WarmUp() => _ = _pipeline.Value;

    public Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // the host's own router may have matched the request already (the Functions worker's endpoint that invokes the
        // trigger); routing here matches it again, against the MCP endpoints
        context.SetEndpoint(null);
        return _pipeline.Value(context);
    }
}
