using System.Text;
using System.Text.Json.Nodes;
using Backtesting.Application.Json;

namespace Backtesting.Functions.Durable;

/// <summary>
/// Every workflow payload crosses Durable as a JSON string written by <see cref="WorkflowJson"/>, so
/// both runners (in-process and Durable) see byte-identical inputs and outputs whatever the worker's
/// own serializer does. Sizes are checked here, before anything reaches a queue message.
/// </summary>
public static class DurablePayloads
{
    public static string Serialize(object? value, string activityName, string direction, int limit)
    {
        string json = WorkflowJson.Serialize(value);
        EnsureInline(json, activityName, direction, limit);
        return json;
    }

    public static void EnsureInline(string json, string activityName, string direction, int limit)
    {
        int bytes = Encoding.UTF8.GetByteCount(json);
        if (limit > 0 && bytes > limit) throw new PayloadTooLargeException(activityName, direction, bytes, limit);
    }

    /// <summary>
    /// The custom status as JSON, kept under <paramref name="limit"/> bytes: when the workflow's status is
    /// bigger, only its top-level numbers, strings and booleans stay (progress survives, tables do not).
    /// </summary>
    public static JsonNode? CustomStatus(object? status, int limit)
    {
        if (status is null) return null;
        var node = System.Text.Json.JsonSerializer.SerializeToNode(status, WorkflowJson.Options);
        if (node is null || limit <= 0 || Encoding.UTF8.GetByteCount(node.ToJsonString()) <= limit) return node;
        var compact = new JsonObject { ["truncated"] = true };
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                if (value is JsonValue scalar && scalar.ToJsonString().Length <= 256)
                    compact[key] = scalar.DeepClone();
            }
        }
        return Encoding.UTF8.GetByteCount(compact.ToJsonString()) <= limit ? compact : new JsonObject { ["truncated"] = true };
    }
}
