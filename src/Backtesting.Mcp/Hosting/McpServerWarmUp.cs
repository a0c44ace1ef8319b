using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Backtesting.Mcp.Hosting;

/// <summary>
/// Does the MCP server's one-off work while the host starts, before it takes requests: the <see cref="McpHttpHandler"/>
/// pipeline of a host that serves /mcp through it (a host that maps the endpoints builds the SDK's request handling when
/// it maps them), the tool catalogue (every tool's input schema is generated when the server options are first read)
/// and the serialization of a tools/list answer. Left to the first request, that work made a cold host answer the SDK
/// client's server/discover probe after its 5 s timeout, so the client's first connect paid the timeout and fell back to
/// initialize. No network request is made.
/// </summary>
/// <param name="serverOptions">The MCP server's options: its tools.</param>
/// <param name="handler">The handler of a host that serves /mcp through it (the Functions app); null when the host maps the endpoints itself.</param>
public sealed class McpServerWarmUp(IOptions<McpServerOptions> serverOptions, McpHttpHandler? handler = null) : IHostedService
{
    /// <summary>The tools the warm-up listed, in the order tools/list answers them; empty until the host started.</summary>
    public IReadOnlyList<string> ListedTools { get; private set; } = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        handler?.WarmUp();
        var tools = serverOptions.Value.ToolCollection?.Select(tool => tool.ProtocolTool).ToList() ?? [];
        // the same serialization a tools/list answer goes through, so its contracts are built (and JIT-compiled) now
        var listed = JsonSerializer.SerializeToUtf8Bytes(new ListToolsResult { Tools = tools }, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ListToolsResult)));
        ListedTools = JsonSerializer.Deserialize(listed, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ListToolsResult))) is ListToolsResult result
            ? result.Tools.Select(tool => tool.Name).ToList()
            : [];
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
