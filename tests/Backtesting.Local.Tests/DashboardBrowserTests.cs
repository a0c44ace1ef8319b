using System.Diagnostics;
using System.Text;
using Backtesting.Local.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Backtesting.Local.Tests;

/// <summary>
/// The dashboard in Debian's Chromium, driven by playwright-core (e2e/dashboard.e2e.test.mjs, node's test
/// runner) against the host on a real socket. Node, npm and /usr/bin/chromium are required: without them
/// this test fails and says what to install.
/// </summary>
public sealed class DashboardBrowserTests(ITestOutputHelper output)
{
    private static readonly string SuiteFolder = Path.Combine(FindRoot(), "tests", "Backtesting.Local.Tests", "e2e");
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Dashboard_RunsTheReferenceBacktestAndChartsIt()
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
        string key = await factory.CreateKeyAsync("browser");
        string screenshot = Path.Combine(Path.GetTempPath(), "dashboard-e2e.png");

        var (exit, suiteOutput) = await RunAsync("node", ["--test", "--test-reporter=spec", "dashboard.e2e.test.mjs"], TimeSpan.FromMinutes(3),
            new Dictionary<string, string> { ["DASHBOARD_URL"] = address, ["DASHBOARD_API_KEY"] = key, ["DASHBOARD_SCREENSHOT"] = screenshot, ["CHROMIUM_PATH"] = Chromium });

        output.WriteLine(suiteOutput);
        Assert.True(exit == 0, $"the dashboard suite failed (exit {exit}):\n{suiteOutput}");
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
