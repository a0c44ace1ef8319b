using System.Text.Json.Nodes;

namespace Backtesting.Infra.Tests;

/// <summary>Walks ARM JSON (a compiled template or a snapshot's predicted resources).</summary>
public static class TemplateJson
{
    /// <summary>Every object at any depth that is a resource (it has a type and an API version).</summary>
    public static IEnumerable<JsonObject> Resources(JsonNode root) =>
        Descendants(root).OfType<JsonObject>().Where(o => o["type"] is JsonValue && o["apiVersion"] is JsonValue);

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
}
