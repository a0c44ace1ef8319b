using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Backtesting.Mcp.Tests.Support;

/// <summary>Hand-made MCP POSTs for transport-level checks; reads the JSON-RPC answer from a JSON or SSE body.</summary>
public static class RawMcp
{
    public const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""";

    public static async Task<(HttpStatusCode Status, JsonObject? Message, HttpResponseMessage Response)> PostAsync(
        HttpClient client, string body, string? apiKey, string contentType = "application/json", Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (apiKey is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        configure?.Invoke(request);
        var response = await client.SendAsync(request);
        return (response.StatusCode, await ReadMessageAsync(response), response);
    }

    /// <summary>The last JSON-RPC message of the body (SSE "data:" lines or plain JSON); null for an empty body.</summary>
    public static async Task<JsonObject?> ReadMessageAsync(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync();
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            var data = text.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l[5..].Trim()).LastOrDefault(l => l.Length > 0);
            return data is null ? null : JsonNode.Parse(data)?.AsObject();
        }
        return JsonNode.Parse(text) as JsonObject;
    }
}
