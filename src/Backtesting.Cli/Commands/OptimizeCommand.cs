using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Backtesting.Cli.Output;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.Optimization;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Synthetic;
using Backtesting.Engine.Validation;

namespace Backtesting.Cli.Commands;

/// <summary><c>optimize</c>: a parameter grid over a CSV file, best cell by an objective metric.</summary>
public static class OptimizeCommand
{
    public static Command Create(CliConsole console)
    {
        var input = new StrategyRunOptions(acceptsStrategyFile: true);
        var grid = new Option<string[]>("--grid") { Description = "Axis NAME=START:STOP:STEP (STOP inclusive) or NAME=a,b,c (repeatable).", Required = true };
        var objective = new Option<string>("--objective") { Description = $"Metric to optimize: {string.Join(", ", MetricNames.All)}.", DefaultValueFactory = _ => MetricNames.SharpeRatio };
        var minimize = new Option<bool>("--minimize") { Description = "Minimize the objective (default: its natural direction)." };
        var top = new Option<int>("--top") { Description = "Best cells listed (table rows, and 'top' in the JSON output).", DefaultValueFactory = _ => 10 };
        var random = new Option<int?>("--random") { Description = "Random search: evaluate N cells drawn from the grid without replacement." };
        var seed = new Option<long>("--seed") { Description = "Seed of the random search (same seed, same cells).", DefaultValueFactory = _ => 1 };
        var minTrades = new Option<int>("--min-trades") { Description = "Cells with fewer closed trades rank after all others and are marked (0: no minimum).", DefaultValueFactory = _ => 0 };
        var command = new Command("optimize", "Evaluate every cell of a parameter grid (or a seeded random sample of it).")
        {
            grid, objective, minimize, top, random, seed, minTrades,
       };
        input.AddTo(command);
        command.SetAction(parse => console.Guarded(() =>
        {
            var axes = (parse.GetValue(grid) ?? []).Select(ParseAxis).ToArray();
            var rules = input.RulesStrategy(parse);
            var request = new OptimizationRequest
            {
                StrategyId = rules?.Id ?? parse.GetValue(input.Strategy)!,
                Strategy = rules,
                FixedParameters = input.ParameterValues(parse),
                Axes = axes,
                Objective = parse.GetValue(objective)!,
                Maximize = parse.GetValue(minimize) ? false : null,
                InitialCapital = parse.GetValue(input.Capital),
                Options = input.BacktestOptions(parse),
                RandomSamples = parse.GetValue(random),
                Seed = parse.GetValue(seed),
                MinTrades = parse.GetValue(minTrades),
            };
            var problems = GridOptimizer.Validate(request).Select(e => e.Field == "min_trades" ? e with { Field = "--min-trades" } : e).ToList();
            int topCount = parse.GetValue(top);
            if (topCount < 0)
                problems.Add(new ValidationError("--top", topCount.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be >= 0"));
            if (problems.Count > 0) throw new ValidationException(problems);

            // JIT the engine's code paths on generated bars on another core while this one loads the file (as `run` does),
            // so neither engine_ms nor the process waits for the compiler; then, while that goes on, this core maps in
            // the memory the grid will write (a fresh process faulted it in 4 KB at a time: ~3-4k faults in a 10x10 grid)
            var warmup = Task.Run(() => Warmup(request));
            var clock = Stopwatch.StartNew();
            var bars = input.LoadBars(parse);
            double loadMs = clock.Elapsed.TotalMilliseconds;
            GridOptimizer.ReserveMemory(bars, request);
            double warmupMs = warmup.GetAwaiter().GetResult();
            clock.Restart();
            var result = console.WithProgress(parse, "cells", GridOptimizer.CellCount(request), progress => GridOptimizer.Run(bars, request, progress));
            double engineMs = clock.Elapsed.TotalMilliseconds;

            if (parse.GetValue(input.Json))
                console.Out.WriteLine(JsonOutput.Serialize(ToJson(result, topCount, loadMs, warmupMs, engineMs)));
            else
                WriteText(console.Out, result, topCount, loadMs, engineMs);
            return CliApplication.Ok;
        }));
        return command;
    }

    /// <summary>
    /// The grid on 2,000 generated bars, for the compiler only; returns its milliseconds. Its result and any failure are
    /// dropped: the grid on the file's bars reports its own.
    /// </summary>
    private static double Warmup(OptimizationRequest request)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            GridOptimizer.Run(GbmBarGenerator.Generate(new GbmOptions { Bars = 2_000 }), request);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or ValidationException)
        {
            // e.g. a rules strategy the generated bars cannot serve: the real grid reports what is wrong with the real data
        }
        return clock.Elapsed.TotalMilliseconds;
    }

