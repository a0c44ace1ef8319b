using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Backtesting.Mcp.Tests.Support;

/// <summary>
/// Holds the host's first MCP request until the test releases it: a cold host on a loaded machine, whose first
/// answer (JIT, the SDK's endpoint and per-request server built for the first time) takes as long as the test says.
/// </summary>
public sealed class FirstMcpRequestGate : IStartupFilter
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _seen;

    /// <summary>Completes when the first MCP request reaches the host (and is being held).</summary>
    public Task Arrived => _arrived.Task;

    public void Release() => _released.TrySetResult();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, following) =>
        {
            if (context.Request.Path.StartsWithSegments(McpEndpointMappingExtensions.DefaultPattern) && Interlocked.Exchange(ref _seen, 1) == 0)
            {
                _arrived.TrySetResult();
                await _released.Task;
            }
            await following(context);
        });
        next(app);
    };
}
