namespace Backtesting.Application.Runs;

/// <summary>
/// Everything a finished run writes at once: the result row, its trades and the final status; with
/// <see cref="FinalProgress"/>, also the run's last progress (current bar date, trades executed), which its last
/// step then need not store separately.
/// </summary>
public sealed record RunCompletion(string RunId, RunResultRecord Result, IReadOnlyList<TradeRecord> Trades, DateTime CompletedAt)
{
    public RunProgress? FinalProgress { get; init; }
}
