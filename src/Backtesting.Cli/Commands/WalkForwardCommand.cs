using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Backtesting.Cli.Output;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Validation;
using Backtesting.Engine.WalkForward;

namespace Backtesting.Cli.Commands;

/// <summary><c>walk-forward</c>: optimize on rolling or anchored in-sample windows, trade the winners out of sample, stitch the results.</summary>
public static class WalkForwardCommand
{
    public static Command Create(CliConsole console)
    {
        var input = new StrategyRunOptions(acceptsStrategyFile: true);
        var grid = new Option<string[]>("--grid") { Description = "Axis NAME=START:STOP:STEP (STOP inclusive) or NAME=a,b,c (repeatable).", Required = true };
        var objective = new Option<string>("--objective") { Description = $"Metric chosen in sample: {string.Join(", ", MetricNames.All)}.", DefaultValueFactory = _ => MetricNames.SharpeRatio };
        var minimize = new Option<bool>("--minimize") { Description = "Minimize the objective (default: its natural direction)." };
        var inSample = new Option<string>("--in-sample") { Description = "In-sample length: bars (e.g. 5000) or a span with unit m, h, d or w (e.g. 30d).", Required = true };
        var outOfSample = new Option<string>("--out-of-sample") { Description = "Out-of-sample length: bars or a span (e.g. 1000 or 7d).", Required = true };
        var anchored = new Option<bool>("--anchored") { Description = "Anchored windows: every in-sample window starts at the first bar (default: rolling)." };
        var random = new Option<int?>("--random") { Description = "Random search in sample: N cells per window drawn from the grid." };
        var seed = ResearchOptions.Seed("Seed of the in-sample random search.");
        var command = new Command("walk-forward", "Walk-forward analysis: in-sample optimization, out-of-sample trading, stitched results.")
        {
            grid, objective, minimize, inSample, outOfSample, anchored, random, seed,
       };
        input.AddTo(command);
        command.SetAction(parse => console.Guarded(() =>
        {
            var errors = new List<ValidationError>();
            WindowLength Length(Option<string> option)
            {
                try { return WindowLength.Parse(parse.GetValue(option)!); }
                catch (FormatException)
                {
                    errors.Add(new ValidationError(option.Name, $"'{parse.GetValue(option)}'", "is not a window length: a bar count (e.g. 500) or a time span with a unit m, h, d or w (e.g. 30d)"));
                    return WindowLength.OfBars(1);
                }
            }
            var (strategyId, strategies) = input.StrategyChoice(parse);
            var request = new WalkForwardRequest
            {
                StrategyId = strategyId,
                Strategies = strategies,
                FixedParameters = input.ParameterValues(parse),
                Axes = (parse.GetValue(grid) ?? []).Select(OptimizeCommand.ParseAxis).ToArray(),
                Objective = parse.GetValue(objective)!,
                Maximize = parse.GetValue(minimize) ? false : null,
                InitialCapital = parse.GetValue(input.Capital),
                Options = input.BacktestOptions(parse),
                InSample = Length(inSample),
                OutOfSample = Length(outOfSample),
                Mode = parse.GetValue(anchored) ? WalkForwardMode.Anchored : WalkForwardMode.Rolling,
                RandomSamples = parse.GetValue(random),
                Seed = parse.GetValue(seed),
            };
            errors.AddRange(WalkForwardAnalyzer.Validate(request));
            if (errors.Count > 0) throw new ValidationException(errors);

            var clock = Stopwatch.StartNew();
            var bars = input.LoadBars(parse);
            double loadMs = clock.Elapsed.TotalMilliseconds;
            var windows = WalkForwardAnalyzer.PlanWindows(bars, request);
            // JIT the engine's code paths on the first window so engine_ms measures the engine, not the compiler
            clock.Restart();
            WalkForwardAnalyzer.EvaluateWindow(bars, request, windows[0] with { InSampleStart = Math.Max(windows[0].InSampleStart, windows[0].InSampleEnd - 500), OutOfSampleEnd = Math.Min(windows[0].OutOfSampleEnd, windows[0].OutOfSampleStart + 100) });
            double warmupMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            var result = console.WithProgress(parse, "windows", windows.Count, progress => WalkForwardAnalyzer.Run(bars, request, progress));
            double engineMs = clock.Elapsed.TotalMilliseconds;

            if (parse.GetValue(input.Json))
                console.Out.WriteLine(JsonOutput.Serialize(ToJson(request, bars.Timestamps, result, loadMs, warmupMs, engineMs)));
            else
                WriteText(console.Out, request, bars.Timestamps, result, loadMs, engineMs);
            return CliApplication.Ok;
        }));
        return command;
    }

