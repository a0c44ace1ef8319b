using Backtesting.Mcp.Tests.Support;
using Backtesting.Tests.Shared;
using Xunit.Abstractions;

namespace Backtesting.Mcp.Tests;

/// <summary>
/// The official TypeScript SDK client (@modelcontextprotocol/sdk from npm) against the local host started as
/// its own process: initialize, tool list, the GOOG reference run, get_metrics, a bad config, isolation, 401
/// and 20 concurrent calls (e2e/mcp.e2e.test.mjs, node's test runner; each of its tests is counted on its own by
/// tests/run.sh through <see cref="NodeTestSuite"/>). Node and npm are required: without them this test fails and
/// says so.
/// </summary>
public sealed class McpTypeScriptClientTests(ITestOutputHelper output)
{
    private const string SuiteFile = "mcp.e2e.test.mjs";
    private static readonly string SuiteFolder = Path.Combine(RepositoryPaths.Root, "tests", "Backtesting.Mcp.Tests", "e2e");

    [Fact]
    public async Task OfficialTypeScriptClient_AgainstTheRunningLocalHost_PassesTheNodeSuite()
    {
        await NodeTestSuite.PrepareAsync(SuiteFolder, "@modelcontextprotocol/sdk", "the end-to-end test with the TypeScript MCP client");

        await using var host = await LocalHostProcess.StartAsync(["agent-one", "agent-two"],
            new Dictionary<string, string> { ["Backtesting__Limits__MaxConcurrentJobsPerUser"] = "40" });
        var environment = new Dictionary<string, string>
        {
            ["MCP_URL"] = new Uri(host.BaseAddress, "/mcp").ToString(),
            ["MCP_API_KEY"] = host.Keys["agent-one"],
            ["MCP_OTHER_API_KEY"] = host.Keys["agent-two"],
        };
        var (exit, suiteOutput) = await NodeTestSuite.RunAsync("node", NodeTestSuite.NodeArguments(SuiteFile), SuiteFolder, TimeSpan.FromMinutes(5), environment);

        output.WriteLine(suiteOutput);
        Assert.True(exit == 0, $"the TypeScript client suite failed (exit {exit}):\n{suiteOutput}\n--- local host log ---\n{host.Log}");
    }
}
