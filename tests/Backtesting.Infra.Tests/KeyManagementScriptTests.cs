using System.Diagnostics;
using Backtesting.Tests.Shared;

namespace Backtesting.Infra.Tests;

/// <summary>
/// infra/scripts/manage-keys.sh: the deployed service's users and keys are managed as the database owner through the
/// CLI, never by the app; the script runs only the key-management commands and checks its azd outputs before any Azure call.
/// </summary>
public sealed class KeyManagementScriptTests
{
    [Theory]
    [InlineData("import", "--symbol", "GOOG")]
    [InlineData("migrate")]
    [InlineData("users", "delete")]
    [InlineData()]
    public void OtherThanUsersOrKeysCommands_AreRefusedWithUsage(params string[] arguments)
    {
        var (exit, output) = RunScript(arguments, []);

        Assert.Equal(2, exit);
        Assert.Contains("usage: manage-keys.sh users create|revoke", output);
    }

    [Fact]
    public void KeyCommand_WithoutTheAzdOutputs_NamesTheMissingSetting_BeforeAnyAzureCall()
    {
        // an empty PATH: were az, curl or dotnet reached, the error would name them instead
        var (exit, output) = RunScript(["users", "create", "--id", "admin", "--admin"], new() { ["PATH"] = "/nonexistent", ["AZURE_RESOURCE_GROUP"] = "" });

        Assert.Equal(1, exit);
        Assert.Contains("AZURE_RESOURCE_GROUP is not set", output);
    }

    private static (int Exit, string Output) RunScript(string[] arguments, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "infra", "scripts", "manage-keys.sh"));
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}
