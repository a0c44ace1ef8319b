using Backtesting.Mcp.Tests.Support;
using ModelContextProtocol;

namespace Backtesting.Mcp.Tests;

/// <summary>Each API key sees only its own backtests, through tools and resources alike.</summary>
public sealed class UserIsolationTests(McpHostFixture host) : IClassFixture<McpHostFixture>
{
    [Fact]
    public async Task AnotherUsersBacktest_IsNotFoundEverywhere()
    {
        await using var alice = await McpConnections.ConnectAsync(host.Factory, host.AliceKey);
        await using var bob = await McpConnections.ConnectAsync(host.Factory, host.BobKey);
        var run = ToolAnswer.From(await alice.CallToolAsync("run_backtest", GoogReference.Arguments()));
        string id = (string)run.Resources[0].Json["backtest_id"]!;

        foreach (var tool in new[] { "get_backtest_status", "get_backtest_results", "get_metrics", "cancel_backtest" })
        {
            var answer = ToolAnswer.From(await bob.CallToolAsync(tool, new Dictionary<string, object?> { ["backtest_id"] = id }));
            Assert.True(answer.IsError, tool);
            Assert.Contains($"no backtest '{id}'", answer.Text);
        }
        foreach (var uri in new[] { $"backtest://{id}", $"backtest://{id}/results", $"backtest://{id}/metrics" })
        {
            var error = await Assert.ThrowsAsync<McpProtocolException>(async () => await bob.ReadResourceAsync(uri));
            Assert.Equal(McpErrorCode.ResourceNotFound, error.ErrorCode);
        }
        var bobsList = ToolAnswer.From(await bob.CallToolAsync("list_backtests"));
        Assert.DoesNotContain(id, bobsList.Resource("backtesting://backtests").ToJsonString());
        var alicesList = ToolAnswer.From(await alice.CallToolAsync("list_backtests"));
        Assert.Contains(id, alicesList.Resource("backtesting://backtests").ToJsonString());
        var stillThere = ToolAnswer.From(await alice.CallToolAsync("get_backtest_status", new Dictionary<string, object?> { ["backtest_id"] = id }));
        Assert.Equal("completed", (string)stillThere.Resource($"backtest://{id}")["status"]!);
    }
}
