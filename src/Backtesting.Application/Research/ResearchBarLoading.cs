using Backtesting.Application.Backtests;
using Backtesting.Engine.Data;

namespace Backtesting.Application.Research;

/// <summary>Loads a research job's bars.</summary>
public static class ResearchBarLoading
{
    public static Task<BarSeries> LoadAsync(this BarLoader bars, ResearchScope scope, CancellationToken ct) =>
        bars.LoadAsync(scope.AssetSymbol, scope.Timeframe, scope.StartDate, scope.EndDate, ct);
}
