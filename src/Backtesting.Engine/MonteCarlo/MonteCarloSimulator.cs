using System.Globalization;
using Backtesting.Engine.Data;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Strategies;
using Backtesting.Engine.Strategies.Kernels;
using Backtesting.Engine.Validation;

namespace Backtesting.Engine.MonteCarlo;

/// <summary>
/// Monte Carlo studies of a strategy configuration: trade-order reshuffles, trade bootstraps, and
/// price-path simulations (block bootstrap, fitted GBM) that re-run the strategy on every path.
/// <para>
/// Path i draws all its randomness from xoshiro256** seeded with SplitMix64.DeriveSeed(seed, i), so
/// a workflow may compute any batches of paths anywhere (<see cref="SimulatePaths"/>) and combine
/// them with <see cref="Merge"/>: the result is identical for every split.
/// </para>
/// </summary>
public static class MonteCarloSimulator
{
    /// <summary>Metrics a trade path defines.</summary>
    public static IReadOnlyList<string> TradeMetrics => TradePathSampler.Supported;

    /// <summary>The metrics reported when the request names none.</summary>
    public static IReadOnlyList<string> DefaultMetrics(MonteCarloMethod method) =>
        MonteCarloMethods.ResamplesTrades(method) ? [MetricNames.TotalReturn] : [MetricNames.TotalReturn, MetricNames.SharpeRatio];

    /// <summary>Checks the request before any work; every problem with its field, value and what is allowed.</summary>
    public static IReadOnlyList<ValidationError> Validate(MonteCarloRequest request)
    {
        var errors = new List<ValidationError>(StrategyConfigValidator.Validate(request.StrategyId, request.Parameters, strategies: request.Strategies).Errors);
        if (!(request.InitialCapital > 0) || !double.IsFinite(request.InitialCapital))
            errors.Add(new ValidationError("initial_capital", Format(request.InitialCapital), "must be a finite number > 0"));
        if (!Enum.IsDefined(request.Method))
            errors.Add(new ValidationError("method", Format((int)request.Method), $"is not a method; allowed: {string.Join(", ", MonteCarloMethods.All)}"));
        if (request.Paths < 1 || request.Paths > request.MaxPaths)
            errors.Add(new ValidationError("paths", Format(request.Paths), $"must be in [1, {request.MaxPaths}]"));
        if (request.BlockLength < 1)
            errors.Add(new ValidationError("block_length", Format(request.BlockLength), "must be >= 1 bar"));
        if (!(request.DrawdownThreshold >= 0) || !double.IsFinite(request.DrawdownThreshold))
            errors.Add(new ValidationError("drawdown_threshold", Format(request.DrawdownThreshold), "must be a finite fraction >= 0 (0.2 = 20 %)"));
        if (request.Percentiles.Count == 0)
            errors.Add(new ValidationError("percentiles", "[]", "needs at least one level in [0, 100]"));
        foreach (double level in request.Percentiles)
            if (!(level >= 0 && level <= 100))
                errors.Add(new ValidationError("percentiles", Format(level), "must be in [0, 100]"));
        if (request.BandPoints < 2 || request.BandPoints > 10_000)
            errors.Add(new ValidationError("band_points", Format(request.BandPoints), "must be in [2, 10000]"));
        if (request.MaxParallelism is { } parallelism && parallelism < 1)
            errors.Add(new ValidationError("max_parallelism", Format(parallelism), "must be >= 1 (or null for every core)"));
        bool trades = MonteCarloMethods.ResamplesTrades(request.Method);
        foreach (string metric in request.Metrics ?? [])
        {
            if (!MetricNames.IsKnown(metric))
                errors.Add(new ValidationError("metrics", $"'{metric}'", $"is not a metric; allowed: {string.Join(", ", MetricNames.All)}"));
            else if (trades && !TradeMetrics.Contains(metric))
                errors.Add(new ValidationError("metrics", $"'{metric}'", $"is not defined on trade paths (it needs bars); allowed for {MonteCarloMethods.Name(request.Method)}: {string.Join(", ", TradeMetrics)}"));
        }
        return errors;
    }

