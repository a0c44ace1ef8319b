using Backtesting.Local.Tests.Support;
using Backtesting.Tests.Shared;
using Xunit.Abstractions;

namespace Backtesting.Local.Tests;

/// <summary>
/// The dashboard in Debian's Chromium, driven by playwright-core (e2e/dashboard.e2e.test.mjs, node's test
/// runner; each of its tests is counted on its own by tests/run.sh through <see cref="NodeTestSuite"/>) against
/// the host on a real socket: the reference backtest from the form, every research kind, schedules, 360 px and a
/// clean console. The suite writes its screenshots to tests/TestResults/dashboard. Node, npm and /usr/bin/chromium
/// are required: without them this test fails and says what to install.
/// </summary>
public sealed class DashboardBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Dashboard_RunsTheReferenceBacktestAndEveryResearchKind()
    {
        await BrowserSuite.PrepareAsync();
        using var factory = BrowserSuite.StartHost(out string address);
        string key = await factory.CreateKeyAsync("browser");

        var (exit, suiteOutput) = await BrowserSuite.RunAsync("dashboard.e2e.test.mjs", address, key);

        output.WriteLine(suiteOutput);
        Assert.True(exit == 0, $"the dashboard suite failed (exit {exit}):\n{suiteOutput}");
    }
}
