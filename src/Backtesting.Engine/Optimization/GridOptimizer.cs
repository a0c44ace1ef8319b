using Backtesting.Engine.Data;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Validation;

namespace Backtesting.Engine.Optimization;

/// <summary>
/// Exhaustive grid search. Each cell is validated like a single run (invalid combinations are
/// skipped and counted) and evaluated independently, in parallel, so a cell equals that run alone.
/// </summary>
public static class GridOptimizer
{
    /// <summary>Checks the request before any work: strategy, axes, objective and cell count.</summary>
    public static IReadOnlyList<ValidationError> Validate(OptimizationRequest request)
    {
        var errors = new List<ValidationError>();
        var definition = Strategies.StrategyCatalog.Find(request.StrategyId);
        if (definition is null)
        {
            errors.Add(new ValidationError("strategy_id", $"'{request.StrategyId}'", $"is not a known strategy; allowed: {string.Join(", ", Strategies.StrategyCatalog.Ids)}"));
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
        long cells = request.Axes.Aggregate(1L, (n, a) => n * Math.Max(1, a.Values.Count));
        if (cells > request.MaxCells)
            errors.Add(new ValidationError("grid", cells.ToString(System.Globalization.CultureInfo.InvariantCulture), $"cells exceed the limit of {request.MaxCells}"));
        if (!(request.InitialCapital > 0) || !double.IsFinite(request.InitialCapital))
            errors.Add(new ValidationError("initial_capital", request.InitialCapital.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be a finite number > 0"));
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

    public static OptimizationResult Run(BarSeries bars, OptimizationRequest request)
    {
        var errors = Validate(request);
        if (errors.Count > 0) throw new ValidationException(errors);
        var parameterSets = Expand(request);
        var cells = new OptimizationCell[parameterSets.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = request.MaxParallelism ?? Environment.ProcessorCount };
        Parallel.For(0, cells.Length, parallel, i => cells[i] = Evaluate(bars, request, i, parameterSets[i]));
        bool maximize = request.Maximize ?? MetricNames.HigherIsBetter(request.Objective);
        var best = Rank(cells, request.Objective, maximize).FirstOrDefault();
        return new OptimizationResult(cells, best, request.Objective, maximize);
    }

    /// <summary>Evaluates one cell exactly as a single backtest with those parameters.</summary>
    public static OptimizationCell Evaluate(BarSeries bars, OptimizationRequest request, int index, IReadOnlyDictionary<string, object?> parameters)
    {
        var validation = StrategyConfigValidator.Validate(request.StrategyId, parameters);
        if (!validation.IsValid)
            return new OptimizationCell(index, parameters, null, validation.Errors);
        var result = BacktestEngine.Run(bars, validation.Config!, request.InitialCapital, request.Options);
        return new OptimizationCell(index, parameters, result.Metrics, null);
    }

    /// <summary>Evaluated cells ordered best first; undefined objective values rank last, ties keep grid order.</summary>
    public static IEnumerable<OptimizationCell> Rank(IEnumerable<OptimizationCell> cells, string objective, bool maximize) =>
        cells.Where(c => !c.Skipped)
            .Select(c => (Cell: c, Value: MetricNames.Read(c.Metrics!, objective)))
            .OrderBy(x => x.Value is null ? 1 : 0)
            .ThenBy(x => x.Value is { } v ? (maximize ? -v : v) : 0)
            .ThenBy(x => x.Cell.Index)
            .Select(x => x.Cell);
}