    /// <summary>Simulates every path and merges them; <paramref name="progress"/> hears 1 per simulated path, from the thread that simulated it.</summary>
    public static MonteCarloResult Run(BarSeries bars, MonteCarloRequest request, IProgress<int>? progress = null) =>
        Merge(request, [SimulatePaths(bars, request, 0, request.Paths, progress)]);

    /// <summary>
    /// Paths [start, start + count) (a workflow chunk). Trade methods resample the trades of the backtest
    /// on <paramref name="bars"/> (closed ones only: an open trade has no realised pnl, and the baseline's trade statistics count closed
    /// trades only); price methods
    /// generate paths shaped like these bars and re-run the strategy on each.
    /// </summary>
    public static MonteCarloBatch SimulatePaths(BarSeries bars, MonteCarloRequest request, int start, int count, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ThrowIfInvalid(request);
        CheckRange(request, start, count);
        if (bars.Count == 0) throw new ValidationException([new ValidationError("bars", "0", "a Monte Carlo study needs bars")]);
        var config = StrategyConfigValidator.Validate(request.StrategyId, request.Parameters, strategies: request.Strategies).GetConfigOrThrow();
        var baseline = BacktestEngine.Run(bars, config, request.InitialCapital, request.Options);
        if (MonteCarloMethods.ResamplesTrades(request.Method))
        {
            // closed trades only, as the baseline's total_trades, win_rate, expectancy and profit_factor:
            // a reshuffle then leaves every trade statistic exactly as the baseline has it
            double[] pnls = baseline.Trades.Where(t => !t.IsOpen).Select(t => t.Pnl).ToArray();
            return SimulateTrades(pnls, baseline.Metrics, request, start, count, progress);
        }
        if (bars.Count < 2)
            throw new ValidationException([new ValidationError("bars", Format(bars.Count), $"{MonteCarloMethods.Name(request.Method)} needs at least 2 bars")]);
        return SimulatePrices(bars, config, baseline.Metrics, request, start, count, progress);
    }

    /// <summary>
    /// Trade paths from given closed-trade pnls (e.g. a stored backtest's closed trades) instead of
    /// re-running the backtest; <paramref name="baseline"/> is reported as is.
    /// </summary>
    public static MonteCarloBatch SimulateTradePaths(IReadOnlyList<double> tradePnls, PerformanceMetrics baseline, MonteCarloRequest request, int start, int count)
    {
        ThrowIfInvalid(request);
        if (!MonteCarloMethods.ResamplesTrades(request.Method))
            throw new ValidationException([new ValidationError("method", MonteCarloMethods.Name(request.Method), $"needs bars; trade pnls support {MonteCarloMethods.TradeReshuffle} and {MonteCarloMethods.TradeBootstrap}")]);
        CheckRange(request, start, count);
        return SimulateTrades(tradePnls.ToArray(), baseline, request, start, count, progress: null);
    }

