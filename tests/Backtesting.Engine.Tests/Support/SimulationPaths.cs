using Backtesting.Engine.Data;
using Backtesting.Engine.Optimization;
using Backtesting.Engine.Portfolio;
using Backtesting.Engine.Simulation;

namespace Backtesting.Engine.Tests.Support;

/// <summary>
/// Every way the service simulates one strategy on one bar series, behind one signature, so that a test can
/// demand the same behaviour from all of them. This is the only file that knows how each path is entered:
/// when the simulation core is refactored, only the runners below change.
/// </summary>
public static class SimulationPaths
{
    /// <summary>Runs a validated strategy config (strategy id and parameters) on bars with an initial capital.</summary>
    public delegate PathOutcome Runner(BarSeries bars, string strategyId, IReadOnlyDictionary<string, object?> parameters,
        double initialCapital, BacktestOptions options);

    /// <summary>Every path by name.</summary>
    public static IReadOnlyList<(string Path, Runner Run)> All { get; } =
    [
        ("engine", Engine),
        ("chunked", Chunked),
        ("progress", EngineWithProgress),
        ("research", Research),
        ("portfolio", Portfolio),
    ];

    /// <summary>The path names, as xunit member data.</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var (path, _) in All) data.Add(path);
        return data;
    }

    /// <summary>Runs the named path.</summary>
    public static PathOutcome Run(string path, BarSeries bars, string strategyId, IReadOnlyDictionary<string, object?> parameters,
        double initialCapital, BacktestOptions? options = null) =>
        All.Single(p => p.Path == path).Run(bars, strategyId, parameters, initialCapital, options ?? BacktestOptions.Default);

    /// <summary>A single backtest in one pass: BacktestEngine.Run (the HTTP, MCP and CLI runs).</summary>
    private static PathOutcome Engine(BarSeries bars, string strategyId, IReadOnlyDictionary<string, object?> parameters,
        double initialCapital, BacktestOptions options)
    {
        var result = BacktestEngine.Run(bars, EngineRun.Config(strategyId, parameters), initialCapital, options);
        return new PathOutcome(result.Metrics, result.Trades, result.Equity);
    }

    /// <summary>
    /// BacktestEngine.Run with a progress callback (the CLI's run on a terminal): the simulation advances in about a
    /// hundred chunks, and the chunks together report every bar once.
    /// </summary>
    private static PathOutcome EngineWithProgress(BarSeries bars, string strategyId, IReadOnlyDictionary<string, object?> parameters,
        double initialCapital, BacktestOptions options)
    {
        var progress = new CountingProgress();
        var result = BacktestEngine.Run(bars, EngineRun.Config(strategyId, parameters), initialCapital, options, progress);
        Assert.Equal(bars.Count, progress.Total);
        return new PathOutcome(result.Metrics, result.Trades, result.Equity);
    }

    /// <summary>
    /// A backtest split into time chunks as the workflow does (SimulateChunkActivity): about 7 chunks (one bar
    /// each on short series, so every bar boundary hands the state on), each from a copy of the previous state.
    /// </summary>
    private static PathOutcome Chunked(BarSeries bars, string strategyId, IReadOnlyDictionary<string, object?> parameters,
        double initialCapital, BacktestOptions options)
    {
        var config = EngineRun.Config(strategyId, parameters);
        var signals = new sbyte[bars.Count];
        config.CreateStrategy().GenerateSignals(bars, signals);
        var simulator = new BacktestSimulator(bars, signals, config.ToSimulationSettings(initialCapital));
        int chunk = Math.Max(1, bars.Count / 7);
        var state = SimulatorState.Initial(initialCapital);
        // the Durable hand-over: every chunk records on its own, the finalization appends them to the run's recording
        var run = new RunRecording(bars);
        while (state.NextBar < bars.Count)
        {
            int from = state.NextBar, to = Math.Min(bars.Count, from + chunk);
            state = state with { };
            using var part = new ChunkRecording(bars, from, to);
            simulator.Advance(state, to, part);
            part.Equity.CopyTo(run.Append(to, part.ClosedTrades));
        }
        var result = BacktestEngine.Assemble(bars, simulator.Finish(state, run), initialCapital, options);
        return new PathOutcome(result.Metrics, result.Trades, result.Equity);
    }

    /// <summary>The research path (grids, walk-forward, comparisons): a one-cell grid. It keeps metrics only.</summary>
    private static PathOutcome Research(BarSeries bars, string strategyId, IReadOnlyDictionary<string, object?> parameters,
        double initialCapital, BacktestOptions options)
    {
        // the single axis is position_size at the run's own value, so the cell is exactly the run
        var fixedParameters = new Dictionary<string, object?>(parameters);
        fixedParameters.Remove("position_size", out object? size);
        var request = new OptimizationRequest
        {
            StrategyId = strategyId,
            FixedParameters = fixedParameters,
            Axes = [new ParameterAxis("position_size", [size ?? 1.0])],
            InitialCapital = initialCapital,
            Options = options,
            MaxParallelism = 1,
        };
        var cell = Assert.Single(GridOptimizer.Run(bars, request).Cells);
        Assert.True(cell.Metrics is not null, "the one grid cell was skipped: " + string.Join("; ", cell.Errors ?? []));
        return new PathOutcome(cell.Metrics, null, null);
    }

    /// <summary>A portfolio of the one asset at weight 1 without rebalancing.</summary>
    private static PathOutcome Portfolio(BarSeries bars, string strategyId, IReadOnlyDictionary<string, object?> parameters,
        double initialCapital, BacktestOptions options)
    {
        var request = new PortfolioRequest
        {
            Assets = [new PortfolioAsset { Symbol = "X", Weight = 1 }],
            StrategyId = strategyId,
            Parameters = parameters,
            InitialCapital = initialCapital,
            Options = options,
        };
        var result = PortfolioBacktester.Run(new Dictionary<string, BarSeries> { ["X"] = bars }, request);
        return new PathOutcome(result.Metrics, result.Assets[0].Trades, result.Equity);
    }
}
