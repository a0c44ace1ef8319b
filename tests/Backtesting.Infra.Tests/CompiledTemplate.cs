using System.Text.Json.Nodes;

namespace Backtesting.Infra.Tests;

/// <summary>infra/main.bicep compiled once by the Bicep CLI (<see cref="BicepCli"/>), with its build and lint output.</summary>
public sealed class CompiledTemplate
{
    public CompiledTemplate()
    {
        string outDir = Path.Combine(Path.GetTempPath(), "bicep-" + Guid.NewGuid().ToString("N"));
        var build = BicepCli.Run("build", BicepCli.MainTemplate, "--outdir", outDir);
        var lint = BicepCli.Run("lint", BicepCli.MainTemplate);
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
    public IEnumerable<JsonObject> Resources() => TemplateJson.Resources(Json);
}
