using Backtesting.Local.Tests.Support;
using Backtesting.Tests.Shared;
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
    [Fact]
    public async Task Dashboard_RunsTheReferenceBacktestAndChartsIt()
    {
        await BrowserSuite.PrepareAsync();
        using var factory = BrowserSuite.StartHost(out string address);
        string key = await factory.CreateKeyAsync("browser");
        string screenshot = Path.Combine(Path.GetTempPath(), "dashboard-e2e.png");

        var (exit, suiteOutput) = await BrowserSuite.RunAsync("dashboard.e2e.test.mjs", address, key,
            new Dictionary<string, string> { ["DASHBOARD_SCREENSHOT"] = screenshot });

        output.WriteLine(suiteOutput);
        Assert.True(exit == 0, $"the dashboard suite failed (exit {exit}):\n{suiteOutput}");
    }
}
