using System.Text.Json.Nodes;
using Backtesting.Application.Events;
using Backtesting.Application.Json;
using Backtesting.Application.Runs;
using Backtesting.Local.Tests.Support;

namespace Backtesting.Local.Tests;

/// <summary>
/// The backtest_complete message's schema in the OpenAPI document and the message as the streams serialise it come from one
/// record; this fails when they drift apart (a renamed field, a serializer setting the document does not share, a field the
/// schema leaves out or invents).
/// </summary>
public sealed class CompletionMessageSchemaTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private static readonly DateTime Day = new(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task EveryFieldSet_SerialisedMessage_MatchesTheDocumentsSchema_WhichNamesExactlyItsFields()
    {
        var document = JsonNode.Parse(await fixture.Factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var schema = document["components"]!["schemas"]![nameof(CompletionMessage)]!;
        var result = new RunResultRecord
        {
            Id = "res-bt-1", RunId = "bt-1", FinalCapital = 10100, TotalReturn = 0.01m, CreatedAt = Day,
            Metrics = """{"final_capital":10100}""", EquityCurve = """{"points":[["2024-01-02T00:00:00Z",10100]]}""",
        };
        var trade = new TradeRecord
        {
            Id = "tr-1", RunId = "bt-1", Sequence = 0, EntryDate = Day, Direction = "long", EntryPrice = 100m, Quantity = 1m, Status = "open", ExitReason = "open",
        };
        var full = JsonNode.Parse(WorkflowJson.Serialize(CompletionMessage.Create("bt-1", RunStatus.Completed, result, [trade], error: "a note")))!.AsObject();
        var failed = JsonNode.Parse(WorkflowJson.Serialize(CompletionMessage.Create("bt-2", RunStatus.Failed, null, null, "no bars")))!;

        var checker = new OpenApiSchemaChecker(document);
        Assert.Empty(checker.Check(full, schema));
        Assert.Empty(checker.Check(failed, schema));
        // a backtest's message has every field but a research run's summary
        Assert.Equal(
            full.Select(p => p.Key).Append("summary").Order(StringComparer.Ordinal),
            schema["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        // only what every message has is required: a failed run's message has no results
        Assert.Equal(["backtestId", "status"], (schema["required"]?.AsArray() ?? []).Select(r => (string)r!).Order(StringComparer.Ordinal));
    }
}
