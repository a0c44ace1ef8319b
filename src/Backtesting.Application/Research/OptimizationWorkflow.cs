namespace Backtesting.Application.Research;

/// <summary>
/// Grid optimization (job kind backtest_optimization): batches of cells fan out in waves, progress is
/// reported after every wave, then the cells are merged, stored and the best cell re-run as the run's backtest.
/// </summary>
public sealed class OptimizationWorkflow : FanOutResearchWorkflow
{
    public override string Name => nameof(OptimizationWorkflow);
    protected override string PrepareActivity => nameof(PrepareOptimizationActivity);
    protected override string BatchActivity => nameof(EvaluateCellsActivity);
    protected override string FinalizeActivity => nameof(FinalizeOptimizationActivity);
}
