using Backtesting.Mcp.Tests.Support;
using Backtesting.Tests.Shared;
using Xunit.Abstractions;

namespace Backtesting.Mcp.Tests;

/// <summary>
/// <c>backtest mcp</c> (the CLI's stdio server) driven by the official TypeScript SDK's StdioClientTransport, which
/// starts it as a process on a fresh data folder: the GOOG reference run over stdio, and tools/list over stdio equal
/// to tools/list of the local host's /mcp (e2e/mcp-stdio.e2e.test.mjs, counted test by test by tests/run.sh).
/// </summary>
public sealed class McpStdioServerTests(ITestOutputHelper output)
{
    private const string SuiteFile = "mcp-stdio.e2e.test.mjs";
    private static readonly string SuiteFolder = Path.Combine(RepositoryPaths.Root, "tests", "Backtesting.Mcp.Tests", "e2e");

    [Fact]
    public async Task OfficialTypeScriptStdioClient_AgainstBacktestMcp_PassesTheNodeSuite()
    {
        await NodeTestSuite.PrepareAsync(SuiteFolder, "@modelcontextprotocol/sdk", "the end-to-end test of the stdio MCP server");
        string cli = Path.Combine(AppContext.BaseDirectory, "backtest.dll");
        Assert.True(File.Exists(cli), $"{cli} is missing: the test project must reference Backtesting.Cli");

        await using var host = await LocalHostProcess.StartAsync(["stdio-compare"]);
        string data = Directory.CreateTempSubdirectory("bt-mcp-stdio-").FullName;
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["BACKTEST_CLI"] = cli,
                ["BACKTEST_DATA_DIR"] = data,
                ["MCP_URL"] = new Uri(host.BaseAddress, "/mcp").ToString(),
                ["MCP_API_KEY"] = host.Keys["stdio-compare"],
            };
            var (exit, suiteOutput) = await NodeTestSuite.RunAsync("node", NodeTestSuite.NodeArguments(SuiteFile), SuiteFolder, TimeSpan.FromMinutes(5), environment);

            output.WriteLine(suiteOutput);
            Assert.True(exit == 0, $"the stdio suite failed (exit {exit}):\n{suiteOutput}\n--- local host log ---\n{host.Log}");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
