using System.Text.Json.Nodes;

namespace Backtesting.Application.Views;

/// <summary>An equity curve downsampled to at most max_points, and how many points the full curve has.</summary>
public sealed record EquityView(string BacktestId, int TotalPoints, int MaxPoints, JsonArray Points);
