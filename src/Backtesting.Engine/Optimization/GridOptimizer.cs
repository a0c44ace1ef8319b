using System.Globalization;
using Backtesting.Engine.Data;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.Randomness;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Strategies;
using Backtesting.Engine.Strategies.Kernels;
using Backtesting.Engine.Validation;

namespace Backtesting.Engine.Optimization;

/// <summary>
/// Exhaustive grid search or seeded random search over it. Each cell is validated like a single run
/// (invalid combinations are skipped and counted) and equals that run alone bit for bit. Work that
/// does not depend on a cell's parameters is done once (scaled prices, prefix sums, indicator series,
/// the annualisation factor), cells that differ only in execution parameters share one signal array,
/// and cells run in parallel without per-bar allocation.
/// <para>
/// Chunking: cell i is a pure function of (bars, request, i). A workflow may evaluate any index
/// ranges with <see cref="EvaluateRange"/> and combine them with <see cref="Merge"/>; the result is
/// identical for every split.
/// </para>
/// </summary>
public static class GridOptimizer
{
    /// <summary>Checks the request before any work: strategy, axes, objective, cell count, capital, sampling.</summary>
    public static IReadOnlyList<ValidationError> Validate(OptimizationRequest request)
    {
        var errors = new List<ValidationError>();
        var definition = DefinitionOf(request);
        if (definition is null)
        {
            errors.Add(StrategyConfigValidator.UnknownStrategy(request.StrategyId, request.Strategies));
            return errors;
        }
        if (request.Axes.Count == 0)
            errors.Add(new ValidationError("grid", null, "needs at least one parameter axis"));
        foreach (var axis in request.Axes)
        {
            if (definition.FindParameter(axis.Name) is null)
                errors.Add(new ValidationError($"grid.{axis.Name}", null, $"is not a parameter of {definition.Id}; allowed: {string.Join(", ", definition.Parameters.Select(p => p.Name))}"));
            if (axis.Values.Count == 0)
                errors.Add(new ValidationError($"grid.{axis.Name}", null, "has no values"));
        }
        if (!MetricNames.IsKnown(request.Objective))
            errors.Add(new ValidationError("objective", $"'{request.Objective}'", $"is not a metric; allowed: {string.Join(", ", MetricNames.All)}"));
        long grid = GridSize(request);
        if (request.RandomSamples is { } samples)
        {
            if (samples <= 0)
                errors.Add(new ValidationError("random_samples", Format(samples), "must be an integer >= 1"));
            else if (samples > request.MaxCells)
                errors.Add(new ValidationError("random_samples", Format(samples), $"exceeds the limit of {request.MaxCells} cells"));
        }
        else if (grid > request.MaxCells)
        {
            errors.Add(new ValidationError("grid", Format(grid), $"cells exceed the limit of {request.MaxCells}"));
        }
        if (!(request.InitialCapital > 0) || !double.IsFinite(request.InitialCapital))
            errors.Add(new ValidationError("initial_capital", request.InitialCapital.ToString(CultureInfo.InvariantCulture), "must be a finite number > 0"));
        if (request.MinTrades < 0)
            errors.Add(new ValidationError("min_trades", Format(request.MinTrades), "must be an integer >= 0 (0: no minimum)"));
        if (request.MaxParallelism is { } parallelism && parallelism < 1)
            errors.Add(new ValidationError("max_parallelism", Format(parallelism), "must be >= 1 (or null for every core)"));
        return errors;
    }

    /// <summary>The cartesian product of the axes, first axis slowest, with the fixed parameters merged in.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> Expand(OptimizationRequest request)
    {
        var cells = new List<IReadOnlyDictionary<string, object?>> { new Dictionary<string, object?>(request.FixedParameters) };
        foreach (var axis in request.Axes)
        {
            var next = new List<IReadOnlyDictionary<string, object?>>(cells.Count * axis.Values.Count);
            foreach (var cell in cells)
                foreach (var value in axis.Values)
                    next.Add(new Dictionary<string, object?>(cell) { [axis.Name] = value });
            cells = next;
        }
        return cells;
    }

