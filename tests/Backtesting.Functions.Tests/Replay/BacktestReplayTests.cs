using Backtesting.Functions.Durable;
using Backtesting.Functions.Http;
using Backtesting.Functions.Tests.Support;
using Backtesting.Http.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Functions.Tests.Replay;

[Collection(DurableReplayCollection.Name)]
public sealed class BacktestReplayTests(DurableReplayFixture durable)
{
    internal static object GoogSma(int chunks) => new
    {
        strategy_id = "sma_crossover",
        asset_symbol = "GOOG",
        start_date = "2004-01-01",
        end_date = "2013-12-31",
        initial_capital = 10000,
        parameters = new { fast_period = 10, slow_period = 20, commission = 0.002 },
        chunks,
    };

    private BacktestHttpFunctions Functions() => new(durable.App.Services.GetRequiredService<DurableClientScope>());

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(50)]
    public async Task Backtest_AnyChunkCount_ReplaysToTheReferenceAndTheLocalRunnersResult(int chunks)
    {
        var chunkWrites = new List<string>();
        durable.Blobs.BeforePut = name =>
        {
            if (name.EndsWith(".eqc", StringComparison.Ordinal) && name.Contains("/chunks/", StringComparison.Ordinal)) lock (chunkWrites) chunkWrites.Add(name);
            return Task.CompletedTask;
        };
        try
        {
            int executionsBefore = durable.FunctionServices.Count;
            var submitted = await durable.SubmitAsync("/api/backtests", GoogSma(chunks), Functions().SubmitAsync);
            string runId = (string)submitted["backtest_id"]!;
            await durable.CompletedAsync(runId);
            // the orchestrator ran once at the start and again (replaying its history) after each of its
            // chunks + 2 sequential activities (prepare, chunks, finalize) completed
            Assert.Equal(chunks + 3, durable.FunctionServices.Count - executionsBefore);

            var request = durable.App.Request("GET", $"/api/backtests/{runId}/results", query: "?trades_limit=1000");
            var (status, results, _) = await FunctionsAppFixture.ExecuteAsync(request, await Functions().ResultsAsync(request, runId));
            Assert.Equal(200, status);
            Assert.Equal("completed", (string)results!["status"]!);
            // reference: GOOG 2004-2013, SMA 10/20, commission 0.002 (README): 63341.19136, 46 closed trades and 1 open
            Assert.Equal(63341.19136, (double)results["metrics"]!["final_capital"]!, 1e-5);
            Assert.Equal(46, (int)results["metrics"]!["total_trades"]!);
            Assert.Equal(1, (int)results["metrics"]!["open_trades"]!);
            Assert.Equal(chunks, chunkWrites.Distinct().Count(n => n.Contains(runId, StringComparison.Ordinal)));

            var local = await durable.RunLocallyAsync("/api/backtests", GoogSma(chunks), BacktestHandlers.SubmitAsync);
            string localId = (string)local["backtest_id"]!;
            var localResults = await DurableReplayFixture.GetAsync(durable.Local, $"/api/backtests/{localId}/results", http => BacktestHandlers.ResultsAsync(http, localId), "?trades_limit=1000");
            Assert.Equal(ComparableJson.Of(localResults, localId), ComparableJson.Of(results, runId));
        }
        finally
        {
            durable.Blobs.BeforePut = null;
        }
    }
}
