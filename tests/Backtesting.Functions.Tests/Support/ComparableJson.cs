using System.Text.Json.Nodes;

namespace Backtesting.Functions.Tests.Support;

/// <summary>
/// A run's JSON with what legitimately differs between two runs of the same job removed: its own ids
/// (replaced by a placeholder wherever they occur) and wall-clock timestamps. Everything else (metrics,
/// trades, equity, summaries) must match to the last bit.
/// </summary>
public static class ComparableJson
{
    public static string Of(JsonNode node, params string[] runIds)
    {
        var copy = node.DeepClone();
        Strip(copy);
        string text = copy.ToJsonString();
        foreach (var id in runIds.OrderByDescending(i => i.Length)) text = text.Replace(id, "<run>", StringComparison.Ordinal);
        return text;
    }

    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(kv => kv.Key).Where(IsWallClock).ToArray()) obj.Remove(key);
                foreach (var (_, value) in obj) Strip(value);
                break;
            case JsonArray array:
                foreach (var item in array) Strip(item);
                break;
        }
    }

    private static bool IsWallClock(string key) => key.EndsWith("_at", StringComparison.Ordinal) || key is "duration_ms" or "elapsed_ms";
}
