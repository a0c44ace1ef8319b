using System.Diagnostics;
using System.Text;
using Backtesting.Application.MarketData;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Engine.Data;
using Backtesting.Local.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
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
    private static readonly string SuiteFolder = Path.Combine(FindRoot(), "tests", "Backtesting.Local.Tests", "e2e");
    private const string Chromium = "/usr/bin/chromium";
    private const string Marker = "XSS-PAYLOAD-RAN";
    private const string Handler = $"window.__xssFired=(window.__xssFired||0)+1;console.log('{Marker}')";

    [Fact]
    public async Task Dashboard_ShowsStoredHtmlAsTextAndRunsNoScript()
    {
        Assert.True(File.Exists(Chromium), $"NOT RUN: {Chromium} is missing; install Debian's browser (apt-get install -y chromium) to run the dashboard test.");
        await RequireAsync("node", "--version");
        if (!File.Exists(Path.Combine(SuiteFolder, "node_modules", "playwright-core", "package.json")))
        {
            var (installExit, installOutput) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
            Assert.True(installExit == 0, $"npm ci in {SuiteFolder} failed (the npm registry must be reachable):\n{installOutput}");
        }

        using var factory = new LocalHostFactory(settings: new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:0" });
        factory.UseKestrel();
        factory.StartServer();
        string address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
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

        var (exit, suiteOutput) = await RunAsync("node", ["--test", "--test-reporter=spec", "stored-xss.e2e.test.mjs"], TimeSpan.FromMinutes(3),
            new Dictionary<string, string>
            {
                ["DASHBOARD_URL"] = address, ["DASHBOARD_API_KEY"] = key, ["CHROMIUM_PATH"] = Chromium,
                ["XSS_ASSET_SYMBOL"] = symbol, ["XSS_ASSET_NAME"] = assetName, ["XSS_RUN_ID"] = runId, ["XSS_STRATEGY_ID"] = strategyId, ["XSS_MARKER"] = Marker,
            });

        output.WriteLine(suiteOutput);
        Assert.True(exit == 0, $"the stored-XSS dashboard suite failed (exit {exit}):\n{suiteOutput}");
    }

    private static async Task RequireAsync(string tool, string argument)
    {
        try
        {
            var (exit, _) = await RunAsync(tool, [argument], TimeSpan.FromSeconds(30));
            Assert.True(exit == 0, $"'{tool} {argument}' failed");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail($"NOT RUN: '{tool}' is not installed, so the dashboard browser test cannot run. Install Node.js 20+ (with npm).");
        }
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = SuiteFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
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
            return (-1, text + $"\n(timed out after {timeout})");
        }
        return (process.ExitCode, text.ToString());
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Backtesting.Functions.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Backtesting.Functions.sln not found above the test output");
    }
}
