using System.Globalization;
using Backtesting.Engine.Data;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Validation;

namespace Backtesting.Engine.Portfolio;

/// <summary>
/// Multi-asset backtests over one shared cash account. Each asset runs its strategy on its own bars;
/// the portfolio steps through the union of all timestamps (an asset without a bar at a time keeps
/// its position marked at its latest close and cannot trade then). An entry commits
/// position_size x weight x current portfolio equity (a long entry at most the cash there is);
/// optional rebalancing brings held positions back to that target. A portfolio of one asset at
/// weight 1 without rebalancing equals the single backtest bit for bit.
/// </summary>
public static class PortfolioBacktester
{
    /// <summary>Checks the request (and, when given, that every asset has bars) before any work.</summary>
    public static IReadOnlyList<ValidationError> Validate(PortfolioRequest request, IReadOnlyDictionary<string, BarSeries>? bars = null)
    {
        var errors = new List<ValidationError>();
        if (request.Assets.Count == 0)
            errors.Add(new ValidationError("assets", "[]", "needs at least one asset"));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        double total = 0;
        for (int i = 0; i < request.Assets.Count; i++)
        {
            var asset = request.Assets[i];
            string prefix = $"assets[{i}].";
            if (string.IsNullOrWhiteSpace(asset.Symbol))
                errors.Add(new ValidationError(prefix + "symbol", $"'{asset.Symbol}'", "must not be empty"));
            else if (!seen.Add(asset.Symbol))
                errors.Add(new ValidationError(prefix + "symbol", $"'{asset.Symbol}'", "appears twice; each asset once"));
            if (!(asset.Weight > 0 && asset.Weight <= 1))
                errors.Add(new ValidationError(prefix + "weight", Format(asset.Weight), "must be in (0, 1]"));
            else
                total += asset.Weight;
            errors.AddRange(StrategyConfigValidator.Validate(asset.StrategyId ?? request.StrategyId, asset.Parameters ?? request.Parameters, prefix, request.Strategies).Errors);
            if (bars is not null && !string.IsNullOrWhiteSpace(asset.Symbol) && (!bars.TryGetValue(asset.Symbol, out var series) || series.Count == 0))
                errors.Add(new ValidationError(prefix + "symbol", $"'{asset.Symbol}'", "has no bars"));
        }
        if (total > 1 + 1e-9)
            errors.Add(new ValidationError("assets", Format(total), "weights sum to more than 1; the weights are fractions of equity that must sum to at most 1 (the rest stays in cash)"));
        if (!(request.InitialCapital > 0) || !double.IsFinite(request.InitialCapital))
            errors.Add(new ValidationError("initial_capital", Format(request.InitialCapital), "must be a finite number > 0"));
        if (!Enum.IsDefined(request.Rebalance))
            errors.Add(new ValidationError("rebalance", Format((int)request.Rebalance), $"is not a mode; allowed: {string.Join(", ", RebalanceModes.All)}"));
        if (request.Rebalance == RebalanceMode.Threshold && !(request.DriftThreshold > 0 && request.DriftThreshold <= 1))
            errors.Add(new ValidationError("drift_threshold", Format(request.DriftThreshold), "must be in (0, 1] for threshold rebalancing"));
        return errors;
    }

    /// <summary>
    /// Runs the portfolio over the assets' bars (keyed by symbol); <paramref name="progress"/> hears the bars of the
    /// <see cref="Timeline"/> as they are simulated.
    /// </summary>
    public static PortfolioResult Run(IReadOnlyDictionary<string, BarSeries> bars, PortfolioRequest request, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var errors = Validate(request, bars);
        if (errors.Count > 0) throw new ValidationException(errors);

        var books = new List<AssetBook>();
        for (int i = 0; i < request.Assets.Count; i++)
        {
            var asset = request.Assets[i];
            var config = StrategyConfigValidator.Validate(asset.StrategyId ?? request.StrategyId, asset.Parameters ?? request.Parameters, strategies: request.Strategies).GetConfigOrThrow();
            var series = bars[asset.Symbol];
            var signals = new sbyte[series.Count];
            config.CreateStrategy().GenerateSignals(series, signals);
            books.Add(new AssetBook(asset.Symbol, config.Definition.Id, series, signals, config.ToSimulationSettings(request.InitialCapital), asset.Weight));
        }
        long[] timeline = Union(books.Select(b => b.Bars.Timestamps));
        var simulation = new PortfolioSimulation(books, timeline, request.InitialCapital, request.Rebalance, request.DriftThreshold);
        simulation.Run(progress);
        simulation.Finish();

        var openTrades = books.Select(PortfolioSimulation.OpenTrade).Where(t => t is not null).ToArray();
        double periodsPerYear = request.Options.PeriodsPerYear ?? PeriodsPerYear.Infer(timeline);
        double buyAndHold = 0;
        foreach (var b in books) buyAndHold += b.Weight * (b.Bars.Close[^1] / b.Bars.Close[0] - 1);
        var metrics = MetricsCalculator.Compute(new MetricsCalculator.Inputs(request.InitialCapital, simulation.Equity, simulation.ClosedTrades,
            openTrades.FirstOrDefault(), simulation.TotalFees, simulation.BarsInMarket, 1, 1, periodsPerYear, request.Options.RiskFreeRate))
            with { OpenTrades = openTrades.Length, BuyAndHoldReturn = buyAndHold };

        double finalEquity = simulation.Equity[^1];
        var assets = books.Select(b =>
        {
            var open = PortfolioSimulation.OpenTrade(b);
            double pnl = b.CashFlow + b.Units * b.LastClose;
            return new PortfolioAssetResult
            {
                Symbol = b.Symbol,
                StrategyId = b.StrategyId,
                TargetWeight = b.Weight,
                FinalWeight = finalEquity != 0 ? b.Units * b.LastClose / finalEquity : 0,
                Pnl = pnl,
                Contribution = pnl / request.InitialCapital,
                Fees = b.Fees,
                ClosedTrades = b.Trades.Count,
                OpenTrades = open is null ? 0 : 1,
                Exposure = (double)b.BarsInMarket / timeline.Length,
                BuyAndHoldReturn = b.Bars.Close[^1] / b.Bars.Close[0] - 1,
                Trades = open is null ? b.Trades.ToArray() : [.. b.Trades, open],
            };
        }).ToArray();
        return new PortfolioResult { Metrics = metrics, Equity = simulation.Equity, Timestamps = timeline, Assets = assets, Rebalances = simulation.Rebalances };
    }

    /// <summary>The portfolio's bars: every timestamp of any asset, once, in order (what <see cref="Run"/> simulates).</summary>
    public static long[] Timeline(IReadOnlyDictionary<string, BarSeries> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        return Union(bars.Values.Select(b => b.Timestamps));
    }

    /// <summary>Sorted distinct timestamps of every series.</summary>
    private static long[] Union(IEnumerable<long[]> series)
    {
        var all = series.SelectMany(s => s).ToArray();
        Array.Sort(all);
        int count = 0;
        for (int i = 0; i < all.Length; i++)
            if (i == 0 || all[i] != all[i - 1]) all[count++] = all[i];
        return all[..count];
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
