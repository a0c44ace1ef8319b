using Backtesting.Mcp.Hosting;
using Backtesting.Mcp.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Backtesting.Mcp.Tests;

/// <summary>
/// The first connect to a freshly started host whose first answer is slow (a cold host on a loaded machine). The SDK
/// client (2.4) first probes with server/discover, bounded by DiscoverProbeTimeout (5 s); when that elapses it cancels
/// the request and falls back to the initialize handshake, but only if the cancellation surfaces as one. A host that
/// ended the abandoned request as an empty 200 event stream made the client fail instead with "Streamable HTTP POST
/// response completed without a reply to request with ID: 1" (ID 1 is the probe).
/// </summary>
public sealed class ColdStartConnectTests
{
    [Fact]
    public async Task FirstConnect_ToAHostSlowerThanTheSdkDiscoverProbe_Succeeds()
    {
        var gate = new FirstMcpRequestGate();
        using var factory = new McpHostFactory(configureServices: services => services.AddSingleton<IStartupFilter>(gate));
        string key = await factory.CreateKeyAsync("alice");
        var clock = new FakeTimeProvider();

        var connecting = McpConnections.ConnectAsync(factory, key, clock);
        await gate.Arrived;
        // 30 s of the client's clock pass before the host answers its first request: longer than the SDK's
        // server/discover probe (McpClientOptions.DiscoverProbeTimeout, 5 s), shorter than the 60 s initialization timeout
        clock.Advance(TimeSpan.FromSeconds(30));
        gate.Release();
        await using var client = await connecting;

        // the probe was given up and the initialize handshake (a pre-2026-07-28 revision) connected
        Assert.Equal("2025-11-25", client.NegotiatedProtocolVersion);
        Assert.Equal(McpServiceCollectionExtensions.ServerName, client.ServerInfo?.Name);
        Assert.Contains(await client.ListToolsAsync(), tool => tool.Name == "run_backtest");
    }

    [Fact]
    public async Task FirstConnect_ToAFreshHost_FindsTheCatalogueBuiltAtStartUpAndGetsTheProbeAnswered()
    {
        var gate = new FirstMcpRequestGate();
        using var factory = new McpHostFactory(configureServices: services => services.AddSingleton<IStartupFilter>(gate));
        string key = await factory.CreateKeyAsync("alice");
        // the client's clock never moves, so its 5 s probe timeout cannot fire: the probe is answered or nothing connects
        var clock = new FakeTimeProvider();

        var connecting = McpConnections.ConnectAsync(factory, key, clock);
        await gate.Arrived;
        // the first MCP request is only now reaching the host, and the tool catalogue (schemas, tools/list
        // serialization) was already built while the host started, so that request does none of it
        var warmUp = factory.Services.GetRequiredService<McpServerWarmUp>();
        Assert.Contains("run_backtest", warmUp.ListedTools);
        gate.Release();
        await using var client = await connecting;

        // server/discover got its answer: the client negotiated the revision that only the probe offers, with no
        // fallback to the initialize handshake (which would have negotiated 2025-11-25, as in the test above)
        Assert.Equal("2026-07-28", client.NegotiatedProtocolVersion);
        Assert.Equal(warmUp.ListedTools, (await client.ListToolsAsync()).Select(tool => tool.Name));
    }
}
