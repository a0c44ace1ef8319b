using System.Text.Json.Nodes;
using Backtesting.Application.Limits;
using Backtesting.Engine.Validation;
using ModelContextProtocol.Protocol;

namespace Backtesting.Mcp.Tools;

/// <summary>
/// Tool answers in the platform's shape: a short text line, then embedded JSON resources
/// (e.g. backtest://{id} with {"backtest_id", "status"}).
/// </summary>
internal static class ToolResults
{
    public const string JsonMimeType = "application/json";

    public static CallToolResult Ok(string text, params ContentBlock[] resources) => Create(text, isError: false, resources);

    public static CallToolResult Error(string text, params ContentBlock[] resources) => Create(text, isError: true, resources);

    /// <summary>An isError answer naming each bad field, its value and what is allowed (capped by <see cref="ErrorEchoLimits"/>).</summary>
    public static CallToolResult Invalid(string toolName, IReadOnlyList<ValidationError> errors)
    {
        var (listed, omitted) = ErrorEchoLimits.Cap(errors);
        return Error($"Invalid arguments for {toolName}: " + string.Join("; ", listed.Select(e => e.ToString())) + ErrorEchoLimits.MoreSuffix(omitted));
    }

    public static EmbeddedResourceBlock Resource(string uri, JsonNode json, JsonObject? meta = null) => new()
    {
        Resource = new TextResourceContents { Uri = uri, MimeType = JsonMimeType, Text = json.ToJsonString(), Meta = meta },
    };

    private static CallToolResult Create(string text, bool isError, ContentBlock[] resources)
    {
        var content = new List<ContentBlock>(resources.Length + 1) { new TextContentBlock { Text = text } };
        content.AddRange(resources);
        return new CallToolResult { Content = content, IsError = isError };
    }
}
