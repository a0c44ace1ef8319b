using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace Backtesting.Mcp.Tests.Support;

/// <summary>A tool result taken apart: the text line and the embedded JSON resources by URI.</summary>
public sealed record ToolAnswer(bool IsError, string Text, IReadOnlyList<(string Uri, JsonObject Json, JsonObject? Meta)> Resources)
{
    public static ToolAnswer From(CallToolResult result)
    {
        Assert.NotEmpty(result.Content);
        var text = Assert.IsType<TextContentBlock>(result.Content[0]).Text;
        var resources = result.Content.Skip(1).Select(block =>
        {
            var contents = Assert.IsType<TextResourceContents>(Assert.IsType<EmbeddedResourceBlock>(block).Resource);
            Assert.Equal("application/json", contents.MimeType);
            return (contents.Uri, JsonNode.Parse(contents.Text)!.AsObject(), contents.Meta);
        }).ToArray();
        return new ToolAnswer(result.IsError == true, text, resources);
    }

    public JsonObject Resource(string uri) =>
        Resources.FirstOrDefault(r => r.Uri == uri).Json ?? throw new Xunit.Sdk.XunitException($"no resource {uri} in: {string.Join(", ", Resources.Select(r => r.Uri))}");

    public JsonObject? Meta(string uri) => Resources.First(r => r.Uri == uri).Meta;

    /// <summary>The keys of a JSON object, sorted, for exact shape checks.</summary>
    public static string[] Keys(JsonObject json) => json.Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();
}
