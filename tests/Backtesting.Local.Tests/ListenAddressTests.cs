using System.Net;
using Backtesting.Tests.Shared;

namespace Backtesting.Local.Tests;

/// <summary>
/// The conventional ways to move the port work on the real process: <c>ASPNETCORE_URLS</c> and <c>--urls</c>.
/// A <c>Urls</c> key in appsettings.json outranks the environment variable, so the default port lives in
/// launchSettings.json (what <c>dotnet run</c> uses) and nowhere else.
/// </summary>
public sealed class ListenAddressTests
{
    [Theory]
    [InlineData(LocalHostProcess.UrlSource.Environment)]
    [InlineData(LocalHostProcess.UrlSource.CommandLine)]
    public async Task Host_ListensWhereItIsTold(LocalHostProcess.UrlSource source)
    {
        await using var host = await LocalHostProcess.StartAsync([], urlSource: source);

        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/health")).StatusCode);
        Assert.Contains($"Now listening on: {host.BaseAddress.ToString().TrimEnd('/')}", host.Log);
    }

    [Fact]
    public void DefaultPort_IsInLaunchSettingsOnly()
    {
        string project = Path.Combine(RepositoryRoot(), "src", "Backtesting.Local");
        Assert.Contains("\"applicationUrl\": \"http://localhost:5080\"", File.ReadAllText(Path.Combine(project, "Properties", "launchSettings.json")));
        Assert.DoesNotContain("\"Urls\"", File.ReadAllText(Path.Combine(project, "appsettings.json")));
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "global.json"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("no global.json above " + AppContext.BaseDirectory);
    }
}
