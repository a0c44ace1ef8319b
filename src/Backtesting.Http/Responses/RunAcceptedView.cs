namespace Backtesting.Http.Responses;

/// <summary>The 202 body of a submitted run (and the WebSocket's backtest_started): id, status, kind and links by name.</summary>
public sealed record RunAcceptedView(string BacktestId, string Status, string Kind, IReadOnlyDictionary<string, string> Links);
