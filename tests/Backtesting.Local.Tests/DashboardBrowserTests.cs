using Backtesting.Local.Tests.Support;
using Backtesting.Tests.Shared;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Backtesting.Local.Tests;

/// <summary>
/// The dashboard in Debian's Chromium, driven by playwright-core (e2e/dashboard.e2e.test.mjs, node's test
/// runner; each of its tests is counted on its own by tests/run.sh through <see cref="NodeTestSuite"/>) against
/// the host on a real socket. Node, npm and /usr/bin/chromium are required: without them this test fails and
/// says what to install.
/// </summary>
public sealed class DashboardBrowserTests(ITestOutputHelper output)
{
    private const string SuiteFile = "dashboard.e2e.test.mjs";
    private static readonly string SuiteFolder = Path.Combine(NodeTestSuite.RepositoryRoot(), "tests", "Backtesting.Local.Tests", "e2e");
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Dashboard_RunsTheReferenceBacktestAndChartsIt()
    {
        Assert.True(File.Exists(Chromium), $"NOT RUN: {Chromium} is missing; install Debian's browser (apt-get install -y chromium) to run the dashboard test.");
        await NodeTestSuite.RequireToolAsync("node", "--version", SuiteFolder, "the dashboard browser test");
        if (!File.Exists(Path.Combine(SuiteFolder, "node_modules", "playwright-core", "package.json")))
        {
            var (installExit, installOutput) = await NodeTestSuite.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], SuiteFolder, TimeSpan.FromMinutes(5));
            Assert.True(installExit == 0, $"npm ci in {SuiteFolder} failed (the npm registry must be reachable):\n{installOutput}");
        }

        using var factory = new LocalHostFactory(settings: new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:0" });
        factory.UseKestrel();
        factory.StartServer();
        string address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        string key = await factory.CreateKeyAsync("browser");
        string screenshot = Path.Combine(Path.GetTempPath(), "dashboard-e2e.png");

        var (exit, suiteOutput) = await NodeTestSuite.RunAsync("node", NodeTestSuite.NodeArguments(SuiteFile), SuiteFolder, TimeSpan.FromMinutes(3),
            new Dictionary<string, string> { ["DASHBOARD_URL"] = address, ["DASHBOARD_API_KEY"] = key, ["DASHBOARD_SCREENSHOT"] = screenshot, ["CHROMIUM_PATH"] = Chromium });

        output.WriteLine(suiteOutput);
        Assert.True(exit == 0, $"the dashboard suite failed (exit {exit}):\n{suiteOutput}");
    }
}
