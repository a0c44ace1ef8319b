using System.Globalization;
using Backtesting.Engine.Data;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.Optimization;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Validation;

namespace Backtesting.Engine.WalkForward;

/// <summary>
/// Walk-forward analysis. For each window: a grid (or random) search on the in-sample bars alone
/// picks the parameters by the objective; they are then traded on the out-of-sample bars.
/// <para>
/// Out-of-sample evaluation: signals are computed causally on the history from the first bar up to
/// the window's end (so indicators are warmed up by the bars before the window, and no bar after
/// the window exists for them), and trading happens only inside the window: the window starts flat
/// in cash, acts on signals of its own bars, and closes any open position at its last close. Each
/// window is simulated from the request's initial capital; the stitched curve compounds the
/// window returns (<see cref="Merge"/>), so windows are independent and can run in any order or
/// place. The in-sample search sees only the in-sample slice: out-of-sample bars never influence
/// the choice of their parameters.
/// </para>
/// </summary>
public static class WalkForwardAnalyzer
{
    /// <summary>Checks the request (search, objective, capital, window lengths) before any work.</summary>
    public static IReadOnlyList<ValidationError> Validate(WalkForwardRequest request)
    {
        var errors = new List<ValidationError>(GridOptimizer.Validate(request.ToOptimizationRequest(PeriodsPerYear.Daily)));
        if (!request.InSample.IsPositive)
            errors.Add(new ValidationError("in_sample", request.InSample.ToString(), "must be a positive bar count or time span"));
        if (!request.OutOfSample.IsPositive)
            errors.Add(new ValidationError("out_of_sample", request.OutOfSample.ToString(), "must be a positive bar count or time span"));
        if (request.MaxWindows < 1)
            errors.Add(new ValidationError("max_windows", Format(request.MaxWindows), "must be >= 1"));
        return errors;
    }

    /// <summary>
    /// The windows over these bars: out-of-sample windows tile the data after the first in-sample
    /// length; each in-sample window ends where its out-of-sample window starts (rolling: a fixed
    /// length back; anchored: from the first bar). Time lengths are measured on timestamps; a window
    /// whose in-sample or out-of-sample part holds no bar (a gap in the data) is left out.
    /// </summary>
    public static IReadOnlyList<WalkForwardWindow> PlanWindows(BarSeries bars, WalkForwardRequest request)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ThrowIfInvalid(request);
        int n = bars.Count;
        long[] ts = bars.Timestamps;
        var windows = new List<WalkForwardWindow>();
        if (n == 0) throw new ValidationException([new ValidationError("bars", "0", "a walk-forward analysis needs bars")]);

        void Add(int start, int end, long boundaryTicks)
        {
            int inSampleStart = request.Mode == WalkForwardMode.Anchored ? 0
                : request.InSample.Bars is { } inBars ? Math.Max(0, start - inBars)
                : TimestampSearch.FirstAtOrAfter(ts, SafeSubtract(boundaryTicks, request.InSample.Duration!.Value.Ticks));
            if (start - inSampleStart < 1 || end <= start) return;
            if (windows.Count == request.MaxWindows)
                throw new ValidationException([new ValidationError("out_of_sample", request.OutOfSample.ToString(), $"gives more than max_windows ({request.MaxWindows}) windows on {n} bars")]);
            windows.Add(new WalkForwardWindow(windows.Count, inSampleStart, start, start, end));
        }