    /// <summary>
    /// Combines batches (in any order) covering paths 0..Paths-1 exactly once into the distributions,
    /// probabilities and equity bands. Identical for any split of the same paths.
    /// </summary>
    public static MonteCarloResult Merge(MonteCarloRequest request, IEnumerable<MonteCarloBatch> batches)
    {
        var all = batches.ToArray();
        if (all.Length == 0) throw new ArgumentException("no batches to merge", nameof(batches));
        var first = all[0];
        foreach (var batch in all)
            if (!batch.BandSteps.AsSpan().SequenceEqual(first.BandSteps) || !batch.MetricNames.SequenceEqual(first.MetricNames))
                throw new ArgumentException("batches come from different studies (band steps or metrics differ)", nameof(batches));
        var paths = all.SelectMany(b => b.Paths).OrderBy(p => p.Index).ToArray();
        for (int i = 0; i < paths.Length; i++)
            if (paths[i].Index != i)
                throw new ArgumentException($"batches must cover paths 0..{request.Paths - 1} once each; found path {paths[i].Index} at position {i}", nameof(batches));
        if (paths.Length != request.Paths)
            throw new ArgumentException($"batches hold {paths.Length} paths; the request has {request.Paths}", nameof(batches));

        var levels = request.Percentiles.ToArray();
        var distributions = new List<MetricDistribution>
        {
            Distribute(MetricNames.FinalCapital, paths.Select(p => (double?)p.FinalCapital), levels),
            Distribute(MetricNames.MaxDrawdown, paths.Select(p => (double?)p.MaxDrawdown), levels),
        };
        for (int m = 0; m < first.MetricNames.Count; m++)
        {
            int metric = m;
            if (first.MetricNames[m] is MetricNames.FinalCapital or MetricNames.MaxDrawdown) continue;
            distributions.Add(Distribute(first.MetricNames[m], paths.Select(p => p.Metrics[metric]), levels));
        }

        int points = first.BandSteps.Length;
        var bands = levels.Select(_ => new double[points]).ToArray();
        var column = new double[paths.Length];
        for (int b = 0; b < points; b++)
        {
            for (int i = 0; i < paths.Length; i++) column[i] = paths[i].Band[b];
            Array.Sort(column);
            for (int k = 0; k < levels.Length; k++) bands[k][b] = Percentiles.OfSorted(column, levels[k]);
        }

        return new MonteCarloResult
        {
            Method = request.Method,
            Paths = paths.Length,
            Seed = request.Seed,
            Levels = levels,
            Distributions = distributions,
            ProbabilityOfLoss = (double)paths.Count(p => p.FinalCapital < request.InitialCapital) / paths.Length,
            DrawdownThreshold = request.DrawdownThreshold,
            ProbabilityOfDrawdownBeyondThreshold = (double)paths.Count(p => p.MaxDrawdown > request.DrawdownThreshold) / paths.Length,
            Bands = new EquityBands(first.BandSteps, first.BandTimestamps, levels, bands),
            Baseline = first.Baseline,
            OriginalOrder = first.OriginalOrder is { } original ? Values(original, first.MetricNames) : null,
            DrawdownBasis = MonteCarloMethods.DrawdownBasis(request.Method),
            TradeCount = first.TradeCount,
        };
    }

    private static Dictionary<string, double?> Values(MonteCarloPath path, IReadOnlyList<string> metrics)
    {
        var values = new Dictionary<string, double?>
        {
            [MetricNames.FinalCapital] = path.FinalCapital,
            [MetricNames.MaxDrawdown] = path.MaxDrawdown,
        };
        for (int m = 0; m < metrics.Count; m++) values[metrics[m]] = path.Metrics[m];
        return values;
    }

    private static MonteCarloBatch SimulateTrades(double[] pnls, PerformanceMetrics baseline, MonteCarloRequest request, int start, int count, IProgress<int>? progress)
    {
        var metrics = request.Metrics ?? DefaultMetrics(request.Method);
        int[] steps = BandSteps(pnls.Length + 1, request.BandPoints);
        var sampler = new TradePathSampler(pnls, request.InitialCapital, request.Method == MonteCarloMethod.TradeBootstrap, metrics, steps);
        var paths = new MonteCarloPath[count];
        ulong seed = unchecked((ulong)request.Seed);
        Parallel.For(0, count, Parallelism(request), () => new TradePathSampler.Buffers(pnls.Length), (i, _, buffers) =>
        {
            paths[i] = sampler.Sample(start + i, seed, buffers);
            progress?.Report(1);
            return buffers;
        }, _ => { });
        return new MonteCarloBatch
        {
            Start = start, Paths = paths, MetricNames = metrics, BandSteps = steps, Baseline = baseline, TradeCount = pnls.Length,
            OriginalOrder = sampler.Original(new TradePathSampler.Buffers(pnls.Length)),
        };
    }

