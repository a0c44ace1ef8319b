namespace Backtesting.Application.Research;

/// <summary>
/// Walk-forward analysis (job kind backtest_walk_forward): batches of windows (in-sample search, then
/// out-of-sample trading) fan out in waves, then the windows are stitched into one out-of-sample run.
/// </summary>
public sealed class WalkForwardWorkflow : FanOutResearchWorkflow
{
    public override string Name => nameof(WalkForwardWorkflow);
    protected override string PrepareActivity => nameof(PrepareWalkForwardActivity);
    protected override string BatchActivity => nameof(EvaluateWindowsActivity);
    protected override string FinalizeActivity => nameof(FinalizeWalkForwardActivity);
}