        int firstStart = request.InSample.Bars is { } isBars ? isBars : TimestampSearch.FirstAtOrAfter(ts, SafeAdd(ts[0], request.InSample.Duration!.Value.Ticks));
        if (request.OutOfSample.Bars is { } oosBars)
        {
            for (long start = firstStart; start < n; start += oosBars)
                Add((int)start, (int)Math.Min(start + oosBars, n), start < n ? ts[start] : long.MaxValue);
        }
        else
        {
            long step = request.OutOfSample.Duration!.Value.Ticks;
            long boundary = request.InSample.Duration is { } inSpan ? SafeAdd(ts[0], inSpan.Ticks) : firstStart < n ? ts[firstStart] : long.MaxValue;
            for (; boundary <= ts[n - 1]; boundary = SafeAdd(boundary, step))
                Add(TimestampSearch.FirstAtOrAfter(ts, boundary), TimestampSearch.FirstAtOrAfter(ts, SafeAdd(boundary, step)), boundary);
        }
        if (windows.Count == 0)
            throw new ValidationException([new ValidationError("in_sample", request.InSample.ToString(),
                $"leaves no out-of-sample window: the data has {n} bars, {bars.TimeAt(0):O} .. {bars.TimeAt(n - 1):O}")]);
        return windows;
    }

    /// <summary>Plans the windows, evaluates each, and stitches them; <paramref name="progress"/> hears 1 per evaluated window.</summary>
    public static WalkForwardResult Run(BarSeries bars, WalkForwardRequest request, IProgress<int>? progress = null)
    {
        var windows = PlanWindows(bars, request);
        var results = new WalkForwardWindowResult[windows.Count];
        for (int i = 0; i < windows.Count; i++)
        {
            results[i] = EvaluateWindow(bars, request, windows[i]);
            progress?.Report(1);
        }
        return Merge(bars, request, results);
    }

    /// <summary>Evaluates window <paramref name="windowIndex"/> of <see cref="PlanWindows"/> (a workflow chunk).</summary>
    public static WalkForwardWindowResult EvaluateWindow(BarSeries bars, WalkForwardRequest request, int windowIndex)
    {
        var windows = PlanWindows(bars, request);
        if (windowIndex < 0 || windowIndex >= windows.Count)
            throw new ArgumentOutOfRangeException(nameof(windowIndex), windowIndex, $"must be in [0, {windows.Count})");
        return EvaluateWindow(bars, request, windows[windowIndex]);
    }

    /// <summary>Optimizes on the window's in-sample bars and trades the best parameters out of sample.</summary>
    public static WalkForwardWindowResult EvaluateWindow(BarSeries bars, WalkForwardRequest request, WalkForwardWindow window)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ThrowIfInvalid(request);
        if (window.InSampleStart < 0 || window.InSampleBars < 1 || window.OutOfSampleBars < 1 || window.InSampleEnd > window.OutOfSampleStart || window.OutOfSampleEnd > bars.Count)
            throw new ArgumentOutOfRangeException(nameof(window), window, $"is not a window of {bars.Count} bars");
        double periodsPerYear = AnnualisationOf(bars, request);
        var options = request.Options with { PeriodsPerYear = periodsPerYear };

        // the search sees the in-sample slice only
        var inSample = bars.Slice(window.InSampleStart, window.InSampleBars);
        var search = GridOptimizer.Run(inSample, request.ToOptimizationRequest(periodsPerYear));
        var outOfSample = bars.Slice(window.OutOfSampleStart, window.OutOfSampleBars);
        if (search.Best is null)
        {
            var flat = Enumerable.Repeat(request.InitialCapital, outOfSample.Count).ToArray();
            var metrics = MetricsCalculator.Compute(new MetricsCalculator.Inputs(request.InitialCapital, flat, [], null, 0, 0,
                outOfSample.Close[0], outOfSample.Close[^1], periodsPerYear, options.RiskFreeRate));
            return new WalkForwardWindowResult
            {
                Window = window,
                OutOfSampleMetrics = metrics,
                OutOfSampleEquity = flat,
                OutOfSampleTrades = [],
                EvaluatedCells = search.Evaluated,
                SkippedCells = search.Skipped,
                Problems = search.Cells.SelectMany(c => c.Errors ?? []).Distinct().Take(20).ToArray(),
            };
        }

        var config = StrategyConfigValidator.Validate(request.StrategyId, search.Best.Parameters, strategies: request.Strategies).GetConfigOrThrow();
        // signals on the history up to the window's end: warmed up by earlier bars, blind to later ones
        var history = bars.Slice(0, window.OutOfSampleEnd);
        var signals = new sbyte[history.Count];
        config.CreateStrategy().GenerateSignals(history, signals);
        var settings = config.ToSimulationSettings(request.InitialCapital) with { CloseAtEnd = true };
        var output = new BacktestSimulator(outOfSample, signals[window.OutOfSampleStart..window.OutOfSampleEnd], settings).Run();
        var result = BacktestEngine.Assemble(outOfSample, output, request.InitialCapital, options);
        int shift = window.OutOfSampleStart;
        return new WalkForwardWindowResult
        {
            Window = window,
            BestParameters = search.Best.Parameters,
            InSampleMetrics = search.Best.Metrics,
            OutOfSampleMetrics = result.Metrics,
            OutOfSampleEquity = result.Equity,
            OutOfSampleTrades = result.Trades.Select(t => t with { EntryBar = t.EntryBar + shift, ExitBar = t.ExitBar + shift }).ToArray(),
            EvaluatedCells = search.Evaluated,
            SkippedCells = search.Skipped,
        };
    }

    /// <summary>
    /// Stitches window results (every planned window, in any order) into one out-of-sample curve:
    /// window k's equity is scaled by the stitched capital at the end of window k-1 over the initial
    /// capital, and so are its trades and fees. Identical for any way the windows were computed.
    /// </summary>
    public static WalkForwardResult Merge(BarSeries bars, WalkForwardRequest request, IEnumerable<WalkForwardWindowResult> windows)
    {
        var ordered = windows.OrderBy(w => w.Window.Index).ToArray();
        for (int i = 0; i < ordered.Length; i++)
            if (ordered[i].Window.Index != i)
                throw new ArgumentException($"window results must be windows 0..{ordered.Length - 1} once each; found window {ordered[i].Window.Index} at position {i}", nameof(windows));
        if (ordered.Length == 0) throw new ArgumentException("no window results to merge", nameof(windows));

        double initial = request.InitialCapital, capital = initial, fees = 0;
        int total = ordered.Sum(w => w.OutOfSampleEquity.Length), position = 0, barsInMarket = 0;
        var equity = new double[total];
        var timestamps = new long[total];
        var trades = new List<Trade>();
        foreach (var w in ordered)
        {
            double scale = capital / initial;
            var curve = w.OutOfSampleEquity;
            for (int i = 0; i < curve.Length; i++) equity[position + i] = curve[i] * scale;
            Array.Copy(bars.Timestamps, w.Window.OutOfSampleStart, timestamps, position, curve.Length);
            position += curve.Length;
            capital = curve[^1] * scale;
            fees += w.OutOfSampleMetrics.TotalFees * scale;
            barsInMarket += (int)Math.Round(w.OutOfSampleMetrics.Exposure * w.OutOfSampleMetrics.Bars);
            foreach (var t in w.OutOfSampleTrades)
                trades.Add(t with { Quantity = t.Quantity * scale, EntryFee = t.EntryFee * scale, ExitFee = t.ExitFee * scale, Pnl = t.Pnl * scale });
        }
        double periodsPerYear = AnnualisationOf(bars, request);
        var metrics = MetricsCalculator.Compute(new MetricsCalculator.Inputs(initial, equity, trades, null, fees, barsInMarket,
            bars.Close[ordered[0].Window.OutOfSampleStart], bars.Close[ordered[^1].Window.OutOfSampleEnd - 1], periodsPerYear, request.Options.RiskFreeRate));
        var inSampleReturns = ordered.Where(w => w.InSampleMetrics is not null).Select(w => w.InSampleMetrics!.AnnualReturn).ToArray();
        double meanInSample = inSampleReturns.Length > 0 ? inSampleReturns.Average() : double.NaN;
        return new WalkForwardResult
        {
            Windows = ordered,
            Equity = equity,
            Timestamps = timestamps,
            Trades = trades,
            Metrics = metrics,
            WalkForwardEfficiency = meanInSample > 0 ? metrics.AnnualReturn / meanInSample : null,
        };
    }

    private static double AnnualisationOf(BarSeries bars, WalkForwardRequest request) =>
        request.Options.PeriodsPerYear ?? PeriodsPerYear.Infer(bars.Timestamps);

    private static void ThrowIfInvalid(WalkForwardRequest request)
    {
        var errors = Validate(request);
        if (errors.Count > 0) throw new ValidationException(errors);
    }

    private static long SafeAdd(long a, long b) => b > 0 && a > long.MaxValue - b ? long.MaxValue : a + b;

    private static long SafeSubtract(long a, long b) => b > 0 && a < long.MinValue + b ? long.MinValue : a - b;

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
