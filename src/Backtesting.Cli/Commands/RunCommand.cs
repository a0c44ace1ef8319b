using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Backtesting.Cli.Output;
using Backtesting.Engine.Data;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Synthetic;
using Backtesting.Engine.Validation;

namespace Backtesting.Cli.Commands;

/// <summary><c>run</c>: one backtest on a CSV file, as a table or one JSON object with timing.</summary>
public static class RunCommand
{
    /// <summary>
    /// Bars from which <c>run</c> shows progress: the engine does about 50 M bars/s, so a smaller run ends before a
    /// progress line would say anything.
    /// </summary>
    internal const int ProgressFromBars = 1_000_000;

    public static Command Create(CliConsole console)
    {
        var input = new StrategyRunOptions(acceptsStrategyFile: true);
        var trades = new Option<bool>("--trades") { Description = "Include every trade in the output." };
        var command = new Command("run", "Run one backtest over a CSV file.")
        {
            trades,
       };
        input.AddTo(command);
        command.SetAction(parse => console.Guarded(() =>
        {
            var rules = input.RulesStrategy(parse);
            var config = (rules is null
                    ? StrategyConfigValidator.Validate(parse.GetValue(input.Strategy), input.ParameterValues(parse))
                    : StrategyConfigValidator.Validate(rules, input.ParameterValues(parse)))
                .GetConfigOrThrow();
            double initial = parse.GetValue(input.Capital);
            if (!(initial > 0) || !double.IsFinite(initial))
                throw new ValidationException([new ValidationError("--capital", initial.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be a finite number > 0")]);

            var options = input.BacktestOptions(parse);
            // JIT the engine's code paths on generated bars on another core while this one loads the file, so neither
            // engine_ms nor the process waits for the compiler (the load keeps that core only partly busy)
            var warmup = Task.Run(() => Warmup(config, initial, options));
            // the equity curve's pages are mapped on another core while this one assembles the file's columns
            Task<double[]>? prepared = null;
            var clock = Stopwatch.StartNew();
            var bars = input.LoadBars(parse, count => prepared = Task.Run(() => MappedBuffer(count)));
            double loadMs = clock.Elapsed.TotalMilliseconds;
            double warmupMs = warmup.GetAwaiter().GetResult();
            clock.Restart();
            // --from/--to may have cut the file: the buffer then has the wrong length and the engine allocates its own
            double[]? equity = prepared?.GetAwaiter().GetResult() is { } buffer && buffer.Length == bars.Count ? buffer : null;
            var result = bars.Count >= ProgressFromBars
                ? console.WithProgress(parse, "bars", bars.Count, progress => BacktestEngine.Run(bars, config, initial, options, progress, equity))
                : BacktestEngine.Run(bars, config, initial, options, equity: equity);
            double engineMs = clock.Elapsed.TotalMilliseconds;

            if (parse.GetValue(input.Json))
                WriteJson(console.Out, config, result, loadMs, warmupMs, engineMs, parse.GetValue(trades));
            else
                WriteText(console.Out, config, bars, result, loadMs, engineMs, parse.GetValue(trades));
            return CliApplication.Ok;
        }));
        return command;
    }

    /// <summary>
    /// One backtest of <paramref name="config"/> on 2,000 generated bars, for the compiler only; returns its milliseconds.
    /// Its result and any failure are dropped: the run on the file's bars reports its own.
    /// </summary>
    private static double Warmup(StrategyConfig config, double initial, BacktestOptions options)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            BacktestEngine.Run(GbmBarGenerator.Generate(new GbmOptions { Bars = 2_000 }), config, initial, options);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or ValidationException)
        {
            // e.g. a strategy the generated bars cannot serve: the real run reports what is wrong with the real data
        }
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>
    /// An array of <paramref name="length"/> doubles whose pages are already mapped: a fresh page costs a fault on first
    /// write, ~2,000 of them for a 1M-bar curve, which on this project's VMs is more than the simulation itself.
    /// </summary>
    internal static double[] MappedBuffer(int length)
    {
        var buffer = GC.AllocateUninitializedArray<double>(length);
        int stride = Math.Max(1, Environment.SystemPageSize / sizeof(double));
        for (int i = 0; i < buffer.Length; i += stride)
            buffer[i] = 0;
        return buffer;
    }

    private static void WriteJson(TextWriter output, StrategyConfig config, BacktestResult result, double loadMs, double warmupMs, double engineMs, bool includeTrades)
    {
        var json = new JsonObject
        {
            ["strategy"] = config.Definition.Id,
            ["parameters"] = JsonOutput.Parameters(config.Parameters.Values),
        };
        foreach (var (name, value) in JsonOutput.Metrics(result.Metrics))
            json[name] = value?.DeepClone();
        var timing = JsonOutput.Timing(loadMs, engineMs);
        timing["warmup_ms"] = Math.Round(warmupMs, 3);
        timing["bars_per_second"] = Math.Round(result.Metrics.Bars / (engineMs / 1000));
        json["timing"] = timing;
        if (includeTrades)
            json["trades"] = new JsonArray(result.Trades.Select(t => (JsonNode)JsonOutput.Trade(t)).ToArray());
        output.WriteLine(JsonOutput.Serialize(json));
    }

    private static void WriteText(TextWriter output, StrategyConfig config, BarSeries bars, BacktestResult result, double loadMs, double engineMs, bool includeTrades)
    {
        output.WriteLine($"{config.Definition.Name} ({config.Definition.Id}) on {bars.Count} bars, {bars.TimeAt(0):yyyy-MM-dd HH:mm} .. {bars.TimeAt(bars.Count - 1):yyyy-MM-dd HH:mm}");
        output.WriteLine("parameters: " + string.Join(", ", config.Parameters.Values.Select(kv => $"{kv.Key}={TextTable.Format(kv.Value)}")));
        output.WriteLine();
        var table = new TextTable("metric", "value");
        foreach (var (name, value) in MetricNames.Enumerate(result.Metrics))
            table.Add(name, value);
        table.WriteTo(output);
        if (includeTrades)
        {
            output.WriteLine();
            var trades = new TextTable("#", "side", "entry", "entry_price", "exit", "exit_price", "quantity", "pnl", "pnl_%", "exit_reason");
            int i = 1;
            foreach (var t in result.Trades)
                trades.Add(i++, t.Side.ToString().ToLowerInvariant(), t.EntryTime.ToString("yyyy-MM-dd HH:mm"), t.EntryPrice,
                    t.ExitTime?.ToString("yyyy-MM-dd HH:mm") ?? "open", t.IsOpen ? null : t.ExitPrice, t.Quantity, Math.Round(t.Pnl, 4),
                    Math.Round(t.PnlPercent * 100, 3), t.ExitReason.ToString());
            trades.WriteTo(output);
        }
        output.WriteLine();
        output.WriteLine($"timing: load {loadMs:0.0} ms, engine {engineMs:0.0} ms ({bars.Count / Math.Max(engineMs, 1e-3) / 1000:0.0} M bars/s)");
    }
}