    private static MonteCarloBatch SimulatePrices(BarSeries bars, StrategyConfig config, PerformanceMetrics baseline, MonteCarloRequest request, int start, int count, IProgress<int>? progress)
    {
        var metrics = request.Metrics ?? DefaultMetrics(request.Method);
        int[] steps = BandSteps(bars.Count, request.BandPoints);
        var generator = new PricePathGenerator(bars, request.Method == MonteCarloMethod.Gbm, request.BlockLength);
        double periodsPerYear = request.Options.PeriodsPerYear ?? PeriodsPerYear.Infer(bars.Timestamps);
        var settings = config.ToSimulationSettings(request.InitialCapital);
        var paths = new MonteCarloPath[count];
        ulong seed = unchecked((ulong)request.Seed);
        Parallel.For(0, count, Parallelism(request), () => (Bars: generator.CreateBuffers(), Workspace: new BacktestWorkspace(bars.Count)), (i, _, local) =>
        {
            generator.Generate(start + i, seed, local.Bars);
            using (var kernel = config.Definition.CreateKernel(local.Bars))
                kernel.Generate(config.Parameters, local.Workspace.Signals);
            var m = EquitySimulator.RunMetrics(local.Bars, local.Workspace.Signals, settings, local.Workspace.Equity, periodsPerYear, request.Options.RiskFreeRate);
            var values = metrics.Select(name => MetricNames.Read(m, name)).ToArray();
            var band = steps.Select(s => local.Workspace.Equity[s]).ToArray();
            paths[i] = new MonteCarloPath(start + i, m.FinalCapital, m.MaxDrawdown, values, band);
            progress?.Report(1);
            return local;
        }, _ => { });
        return new MonteCarloBatch
        {
            Start = start, Paths = paths, MetricNames = metrics, BandSteps = steps,
            BandTimestamps = steps.Select(s => bars.Timestamps[s]).ToArray(), Baseline = baseline,
        };
    }

    /// <summary>Evenly spread positions 0..length-1, at most <paramref name="points"/> of them.</summary>
    private static int[] BandSteps(int length, int points)
    {
        int count = Math.Min(points, length);
        if (count <= 1) return [0];
        var steps = new int[count];
        for (int j = 0; j < count; j++) steps[j] = (int)Math.Round((double)j * (length - 1) / (count - 1));
        return steps;
    }

    private static MetricDistribution Distribute(string metric, IEnumerable<double?> values, double[] levels)
    {
        var defined = values.Where(v => v is { } x && !double.IsNaN(x)).Select(v => v!.Value).ToArray();
        if (defined.Length == 0)
            return new MetricDistribution(metric, 0, double.NaN, double.NaN, double.NaN, double.NaN, levels.Select(_ => double.NaN).ToArray());
        double sum = 0;
        foreach (double v in defined) sum += v;
        double mean = sum / defined.Length, squares = 0;
        foreach (double v in defined) squares += (v - mean) * (v - mean);
        double std = defined.Length > 1 ? Math.Sqrt(squares / (defined.Length - 1)) : 0;
        Array.Sort(defined);
        return new MetricDistribution(metric, defined.Length, mean, std, defined[0], defined[^1],
            levels.Select(level => Percentiles.OfSorted(defined, level)).ToArray()) { Histogram = Histogram.OfSorted(defined) };
    }

    private static void CheckRange(MonteCarloRequest request, int start, int count)
    {
        if (start < 0 || count < 0 || start > request.Paths - count)
            throw new ArgumentOutOfRangeException(nameof(start), start, $"paths [{start}, {start + count}) are outside [0, {request.Paths})");
    }

    private static ParallelOptions Parallelism(MonteCarloRequest request) =>
        new() { MaxDegreeOfParallelism = request.MaxParallelism ?? Environment.ProcessorCount };

    private static void ThrowIfInvalid(MonteCarloRequest request)
    {
        var errors = Validate(request);
        if (errors.Count > 0) throw new ValidationException(errors);
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
