using System.Text.Json;
using Backtesting.Mcp.Tests.Support;
using Backtesting.Tests.Shared;
using Xunit.Abstractions;

namespace Backtesting.Mcp.Tests;

/// <summary>
/// The platform's client package (clients/typescript, built with tsc) against the local host started as its own
/// process: the GOOG reference run through runBacktest / streamProgress / getResults, the SSE fallback, the research
/// tools, cancellation and 429 retries on the host's rate limiter (clients/typescript/test/typescript-client.e2e.test.mjs,
/// counted test by test by tests/run.sh). Node and npm are required: without them this test fails and says so.
/// </summary>
public sealed class TypeScriptClientPackageTests(ITestOutputHelper output)
{
    private const string SuiteFile = "typescript-client.e2e.test.mjs";

    /// <summary>Low enough for the 429 test to reach quickly, high enough for every other test's user.</summary>
    private const int RequestsPerMinute = 20;

    private static readonly string PackageFolder = Path.Combine(RepositoryPaths.Root, "clients", "typescript");

    private static readonly string[] Users = ["init", "platform", "waiting", "sse", "errors", "research", "canceller", "throttled"];

    [Fact]
    public async Task ClientPackage_AgainstTheRunningLocalHost_PassesTheNodeSuite()
    {
        await NodeTestSuite.PrepareAsync(PackageFolder, "@modelcontextprotocol/sdk", "the tests of the TypeScript client package");
        var (built, buildOutput) = await NodeTestSuite.RunAsync("npm", ["run", "build"], PackageFolder, TimeSpan.FromMinutes(3));
        Assert.True(built == 0, $"the client package does not build (npm run build, tsc):\n{buildOutput}");

        await using var host = await LocalHostProcess.StartAsync(Users,
            new Dictionary<string, string> { ["Backtesting__Limits__RequestsPerMinutePerUser"] = RequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var environment = new Dictionary<string, string>
        {
            ["MCP_URL"] = new Uri(host.BaseAddress, "/mcp").ToString(),
            ["MCP_KEYS"] = JsonSerializer.Serialize(host.Keys),
            ["MCP_REQUESTS_PER_MINUTE"] = RequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var (exit, suiteOutput) = await NodeTestSuite.RunAsync("node", NodeTestSuite.NodeArguments(SuiteFile), Path.Combine(PackageFolder, "test"),
            TimeSpan.FromMinutes(8), environment);

        output.WriteLine(suiteOutput);
        Assert.True(exit == 0, $"the client package suite failed (exit {exit}):\n{suiteOutput}\n--- local host log ---\n{host.Log}");
    }
}