    /// <summary>Cells of the full grid (saturating at <see cref="long.MaxValue"/>).</summary>
    public static long GridSize(OptimizationRequest request)
    {
        long size = 1;
        foreach (var axis in request.Axes)
        {
            long count = Math.Max(1, axis.Values.Count);
            size = size > long.MaxValue / count ? long.MaxValue : size * count;
        }
        return size;
    }

    /// <summary>Cells the request evaluates: the grid size, or the random sample count capped at it. Indices run 0..count-1.</summary>
    public static int CellCount(OptimizationRequest request)
    {
        long grid = GridSize(request);
        return (int)Math.Min(request.RandomSamples is { } samples ? samples : grid, Math.Min(grid, int.MaxValue));
    }

    /// <summary>
    /// The parameters of cell <paramref name="index"/>: fixed parameters plus one value per axis. In a
    /// grid search cell i is grid point i (first axis slowest, as <see cref="Expand"/>); in a random
    /// search it is grid point <see cref="IndexPermutation.Permute"/>(i, grid size, seed): draws without
    /// replacement, each computed from (seed, i) alone.
    /// </summary>
    public static IReadOnlyDictionary<string, object?> CellParameters(OptimizationRequest request, int index)
    {
        long grid = GridSize(request);
        if (index < 0 || index >= CellCount(request))
            throw new ArgumentOutOfRangeException(nameof(index), index, $"must be in [0, {CellCount(request)})");
        long point = request.RandomSamples is null ? index : IndexPermutation.Permute(index, grid, unchecked((ulong)request.Seed));
        var values = new object[request.Axes.Count];
        for (int a = request.Axes.Count - 1; a >= 0; a--)
        {
            var axisValues = request.Axes[a].Values;
            values[a] = axisValues[(int)(point % axisValues.Count)];
            point /= axisValues.Count;
        }
        var parameters = new Dictionary<string, object?>(request.FixedParameters);
        for (int a = 0; a < values.Length; a++)
            parameters[request.Axes[a].Name] = values[a];
        return parameters;
    }

    /// <summary>Validates, evaluates every cell and ranks them; <paramref name="progress"/> hears the cells as <see cref="EvaluateRange"/> finishes them.</summary>
    public static OptimizationResult Run(BarSeries bars, OptimizationRequest request, IProgress<int>? progress = null)
    {
        ThrowIfInvalid(request);
        return Merge(request, EvaluateRange(bars, request, 0, CellCount(request), progress));
    }

    /// <summary>
    /// Evaluates cells [start, start + count) (a workflow chunk). Each returned cell equals
    /// <see cref="Evaluate"/> of the same index and parameters; skipped cells carry their validation errors.
    /// <paramref name="progress"/> hears the skipped cells at once, then 1 per backtested cell from the thread that ran it.
    /// </summary>
    public static IReadOnlyList<OptimizationCell> EvaluateRange(BarSeries bars, OptimizationRequest request, int start, int count, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ThrowIfInvalid(request);
        int total = CellCount(request);
        if (start < 0 || count < 0 || start > total - count)
            throw new ArgumentOutOfRangeException(nameof(start), start, $"cells [{start}, {start + count}) are outside [0, {total})");
        if (bars.Count == 0) throw new ArgumentException("an optimization needs at least one bar", nameof(bars));
        if (count == 0) return [];

        // the grid owns its series cache: once every cell is done the series go back for the next grid to overwrite
        var cache = new IndicatorSeriesCache();
        try
        {
            return EvaluateCells(bars, request, start, count, new ResearchBacktester(bars, DefinitionOf(request)!, request.Options, cache), progress);
        }
        finally
        {
            cache.Recycle();
        }
    }

