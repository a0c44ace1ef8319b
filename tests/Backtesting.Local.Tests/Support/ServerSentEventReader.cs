using System.Text.Json.Nodes;

namespace Backtesting.Local.Tests.Support;

/// <summary>
/// Reads the platform's messages off a text/event-stream body: each event's data line is {"type", "data"}. Every SSE test
/// reads through here, with a bounded wait so a missing event fails instead of hanging.
/// </summary>
public static class ServerSentEventReader
{
    private const string DataPrefix = "data: ";

    /// <summary>The next event's type and data; fails when the stream ends first or nothing comes within <paramref name="timeout"/> (30 s).</summary>
    public static async Task<(string Type, JsonNode Data)> NextAsync(StreamReader reader, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        return await NextOrEndAsync(reader, deadline.Token) ?? throw new Xunit.Sdk.XunitException("the stream ended before the next event");
    }

    /// <summary>The next event's type and data, or null when the stream ends.</summary>
    public static async Task<(string Type, JsonNode Data)?> NextOrEndAsync(StreamReader reader, CancellationToken ct)
    {
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (!line.StartsWith(DataPrefix, StringComparison.Ordinal)) continue;
            var message = JsonNode.Parse(line[DataPrefix.Length..])!;
            return ((string)message["type"]!, message["data"]!);
        }
        return null;
    }

    /// <summary>
    /// Every event up to and including the first of type <paramref name="last"/>, calling <paramref name="onEach"/> after
    /// each earlier one (e.g. to let the next chunk of a held run through).
    /// </summary>
    public static async Task<List<(string Type, JsonNode Data)>> ReadUntilAsync(StreamReader reader, string last, Action? onEach = null, TimeSpan? timeout = null)
    {
        var events = new List<(string Type, JsonNode Data)>();
        while (true)
        {
            var e = await NextAsync(reader, timeout);
            events.Add(e);
            if (e.Type == last) return events;
            onEach?.Invoke();
        }
    }
}
