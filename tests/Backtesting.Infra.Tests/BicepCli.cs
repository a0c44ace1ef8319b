using System.Diagnostics;
using System.Text.RegularExpressions;
using Backtesting.Tests.Shared;

namespace Backtesting.Infra.Tests;

/// <summary>
/// The Bicep CLI of the NuGet package Azure.Bicep.CommandLine.linux-x64 (the version infra/tools/BicepCli.csproj pins,
/// restored as tests/run.sh does) and the repository it runs in.
/// </summary>
public static partial class BicepCli
{
    private static readonly Lazy<string> Executable = new(Locate);

    /// <summary>The repository root (the folder holding Backtesting.Functions.sln).</summary>
    public static string Root => RepositoryPaths.Root;

    /// <summary>infra/main.bicep.</summary>
    public static string MainTemplate => Path.Combine(Root, "infra", "main.bicep");

    /// <summary>Runs the CLI with <paramref name="arguments"/>; returns its exit code and output (stdout then stderr).</summary>
    public static (int Exit, string Output) Run(params string[] arguments) => Run(Executable.Value, arguments, Root);

    private static string Locate()
    {
        string version = VersionPattern().Match(File.ReadAllText(Path.Combine(Root, "infra", "tools", "BicepCli.csproj"))).Groups[1].Value;
        string packages = Run("dotnet", ["nuget", "locals", "global-packages", "-l"], Root).Output.Trim().Replace("global-packages: ", "", StringComparison.Ordinal);
        string bicep = Path.Combine(packages, "azure.bicep.commandline.linux-x64", version, "tools", "bicep");
        if (!File.Exists(bicep))
        {
            var restore = Run("dotnet", ["restore", Path.Combine(Root, "infra", "tools", "BicepCli.csproj"), "-nologo", "-v", "quiet"], Root);
            Assert.True(restore.Exit == 0, $"the Bicep CLI package {version} could not be restored (the NuGet source must be reachable):\n{restore.Output}");
        }
        if (!OperatingSystem.IsWindows()) // the package does not keep the executable bit
            File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute);
        return bicep;
    }

    private static (int Exit, string Output) Run(string file, IEnumerable<string> arguments, string directory)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    [GeneratedRegex(@"Azure\.Bicep\.CommandLine\.linux-x64"" Version=""\[([^\]]+)\]""")]
    private static partial Regex VersionPattern();
}
