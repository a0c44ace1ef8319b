using System.Diagnostics;
using System.Text;
using Backtesting.Mcp.Tests.Support;
using Xunit.Abstractions;

namespace Backtesting.Mcp.Tests;

/// <summary>
/// The official TypeScript SDK client (@modelcontextprotocol/sdk from npm) against the local host started as
/// its own process: initialize, tool list, the GOOG reference run, get_metrics, a bad config, isolation, 401
/// and 20 concurrent calls (e2e/mcp.e2e.test.mjs, node's test runner). Node and npm are required: without
/// them this test fails and says so.
/// </summary>
public sealed class McpTypeScriptClientTests(ITestOutputHelper output)
{
    private static readonly string SuiteFolder = Path.Combine(RepositoryRoot(), "tests", "Backtesting.Mcp.Tests", "e2e");

    [Fact]
    public async Task OfficialTypeScriptClient_AgainstTheRunningLocalHost_PassesTheNodeSuite()
    {
        await RequireToolAsync("node", "--version");
        await RequireToolAsync("npm", "--version");
        if (!File.Exists(Path.Combine(SuiteFolder, "node_modules", "@modelcontextprotocol", "sdk", "package.json")))
        {
            var (installExit, installOutput) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], SuiteFolder, TimeSpan.FromMinutes(5));
            Assert.True(installExit == 0, $"npm ci in {SuiteFolder} failed (the npm registry must be reachable):\n{installOutput}");
        }

        await using var host = await LocalHostProcess.StartAsync(["agent-one", "agent-two"],
            new Dictionary<string, string> { ["Backtesting__Limits__MaxConcurrentJobsPerUser"] = "40" });
        var environment = new Dictionary<string, string>
        {
            ["MCP_URL"] = new Uri(host.BaseAddress, "/mcp").ToString(),
            ["MCP_API_KEY"] = host.Keys["agent-one"],
            ["MCP_OTHER_API_KEY"] = host.Keys["agent-two"],
        };
        var (exit, suiteOutput) = await RunAsync("node", ["--test", "--test-reporter=spec", "mcp.e2e.test.mjs"], SuiteFolder, TimeSpan.FromMinutes(5), environment);

        output.WriteLine(suiteOutput);
        Assert.True(exit == 0, $"the TypeScript client suite failed (exit {exit}):\n{suiteOutput}\n--- local host log ---\n{host.Log}");
    }

    private static async Task RequireToolAsync(string tool, string argument)
    {
        try
        {
            var (exit, _) = await RunAsync(tool, [argument], SuiteFolder, TimeSpan.FromSeconds(30));
            Assert.True(exit == 0, $"'{tool} {argument}' failed");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail($"NOT RUN: '{tool}' is not installed, so the end-to-end test with the TypeScript MCP client cannot run. Install Node.js 20+ (with npm).");
        }
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, IEnumerable<string> arguments, string folder, TimeSpan timeout,
        IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var text = new StringBuilder();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (text) text.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (text) text.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            lock (text) text.AppendLine($"[killed after {timeout.TotalSeconds} s]");
            return (-1, text.ToString());
        }
        process.WaitForExit();
        lock (text) return (process.ExitCode, text.ToString());
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Backtesting.Functions.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Backtesting.Functions.sln not found above " + AppContext.BaseDirectory);
    }
}
