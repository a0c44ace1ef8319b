using System.Text.Json.Nodes;
using Backtesting.Local.Tests.Support;

namespace Backtesting.Local.Tests;

/// <summary>
/// A run's metrics (MetricValues) in /openapi/v1.json: the contract's metric names (DESIGN section 5) and the run's
/// figures are documented properties, numbers, null only where a metric can be undefined; it stays a map of numbers for
/// names stored by older versions.
/// </summary>
public sealed class OpenApiMetricValuesTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    // the contract's names, written out from DESIGN section 5 and the README's metrics list, not read from the code:
    // counts and the run's own figures are always numbers
    private static readonly string[] AlwaysNumbers =
    [
        "max_drawdown_duration", "total_trades", "open_trades", "winning_trades", "losing_trades",
        "bars", "periods_per_year", "risk_free_rate", "initial_capital",
    ];

    // the money and ratio metrics: null where undefined (profit_factor without losers, sharpe_ratio without variance, win_rate
    // without trades, ...), and the service writes any that is not finite (an annual_return that overflows) as null
    private static readonly string[] NumbersOrNull =
    [
        "final_capital", "total_return", "annual_return", "max_drawdown", "sharpe_ratio", "sortino_ratio", "calmar_ratio", "win_rate",
        "avg_win", "avg_loss", "profit_factor", "expectancy", "total_fees", "exposure", "buy_and_hold_return",
    ];

    /// <summary>Where the document describes a run's metrics: a backtest's results, a research summary's, a comparison's candidates, an optimization's cells.</summary>
    public static TheoryData<string, string> MetricMaps => new()
    {
        { "ResultsView", "metrics" },
        { "ResearchSummaryWalkForwardSummary", "out_of_sample_metrics" },
        { "ComparisonCandidateView", "metrics" },
        { "OptimizationCellView", "metrics" },
    };

    private async Task<JsonObject> SchemaAsync(string component, string property)
    {
        var document = JsonNode.Parse(await fixture.Factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        return document["components"]!["schemas"]![component]!["properties"]![property]!.AsObject();
    }

    private static string[] TypesOf(JsonNode schema) =>
        schema["type"] is JsonArray list ? list.Select(t => (string)t!).Order(StringComparer.Ordinal).ToArray() : [(string)schema["type"]!];

    [Theory]
    [MemberData(nameof(MetricMaps))]
    public async Task MetricValues_DocumentsEveryMetricName_AsANumber_NullableWhereItCanBe(string component, string property)
    {
        var schema = await SchemaAsync(component, property);

        var properties = schema["properties"]!.AsObject();
        Assert.Equal(AlwaysNumbers.Concat(NumbersOrNull).Order(StringComparer.Ordinal), properties.Select(p => p.Key).Order(StringComparer.Ordinal));
        foreach (string name in AlwaysNumbers)
            Assert.True(TypesOf(properties[name]!) is ["number"], $"{name}: {properties[name]!.ToJsonString()}");
        foreach (string name in NumbersOrNull)
            Assert.True(TypesOf(properties[name]!) is ["null", "number"], $"{name}: {properties[name]!.ToJsonString()}");
        // nothing is promised to be there: older runs lack the later names
        Assert.Null(schema["required"]);
    }

    [Theory]
    [MemberData(nameof(MetricMaps))]
    public async Task MetricValues_StaysAMapOfNumbers_ForNamesStoredByOlderVersions(string component, string property)
    {
        var schema = await SchemaAsync(component, property);

        Assert.Contains("object", TypesOf(schema));
        Assert.Equal(["null", "number"], TypesOf(schema["additionalProperties"]!));
    }
}
