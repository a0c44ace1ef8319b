using System.Text.Json.Nodes;

namespace Backtesting.Storage.Tests.Builders;

/// <summary>Compares JSON by meaning: PostgreSQL's JSONB reformats text, SQLite keeps it as given.</summary>
public static class JsonAssert
{
    public static void Equivalent(string? expected, string? actual)
    {
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }
        Assert.NotNull(actual);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual!)), $"expected {expected}, got {actual}");
    }
}
