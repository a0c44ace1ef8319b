using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Backtesting.Local.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Backtesting.Local.Tests;

/// <summary>
/// Keyless loopback acts as the local admin only for loopback Host and Origin values: a page on another
/// site (Origin) or a DNS-rebound name (Host) reaches the loopback socket too (issue 19 item 6).
/// </summary>
public sealed class LocalDevelopmentModeTests : IDisposable
{
    private const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";

    private readonly LocalHostFactory _factory = new(settings: new Dictionary<string, string?> { ["Backtesting:Auth:AllowLoopbackWithoutKey"] = "true" });

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("http://localhost", null, HttpStatusCode.OK)]
    [InlineData("http://127.0.0.1:5080", null, HttpStatusCode.OK)]
    [InlineData("http://[::1]:5080", "http://localhost:5080", HttpStatusCode.OK)]
    [InlineData("http://evil.example", null, HttpStatusCode.Unauthorized)]
    [InlineData("http://localhost", "https://evil.example", HttpStatusCode.Unauthorized)]
    [InlineData("http://localhost", "null", HttpStatusCode.Unauthorized)]
    public async Task Rest_KeylessIdentity_OnlyForLoopbackHostAndOrigin(string baseAddress, string? origin, HttpStatusCode expected)
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress) });
        if (origin is not null) client.DefaultRequestHeaders.Add("Origin", origin);

        Assert.Equal(expected, (await client.GetAsync("/api/backtests")).StatusCode);
    }

    [Theory]
    [InlineData("http://localhost", HttpStatusCode.OK)]
    [InlineData("http://evil.example", HttpStatusCode.Unauthorized)]
    public async Task Mcp_KeylessIdentity_OnlyForALoopbackHost(string baseAddress, HttpStatusCode expected)
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress) });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(Initialize, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));

        Assert.Equal(expected, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task WebSocket_KeylessFromAForeignOrigin_GetsNoSession()
    {
        var ws = _factory.Server.CreateWebSocketClient();
        ws.ConfigureRequest = request => request.Headers.Origin = "https://evil.example";
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => ws.ConnectAsync(new Uri(_factory.Server.BaseAddress, "/ws"), CancellationToken.None));

        var rebound = _factory.Server.CreateWebSocketClient();
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => rebound.ConnectAsync(new Uri("http://evil.example/ws"), CancellationToken.None));

        // the same keyless connection from a loopback page is the local user
        var local = _factory.Server.CreateWebSocketClient();
        local.ConfigureRequest = request => request.Headers.Origin = "http://localhost:5080";
        (await local.ConnectAsync(new Uri(_factory.Server.BaseAddress, "/ws"), CancellationToken.None)).Dispose();
    }
}
