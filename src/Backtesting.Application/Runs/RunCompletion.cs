namespace Backtesting.Application.Runs;

/// <summary>Everything a finished run writes at once: the result row, its trades and the final status.</summary>
public sealed record RunCompletion(string RunId, RunResultRecord Result, IReadOnlyList<TradeRecord> Trades, DateTime CompletedAt);
