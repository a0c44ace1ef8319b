namespace Backtesting.Application.Research;

/// <summary>
/// Monte Carlo study (job kind backtest_monte_carlo): batches of paths fan out in waves (path i seeded
/// from the run seed and i, so any batching gives the same paths), then percentiles, probabilities and
/// equity bands are computed over all of them.
/// </summary>
public sealed class MonteCarloWorkflow : FanOutResearchWorkflow
{
    public override string Name => nameof(MonteCarloWorkflow);
    protected override string PrepareActivity => nameof(PrepareMonteCarloActivity);
    protected override string BatchActivity => nameof(SimulatePathsActivity);
    protected override string FinalizeActivity => nameof(FinalizeMonteCarloActivity);
}
