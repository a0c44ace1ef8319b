using Backtesting.Tests.Shared;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Local.Tests.Support;

/// <summary>
/// What every dashboard browser suite (tests/Backtesting.Local.Tests/e2e/*.e2e.test.mjs, playwright-core driving
/// Debian's Chromium) needs: the browser, node with the suite's packages, and the host on a real socket.
/// </summary>
internal static class BrowserSuite
{
    public const string Chromium = "/usr/bin/chromium";

    public static readonly string Folder = Path.Combine(RepositoryPaths.Root, "tests", "Backtesting.Local.Tests", "e2e");

    /// <summary>Fails the calling test, saying what to install, unless Chromium, node and playwright-core are there.</summary>
    public static async Task PrepareAsync()
    {
        Assert.True(File.Exists(Chromium), $"NOT RUN: {Chromium} is missing; install Debian's browser (apt-get install -y chromium) to run the dashboard tests.");
        await NodeTestSuite.PrepareAsync(Folder, "playwright-core", "the dashboard browser tests");
    }

    /// <summary>A host listening on a free loopback port, and its address.</summary>
    public static LocalHostFactory StartHost(out string address)
    {
        var factory = new LocalHostFactory(settings: new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:0" });
        factory.UseKestrel();
        factory.StartServer();
        address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return factory;
    }

    /// <summary>Runs one suite file with the dashboard's address, key and browser in its environment.</summary>
    public static Task<(int Exit, string Output)> RunAsync(string suiteFile, string address, string apiKey, IDictionary<string, string>? environment = null)
    {
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["DASHBOARD_URL"] = address, ["DASHBOARD_API_KEY"] = apiKey, ["CHROMIUM_PATH"] = Chromium,
        };
        return NodeTestSuite.RunAsync("node", NodeTestSuite.NodeArguments(suiteFile), Folder, TimeSpan.FromMinutes(6), variables);
    }
}