    /// <summary>
    /// Allocates and maps in ahead the memory a grid of <paramref name="request"/> on <paramref name="bars"/> will write:
    /// its workers' buffers and its kernel's series arrays (<see cref="ISignalKernel.Prepare"/>), as far as the pools
    /// keep them. For a host with something else to do meanwhile (a fresh CLI process: while it compiles the engine's
    /// code), so that the grid's first writes find their pages mapped; the grid's cells are the same either way.
    /// </summary>
    public static void ReserveMemory(BarSeries bars, OptimizationRequest request)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ThrowIfInvalid(request);
        if (bars.Count == 0) return;
        // a cache of its own: no series is computed here, their arrays are only reserved for the grid's cache
        var backtester = new ResearchBacktester(bars, DefinitionOf(request)!, request.Options, new IndicatorSeriesCache());
        ReserveBuffers(PlanCells(request, 0, CellCount(request), backtester, progress: null), backtester);
    }

    /// <summary>The body of <see cref="EvaluateRange"/> on a backtester whose series cache the caller recycles.</summary>
    private static OptimizationCell[] EvaluateCells(BarSeries bars, OptimizationRequest request, int start, int count, ResearchBacktester backtester, IProgress<int>? progress)
    {
        var trace = GridTrace.Start();
        var plan = PlanCells(request, start, count, backtester, progress);
        var (cells, configs, keys, order, shared, units, parallel) = plan;
        bool[] unitShared = [.. units.Select(u => shared.IsShared(keys[order[u.First]]!))];
        trace?.Mark("plan");
        // work shared across cells first (e.g. EMA series four periods per pass), its parts on every core
        var preparation = ReserveBuffers(plan, backtester);
        trace?.Mark("reserve");
        if (preparation.Count > 0)
            Parallel.For(0, preparation.Count, parallel, k =>
            {
                var part = trace?.Begin("prepare part");
                preparation[k]();
                part?.End();
            });
        trace?.Mark("prepare");

        // workers claim pieces (a batch's signals, then its cells one by one) until none is left; the buffers go back
        // only after every worker is done, since a worker's signal set may hold a batch another worker still simulates
        var work = new GridWork(units, u => unitShared[u]);
        int width = backtester.Kernel.BatchWidth;
        var rented = new List<GridWorkerBuffers>();
        try
        {
            Parallel.For(0, Math.Min(parallel.MaxDegreeOfParallelism, units.Count), parallel, _ =>
            {
                var buffers = GridWorkerBuffers.Rent(bars.Count, width);
                lock (rented) rented.Add(buffers);
                int self = work.AddSet(buffers.Signals);
                var worker = trace?.Begin();
                try
                {
                    while (work.TryTake(self, out var piece))
                    {
                        if (worker is not null) worker.Units++;
                        RunPiece(piece);
                    }
                }
                catch
                {
                    work.Abandon();
                    throw;
                }
                finally
                {
                    worker?.End();
                }

                void RunPiece(GridWork.Piece piece)
                {
                    var (first, length) = units[piece.Unit];
                    switch (piece.Kind)
                    {
                        case GridWork.PieceKind.SharedCell:
                            int i = order[first];
                            string key = keys[i]!;
                            var signals = shared.Acquire(key, span => backtester.GenerateSignals(configs[i]!, span));
                            try { SimulateCell(i, signals); }
                            finally { shared.Release(key); }
                            break;
                        case GridWork.PieceKind.Batch:
                            var batch = new StrategyConfig[length];
                            for (int k = 0; k < length; k++) batch[k] = configs[order[first + k]]!;
                            backtester.GenerateSignals(batch, piece.Signals!);
                            work.Generated(self, piece);
                            SimulateCell(order[first], piece.Signals![0]);
                            work.Simulated(piece);
                            break;
                        default:
                            SimulateCell(order[first + piece.Slot], piece.Signals![piece.Slot]);
                            work.Simulated(piece);
                            break;
                    }

                    void SimulateCell(int cell, sbyte[] cellSignals)
                    {
                        cells[cell] = cells[cell] with { Metrics = backtester.Simulate(configs[cell]!, cellSignals.AsSpan(0, bars.Count), request.InitialCapital, buffers.Workspace) };
                        progress?.Report(1);
                    }
                }
            });
        }
        finally
        {
            foreach (var buffers in rented) GridWorkerBuffers.Return(buffers);
        }
        trace?.Write();
        return cells;
    }

    /// <summary>
    /// A range's cells validated (invalid ones finished: skipped with their errors), ordered so that cells sharing a
    /// signal array run next to each other, and cut into the units the workers take.
    /// </summary>
    private sealed record Plan(OptimizationCell[] Cells, StrategyConfig?[] Configs, string?[] Keys, int[] Order, SharedSignals Shared,
        List<(int First, int Length)> Units, ParallelOptions Parallel);

    /// <summary>Plans cells [start, start + count); <paramref name="progress"/> hears the skipped ones.</summary>
    private static Plan PlanCells(OptimizationRequest request, int start, int count, ResearchBacktester backtester, IProgress<int>? progress)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = request.MaxParallelism ?? Environment.ProcessorCount };
        var cells = new OptimizationCell[count];
        var configs = new StrategyConfig?[count];
        var keys = new string?[count];
        Parallel.For(0, count, parallel, i =>
        {
            var parameters = CellParameters(request, start + i);
            var validation = ValidateCell(request, parameters);
            if (!validation.IsValid)
            {
                cells[i] = new OptimizationCell(start + i, parameters, null, validation.Errors);
                return;
            }
            configs[i] = validation.Config;
            keys[i] = backtester.SignalKey(validation.Config!);
            cells[i] = new OptimizationCell(start + i, parameters, null, null);
        });

        // cells with equal signal keys share one signal array; run them next to each other
        var shared = new SharedSignals(backtester.Bars.Count);
        int[] order = Enumerable.Range(0, count).Where(i => configs[i] is not null).ToArray();
        var groups = order.GroupBy(i => keys[i]!, StringComparer.Ordinal).Where(g => g.Count() > 1).ToArray();
        foreach (var group in groups) shared.Expect(group.Key, group.Count());
        if (groups.Length > 0)
            order = [.. order.OrderBy(i => keys[i], StringComparer.Ordinal).ThenBy(i => i)];
        if (count > order.Length) progress?.Report(count - order.Length);

        // cells of unshared signals go to the kernel in batches of its width (MACD runs eight in the lanes of a vector);
        // the workers then take each batch's cells one by one (GridWork)
        var units = BatchUnits(order, i => shared.IsShared(keys[i]!), backtester.Kernel.BatchWidth);
        return new Plan(cells, configs, keys, order, shared, units, parallel);
    }

    /// <summary>
    /// Allocates the workers' buffers and has the kernel reserve its series arrays, both mapped in now rather than one
    /// 4 KB page fault at a time as they are first written (a fresh process's 10x10 grid on 100k bars: ~3-4k faults,
    /// 10-17 µs each on this project's VMs); returns the kernel's preparation parts.
    /// </summary>
    private static IReadOnlyList<Action> ReserveBuffers(Plan plan, ResearchBacktester backtester)
    {
        GridWorkerBuffers.Reserve(Math.Min(plan.Parallel.MaxDegreeOfParallelism, plan.Units.Count), backtester.Bars.Count, backtester.Kernel.BatchWidth);
        return backtester.Kernel.Prepare([.. plan.Order.Select(i => plan.Configs[i]!.Parameters)]);
    }

    /// <summary>
    /// Runs of <paramref name="order"/> (start, length): a shared-signal cell alone, other cells in runs of at most
    /// <paramref name="width"/> consecutive ones.
    /// </summary>
    private static List<(int First, int Length)> BatchUnits(int[] order, Func<int, bool> isShared, int width)
    {
        var units = new List<(int First, int Length)>();
        for (int k = 0; k < order.Length;)
        {
            int length = 1;
            if (!isShared(order[k]))
                while (length < width && k + length < order.Length && !isShared(order[k + length])) length++;
            units.Add((k, length));
            k += length;
        }
        return units;
    }

    /// <summary>
    /// Combines evaluated cells (chunks in any order) into the result: cells by index, the best by the
    /// objective, each cell marked <see cref="OptimizationCell.BelowMinTrades"/> by <see cref="IsBelowMinTrades"/>.
    /// Identical for any split of the same cells.
    /// </summary>
    public static OptimizationResult Merge(OptimizationRequest request, IEnumerable<OptimizationCell> cells)
    {
        var ordered = cells.OrderBy(c => c.Index).Select(c => c with { BelowMinTrades = IsBelowMinTrades(c, request.MinTrades) }).ToArray();
        for (int i = 1; i < ordered.Length; i++)
            if (ordered[i].Index == ordered[i - 1].Index)
                throw new ArgumentException($"cell {ordered[i].Index} appears twice", nameof(cells));
        bool maximize = request.Maximize ?? MetricNames.HigherIsBetter(request.Objective);
        var best = Rank(ordered, request.Objective, maximize, request.MinTrades).FirstOrDefault();
        return new OptimizationResult(ordered, best, request.Objective, maximize) { MinTrades = request.MinTrades };
    }

    /// <summary>Evaluates one cell exactly as a single backtest with those parameters.</summary>
    public static OptimizationCell Evaluate(BarSeries bars, OptimizationRequest request, int index, IReadOnlyDictionary<string, object?> parameters)
    {
        var validation = ValidateCell(request, parameters);
        if (!validation.IsValid)
            return new OptimizationCell(index, parameters, null, validation.Errors);
        var result = BacktestEngine.Run(bars, validation.Config!, request.InitialCapital, request.Options);
        return new OptimizationCell(index, parameters, result.Metrics, null);
    }

    /// <summary>The request's strategy: its own definition (a rules strategy) or the built-in named by its id.</summary>
    private static StrategyDefinition? DefinitionOf(OptimizationRequest request) =>
        request.Strategy is { } own && own.Id == request.StrategyId ? own : request.Strategies.Find(request.StrategyId);

    /// <summary>A cell's parameters checked like a single run's (bounds, constraints).</summary>
    private static StrategyConfigValidator.Result ValidateCell(OptimizationRequest request, IReadOnlyDictionary<string, object?> parameters) =>
        DefinitionOf(request) is { } definition
            ? StrategyConfigValidator.Validate(definition, parameters)
            : StrategyConfigValidator.Validate(request.StrategyId, parameters, strategies: request.Strategies);

    /// <summary>
    /// Evaluated cells ordered best first by <see cref="CellRank"/>: cells with at least <paramref name="minTrades"/> closed
    /// trades before the others, then by the objective (undefined values last); ties keep grid order.
    /// </summary>
    public static IEnumerable<OptimizationCell> Rank(IEnumerable<OptimizationCell> cells, string objective, bool maximize, int minTrades = 0) =>
        cells.Where(c => !c.Skipped)
            .Select(c => (Cell: c, Rank: CellRank.Of(c, objective, maximize, minTrades)))
            .OrderBy(x => x.Rank)
            .Select(x => x.Cell);

    /// <summary>Whether an evaluated cell closed fewer trades than <paramref name="minTrades"/>.</summary>
    public static bool IsBelowMinTrades(OptimizationCell cell, int minTrades) =>
        cell.Metrics is { } metrics && metrics.TotalTrades < minTrades;

    private static void ThrowIfInvalid(OptimizationRequest request)
    {
        var errors = Validate(request);
        if (errors.Count > 0) throw new ValidationException(errors);
    }

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
