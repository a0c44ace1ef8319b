namespace Backtesting.Http.Responses;

/// <summary>POST /api/assets/{symbol}/bars: what was imported (the timeframe given or inferred, rows stored).</summary>
public sealed record ImportedBarsView(string Symbol, string Timeframe, long Rows);
