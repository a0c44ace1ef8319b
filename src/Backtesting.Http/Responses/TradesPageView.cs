using Backtesting.Application.Views;

namespace Backtesting.Http.Responses;

/// <summary>GET /api/backtests/{id}/trades: one page of the run's trades in order, with the total count.</summary>
/// <param name="BacktestId">The run.</param>
/// <param name="Items">The trades of this page.</param>
/// <param name="Total">Trades of the whole run.</param>
/// <param name="Offset">Index of the first trade on this page.</param>
/// <param name="Limit">Page size asked for.</param>
public sealed record TradesPageView(string BacktestId, IReadOnlyList<TradeView> Items, long Total, int Offset, int Limit);
