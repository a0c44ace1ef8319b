using Backtesting.Application.MarketData;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Engine.Data;
using Backtesting.Local.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Backtesting.Local.Tests;

/// <summary>
/// Stored XSS in Debian's Chromium (e2e/stored-xss.e2e.test.mjs, node's test runner, playwright-core): data
/// holding HTML is written straight into the store, past the import's validation (older rows may hold it), and
/// the dashboard must show it as text without running it. Node, npm and /usr/bin/chromium are required: without
/// them this test fails and says what to install.
/// </summary>
public sealed class DashboardStoredXssBrowserTests(ITestOutputHelper output)
{
    private const string Marker = "XSS-PAYLOAD-RAN";
    private const string Handler = $"window.__xssFired=(window.__xssFired||0)+1;console.log('{Marker}')";

    [Fact]
    public async Task Dashboard_ShowsStoredHtmlAsTextAndRunsNoScript()
    {
        await BrowserSuite.PrepareAsync();
        using var factory = BrowserSuite.StartHost(out string address);
        string key = await factory.CreateKeyAsync("xss-viewer");

        // straight through the storage ports: the HTTP import would reject this name (AssetNames)
        const string symbol = "XSS1";
        string assetName = $"<img src=x onerror=\"{Handler}\">";
        string strategyId = $"<img src=y onerror=\"{Handler}\"><svg onload=\"{Handler}\"></svg>";
        await factory.Services.GetRequiredService<IMarketDataImporter>().ImportAsync(new Asset(symbol, assetName), "1d",
            CsvBarReader.Parse("Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.5,100\n2024-01-03,10.5,12,10,11.5,120\n"));
        string runId = "bt-xss" + Guid.NewGuid().ToString("N")[..10];
        var now = DateTime.UtcNow;
        await factory.Services.GetRequiredService<IRunStore>().CreateAsync(new BacktestRun
        {
            Id = runId, UserId = "xss-viewer", Kind = RunKind.Backtest, StrategyId = strategyId, AssetSymbol = symbol,
            StartDate = new DateTime(2024, 1, 2), EndDate = new DateTime(2024, 1, 3), InitialCapital = 10000m,
            Status = "failed", Error = assetName, CreatedAt = now, UpdatedAt = now,
        });

        var (exit, suiteOutput) = await BrowserSuite.RunAsync("stored-xss.e2e.test.mjs", address, key, new Dictionary<string, string>
        {
            ["XSS_ASSET_SYMBOL"] = symbol, ["XSS_ASSET_NAME"] = assetName, ["XSS_RUN_ID"] = runId, ["XSS_STRATEGY_ID"] = strategyId, ["XSS_MARKER"] = Marker,
        });

        output.WriteLine(suiteOutput);
        Assert.True(exit == 0, $"the stored-XSS dashboard suite failed (exit {exit}):\n{suiteOutput}");
    }
}
