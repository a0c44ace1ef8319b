using Microsoft.AspNetCore.Mvc.Testing;
using ModelContextProtocol.Client;

namespace Backtesting.Mcp.Tests.Support;

/// <summary>C# SDK clients over the in-memory test server's HTTP handler.</summary>
public static class McpConnections
{
    public static async Task<McpClient> ConnectAsync(WebApplicationFactory<Backtesting.Local.Startup.LocalHostInitializer> factory, string apiKey)
    {
        var http = factory.CreateClient();
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(http.BaseAddress!, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + apiKey },
        }, http, ownsHttpClient: true);
        return await McpClient.CreateAsync(transport);
    }
}
