using System.Text.Json.Nodes;

namespace Backtesting.Http.Responses;

/// <summary>GET /api/backtests/{id}/trades: one page of the run's trades in order, with the total count.</summary>
/// <param name="BacktestId">The run.</param>
/// <param name="Items">Trades as the results show them (id, entry_date, exit_date, direction, prices, quantity, pnl, pnl_percent, fees, status, exit_reason).</param>
/// <param name="Total">Trades of the whole run.</param>
/// <param name="Offset">Index of the first trade on this page.</param>
/// <param name="Limit">Page size asked for.</param>
public sealed record TradesPageView(string BacktestId, IReadOnlyList<JsonObject> Items, long Total, int Offset, int Limit);
