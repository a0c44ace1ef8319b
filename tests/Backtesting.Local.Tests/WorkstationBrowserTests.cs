using Backtesting.Local.Tests.Support;
using Backtesting.Tests.Shared;
using Xunit.Abstractions;

namespace Backtesting.Local.Tests;

/// <summary>
/// The dashboard's workstation pages in Debian's Chromium (e2e/workstation.e2e.test.mjs, node's test runner; each of
/// its tests is counted on its own by tests/run.sh through <see cref="NodeTestSuite"/>): the strategy editor (errors at
/// their line and column, save, run to the reference numbers, delete) and the trading session (order ticket, step,
/// fills and position, play/pause, close into a run), at 360 px and with a clean console. Screenshots go to
/// tests/TestResults/dashboard. Node, npm and /usr/bin/chromium are required: without them this test fails and says
/// what to install.
/// </summary>
public sealed class WorkstationBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Workstation_StrategyEditorAndTradingSessionWorkInTheBrowser()
    {
        await BrowserSuite.PrepareAsync();
        using var factory = BrowserSuite.StartHost(out string address);
        string key = await factory.CreateKeyAsync("workstation");

        var (exit, suiteOutput) = await BrowserSuite.RunAsync("workstation.e2e.test.mjs", address, key);

        output.WriteLine(suiteOutput);
        Assert.True(exit == 0, $"the workstation suite failed (exit {exit}):\n{suiteOutput}");
    }
}
