using Microsoft.AspNetCore.Mvc.Testing;
using ModelContextProtocol.Client;

namespace Backtesting.Mcp.Tests.Support;

/// <summary>C# SDK clients over the in-memory test server's HTTP handler.</summary>
public static class McpConnections
{
    /// <param name="factory">The host.</param>
    /// <param name="apiKey">The caller's key.</param>
    /// <param name="clock">The client's clock for its connect timeouts; the real one unless a test moves time by hand.</param>
    public static async Task<McpClient> ConnectAsync(WebApplicationFactory<Backtesting.Local.Startup.LocalHostInitializer> factory, string apiKey, TimeProvider? clock = null)
    {
        var http = factory.CreateClient();
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(http.BaseAddress!, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + apiKey },
        }, http, ownsHttpClient: true);
        return await McpClient.CreateAsync(transport, ClientOptions(clock ?? TimeProvider.System));
    }

    private static McpClientOptions ClientOptions(TimeProvider clock) => new()
    {
        TimeProvider = clock,
    };
}
