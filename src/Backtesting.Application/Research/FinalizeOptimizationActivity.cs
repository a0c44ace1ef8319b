using Backtesting.Application.Backtests;
using Backtesting.Application.Limits;
using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.Optimization;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Validation;
using Microsoft.Extensions.Options;

namespace Backtesting.Application.Research;

/// <summary>
/// Streams the batches of cells in order: each cell goes once through a bounded ranking (<see cref="TopCells"/>: the
/// top N and the best) into a page of the cell table (<see cref="ResearchResults.CellsPageSize"/> cells a page, whatever
/// the batch size), so memory does not grow with the cell count. Then the best cell is re-run as a full backtest (its
/// curve and trades become the run's).
/// </summary>
public sealed class FinalizeOptimizationActivity(ResearchJobs jobs, IBlobStore blobs, ResearchResults results, BarLoader bars, IOptions<BacktestingLimits> limits)
    : FinalizeResearchActivity<OptimizationJob>(jobs, blobs, results)
{
    protected override async Task<ResearchOutcome> MergeAsync(OptimizationJob job, ResearchBatches batches, CancellationToken ct)
    {
        var request = job.ToEngineRequest(limits.Value.MaxGridCells);
        bool maximize = request.Maximize ?? MetricNames.HigherIsBetter(request.Objective);
        var ranking = new TopCells(Math.Max(1, job.TopN), request.Objective, maximize, request.MinTrades);
        var page = new List<OptimizationCell>(ResearchResults.CellsPageSize);
        int expected = 0, pages = 0;
        for (int b = 0; b < batches.Count; b++)
        {
            foreach (var batchCell in FromJson<List<OptimizationCell>>(await batches.ReadAsync(b, ct).ConfigureAwait(false)))
            {
                var evaluated = batchCell with { BelowMinTrades = GridOptimizer.IsBelowMinTrades(batchCell, request.MinTrades) };
                if (evaluated.Index != expected)
                    throw new InvalidOperationException($"batch {b} of {job.RunId} holds cell {evaluated.Index} where cell {expected} belongs");
                ranking.Add(evaluated);
                expected++;
                page.Add(evaluated);
                if (page.Count == ResearchResults.CellsPageSize)
                {
                    await PutJsonAsync(ResearchResults.CellsPageBlob(job.RunId, pages++), JsonBytes(page), ct).ConfigureAwait(false);
                    page.Clear();
                }
            }
        }
        if (page.Count > 0) await PutJsonAsync(ResearchResults.CellsPageBlob(job.RunId, pages), JsonBytes(page), ct).ConfigureAwait(false);

        BacktestResult? best = null;
        if (ranking.Best is { } cell)
        {
            var series = await bars.LoadAsync(job.Scope, ct).ConfigureAwait(false);
            var config = StrategyConfigValidator.Validate(job.StrategyId, cell.Parameters, strategies: request.Strategies).GetConfigOrThrow();
            best = BacktestEngine.Run(series, config, job.Scope.InitialCapital, request.Options);
        }
        var summary = new OptimizationSummary
        {
            Objective = request.Objective,
            Maximize = maximize,
            Cells = ranking.Cells,
            Evaluated = ranking.Evaluated,
            Skipped = ranking.Skipped,
            MinTrades = request.MinTrades,
            BelowMinTrades = ranking.BelowMinTrades,
            Best = ranking.Best is null ? null : OptimizationCellView.From(ranking.Best),
            Top = ranking.Top.Take(job.TopN).Select(OptimizationCellView.From).ToArray(),
        };
        return new ResearchOutcome(summary, best);
    }
}