    internal static ParameterAxis ParseAxis(string text)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0) throw new FormatException($"--grid: '{text}' is not NAME=START:STOP:STEP or NAME=a,b,c");
        try
        {
            return ParameterAxis.Parse(text[..eq].Trim(), text[(eq + 1)..].Trim());
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new FormatException($"--grid: {ex.Message.Split(" (Parameter")[0]}");
        }
    }

    internal static JsonObject Row(OptimizationCell cell, int minTrades = 0)
    {
        var row = new JsonObject { ["params"] = JsonOutput.Parameters(cell.Parameters) };
        if (GridOptimizer.IsBelowMinTrades(cell, minTrades)) row["below_min_trades"] = true;
        if (cell.Skipped)
        {
            row["skipped"] = true;
            row["errors"] = new JsonArray(cell.Errors!.Select(e => (JsonNode)JsonValue.Create(e.ToString())!).ToArray());
        }
        else
        {
            foreach (var (name, value) in JsonOutput.Metrics(cell.Metrics!))
                row[name] = value?.DeepClone();
        }
        return row;
    }

    private static JsonObject ToJson(OptimizationResult result, int top, double loadMs, double warmupMs, double engineMs)
    {
        return new JsonObject
        {
            ["objective"] = result.Objective,
            ["maximize"] = result.Maximize,
            ["best"] = result.Best is null ? null : Row(result.Best, result.MinTrades),
            ["cells"] = result.Cells.Count,
            ["evaluated"] = result.Evaluated,
            ["skipped"] = result.Skipped,
            ["min_trades"] = result.MinTrades,
            ["below_min_trades"] = result.BelowMinTrades,
            ["timing"] = ResearchOptions.Timing(loadMs, warmupMs, engineMs),
            ["top"] = new JsonArray(result.Top(top).Select(c => (JsonNode)Row(c, result.MinTrades)).ToArray()),
            ["results"] = new JsonArray(result.Cells.Select(c => (JsonNode)Row(c, result.MinTrades)).ToArray()),
        };
    }

    private static void WriteText(TextWriter output, OptimizationResult result, int top, double loadMs, double engineMs)
    {
        output.WriteLine($"{result.Cells.Count} cells, {result.Evaluated} evaluated, {result.Skipped} skipped; objective {result.Objective} ({(result.Maximize ? "maximize" : "minimize")})"
            + (result.MinTrades > 0 ? $"; {result.BelowMinTrades} below --min-trades {result.MinTrades} (ranked last, marked *)" : ""));
        var table = new TextTable("rank", "params", result.Objective, "total_return", "max_drawdown", "total_trades");
        int rank = 1;
        foreach (var cell in result.Top(top))
            table.Add((result.IsBelowMinTrades(cell) ? "*" : "") + rank++, string.Join(" ", cell.Parameters.Select(kv => $"{kv.Key}={TextTable.Format(kv.Value)}")),
                MetricNames.Read(cell.Metrics!, result.Objective), cell.Metrics!.TotalReturn, cell.Metrics.MaxDrawdown, cell.Metrics.TotalTrades);
        table.WriteTo(output);
        output.WriteLine($"timing: load {loadMs:0.0} ms, engine {engineMs:0.0} ms");
    }
}
