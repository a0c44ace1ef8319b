using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Backtesting.Mcp.Hosting;

/// <summary>
/// A route builder that belongs to no application: the SDK maps its Streamable HTTP endpoints onto it,
/// and the handler takes the POST endpoint's delegate to call it from any host.
/// </summary>
internal sealed class DetachedEndpointRouteBuilder(IServiceProvider services) : IEndpointRouteBuilder
{
    public IServiceProvider ServiceProvider { get; } = services;

    public ICollection<EndpointDataSource> DataSources { get; } = new List<EndpointDataSource>();

    public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(ServiceProvider);
}
