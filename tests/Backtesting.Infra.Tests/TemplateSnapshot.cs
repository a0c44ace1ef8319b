using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Backtesting.Infra.Tests;

/// <summary>
/// What a deployment of infra/main.bicep with given parameters would create: <c>bicep snapshot</c> evaluates every
/// parameter, variable and module input that does not depend on a deployed resource, so sizes and settings derived
/// from parameters are checked as Azure would receive them, with no Azure subscription.
/// </summary>
public sealed class TemplateSnapshot
{
    private TemplateSnapshot(JsonNode json) => Json = json;

    public JsonNode Json { get; }

    /// <summary>
    /// Snapshots main.bicep with the required parameters (a test environment) and <paramref name="parameters"/> over them;
    /// values are Bicep literals (<c>'eastus'</c>, <c>512</c>). Returns the snapshot, or the CLI's output when it fails.
    /// </summary>
    public static (TemplateSnapshot? Snapshot, string Output) TryCreate(IReadOnlyDictionary<string, string>? parameters = null)
    {
        var values = new Dictionary<string, string>
        {
            ["environmentName"] = "'infra-test'",
            ["location"] = "'eastus'",
            ["principalId"] = "'00000000-0000-0000-0000-0000000000a1'",
            ["postgresAdminName"] = "'admin@example.com'",
        };
        foreach (var (name, value) in parameters ?? new Dictionary<string, string>()) values[name] = value;

        string dir = Path.Combine(Path.GetTempPath(), "bicep-snapshot-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            // a parameters file must name its template by a relative path
            var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"using '{Path.GetRelativePath(dir, BicepCli.MainTemplate).Replace('\\', '/')}'\n");
            foreach (var (name, value) in values) text.Append(CultureInfo.InvariantCulture, $"param {name} = {value}\n");
            string file = Path.Combine(dir, "test.bicepparam");
            File.WriteAllText(file, text.ToString());
            var run = BicepCli.Run("snapshot", file, "--subscription-id", "00000000-0000-0000-0000-0000000000b2",
                "--tenant-id", "00000000-0000-0000-0000-0000000000c3", "--location", values["location"].Trim('\''));
            string snapshot = Path.Combine(dir, "test.snapshot.json");
            return run.Exit == 0 && File.Exists(snapshot) ? (new TemplateSnapshot(JsonNode.Parse(File.ReadAllText(snapshot))!), run.Output) : (null, run.Output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Snapshots as <see cref="TryCreate"/> and fails the test when the CLI does.</summary>
    public static TemplateSnapshot Create(IReadOnlyDictionary<string, string>? parameters = null)
    {
        var (snapshot, output) = TryCreate(parameters);
        Assert.True(snapshot is not null, $"bicep snapshot failed:\n{output}");
        return snapshot!;
    }

    /// <summary>The one predicted resource of <paramref name="type"/>.</summary>
    public JsonObject Single(string type) => Assert.Single(TemplateJson.Resources(Json["predictedResources"]!), r => (string?)r["type"] == type);

    /// <summary>The Function App's application settings.</summary>
    public JsonObject AppSettings => Single("Microsoft.Web/sites/config")["properties"]!.AsObject();

    /// <summary>The Function App's Flex Consumption scale settings.</summary>
    public JsonObject Scale => Single("Microsoft.Web/sites")["properties"]!["functionAppConfig"]!["scaleAndConcurrency"]!.AsObject();
}
