using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Backtesting.Infra.Tests;

/// <summary>
/// infra/main.bicep compiled once by the Bicep CLI of the NuGet package Azure.Bicep.CommandLine.linux-x64 (the
/// version infra/tools/BicepCli.csproj pins, restored as tests/run.sh does), with its build and lint output.
/// </summary>
public sealed partial class CompiledTemplate
{
    public CompiledTemplate()
    {
        string root = FindRoot();
        string version = VersionPattern().Match(File.ReadAllText(Path.Combine(root, "infra", "tools", "BicepCli.csproj"))).Groups[1].Value;
        string packages = Run("dotnet", ["nuget", "locals", "global-packages", "-l"], root).Output.Trim().Replace("global-packages: ", "", StringComparison.Ordinal);
        string bicep = Path.Combine(packages, "azure.bicep.commandline.linux-x64", version, "tools", "bicep");
        if (!File.Exists(bicep))
        {
            var restore = Run("dotnet", ["restore", Path.Combine(root, "infra", "tools", "BicepCli.csproj"), "-nologo", "-v", "quiet"], root);
            Assert.True(restore.Exit == 0, $"the Bicep CLI package {version} could not be restored (the NuGet source must be reachable):\n{restore.Output}");
        }
        if (!OperatingSystem.IsWindows()) // the package does not keep the executable bit
            File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute);
        string outDir = Path.Combine(Path.GetTempPath(), "bicep-" + Guid.NewGuid().ToString("N"));
        var build = Run(bicep, ["build", Path.Combine(root, "infra", "main.bicep"), "--outdir", outDir], root);
        var lint = Run(bicep, ["lint", Path.Combine(root, "infra", "main.bicep")], root);
        Diagnostics = (build.Output + lint.Output).Trim();
        Assert.True(build.Exit == 0, $"bicep build failed:\n{build.Output}");
        Json = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "main.json")))!;
        Directory.Delete(outDir, recursive: true);
    }

    /// <summary>The ARM template (nested module deployments inline).</summary>
    public JsonNode Json { get; }

    /// <summary>Every warning and error of build and lint; empty when clean.</summary>
    public string Diagnostics { get; }

    /// <summary>Every resource at any depth, with the template text of the module it is declared in.</summary>
    public IEnumerable<JsonObject> Resources() => Descendants(Json).OfType<JsonObject>().Where(o => o["type"] is JsonValue && o["apiVersion"] is JsonValue);

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
            foreach (var d in Descendants(child))
                yield return d;
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

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Backtesting.Functions.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Backtesting.Functions.sln not found above the test output");
    }

    [GeneratedRegex(@"Azure\.Bicep\.CommandLine\.linux-x64"" Version=""\[([^\]]+)\]""")]
    private static partial Regex VersionPattern();
}