    private static JsonObject Range(long[] timestamps, int start, int end) => new()
    {
        ["start"] = ResearchOptions.Iso(timestamps[start]),
        ["end"] = ResearchOptions.Iso(timestamps[end - 1]),
        ["first_bar"] = start,
        ["bars"] = end - start,
    };

    private static JsonObject ToJson(WalkForwardRequest request, long[] timestamps, WalkForwardResult result, double loadMs, double warmupMs, double engineMs)
    {
        var windows = new JsonArray();
        foreach (var w in result.Windows)
        {
            windows.Add(new JsonObject
            {
                ["index"] = w.Window.Index,
                ["in_sample"] = Range(timestamps, w.Window.InSampleStart, w.Window.InSampleEnd),
                ["out_of_sample"] = Range(timestamps, w.Window.OutOfSampleStart, w.Window.OutOfSampleEnd),
                ["best_params"] = w.BestParameters is null ? null : JsonOutput.Parameters(w.BestParameters),
                ["in_sample_objective"] = w.InSampleMetrics is null ? null : ResearchOptions.Number(MetricNames.Read(w.InSampleMetrics, request.Objective)),
                ["out_of_sample_objective"] = ResearchOptions.Number(MetricNames.Read(w.OutOfSampleMetrics, request.Objective)),
                ["in_sample_metrics"] = w.InSampleMetrics is null ? null : ResearchOptions.Metrics(w.InSampleMetrics),
                ["out_of_sample_metrics"] = ResearchOptions.Metrics(w.OutOfSampleMetrics),
                ["efficiency"] = ResearchOptions.Number(w.Efficiency),
                ["evaluated"] = w.EvaluatedCells,
                ["skipped"] = w.SkippedCells,
                ["problems"] = w.Problems is null ? null : new JsonArray(w.Problems.Select(p => (JsonNode)JsonValue.Create(p.ToString())!).ToArray()),
            });
        }
        return new JsonObject
        {
            ["strategy"] = request.StrategyId,
            ["objective"] = request.Objective,
            ["mode"] = request.Mode == WalkForwardMode.Anchored ? "anchored" : "rolling",
            ["in_sample"] = request.InSample.ToString(),
            ["out_of_sample"] = request.OutOfSample.ToString(),
            ["windows"] = windows,
            ["metrics"] = ResearchOptions.Metrics(result.Metrics),
            ["walk_forward_efficiency"] = ResearchOptions.Number(result.WalkForwardEfficiency),
            ["out_of_sample_bars"] = result.Equity.Length,
            ["timing"] = ResearchOptions.Timing(loadMs, warmupMs, engineMs),
        };
    }

    private static void WriteText(TextWriter output, WalkForwardRequest request, long[] timestamps, WalkForwardResult result, double loadMs, double engineMs)
    {
        output.WriteLine($"{result.Windows.Count} windows ({(request.Mode == WalkForwardMode.Anchored ? "anchored" : "rolling")}, in-sample {request.InSample}, out-of-sample {request.OutOfSample}); objective {request.Objective}");
        var table = new TextTable("#", "out-of-sample", "bars", "best params", $"is {request.Objective}", $"oos {request.Objective}", "oos return", "efficiency");
        foreach (var w in result.Windows)
            table.Add(w.Window.Index, $"{new DateTime(timestamps[w.Window.OutOfSampleStart]):yyyy-MM-dd HH:mm} .. {new DateTime(timestamps[w.Window.OutOfSampleEnd - 1]):yyyy-MM-dd HH:mm}",
                w.Window.OutOfSampleBars,
                w.BestParameters is null ? "(none)" : string.Join(" ", request.Axes.Select(a => $"{a.Name}={TextTable.Format(w.BestParameters[a.Name])}")),
                w.InSampleMetrics is null ? null : MetricNames.Read(w.InSampleMetrics, request.Objective),
                MetricNames.Read(w.OutOfSampleMetrics, request.Objective), w.OutOfSampleMetrics.TotalReturn, w.Efficiency);
        table.WriteTo(output);
        output.WriteLine();
        var m = result.Metrics;
        output.WriteLine($"stitched out of sample: final_capital {TextTable.Format(m.FinalCapital)}, total_return {TextTable.Format(m.TotalReturn)}, sharpe_ratio {TextTable.Format(m.SharpeRatio)}, max_drawdown {TextTable.Format(m.MaxDrawdown)}, total_trades {m.TotalTrades}");
        output.WriteLine($"walk_forward_efficiency {TextTable.Format(result.WalkForwardEfficiency)}");
        output.WriteLine($"timing: load {loadMs:0.0} ms, engine {engineMs:0.0} ms");
    }
}
