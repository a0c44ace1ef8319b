using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Backtesting.Cli.Output;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.MonteCarlo;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Validation;

namespace Backtesting.Cli.Commands;

/// <summary><c>monte-carlo</c>: trade reshuffles or bootstraps, or re-runs on simulated price paths, with percentiles and bands.</summary>
public static class MonteCarloCommand
{
    public static Command Create(CliConsole console)
    {
        var input = new StrategyRunOptions(acceptsStrategyFile: true);
        var method = new Option<string>("--method") { Description = $"What each path varies: {string.Join(", ", MonteCarloMethods.All)}.", DefaultValueFactory = _ => MonteCarloMethods.TradeReshuffle };
        var paths = new Option<int>("--paths") { Description = "Number of paths.", DefaultValueFactory = _ => 1_000 };
        var seed = ResearchOptions.Seed("Run seed; path i uses a seed derived from (seed, i).");
        var blockLength = new Option<int>("--block-length") { Description = "Bars per block of the block bootstrap.", DefaultValueFactory = _ => 20 };
        var threshold = new Option<double>("--drawdown-threshold") { Description = "Drawdown level whose exceedance probability is reported (0.2 = 20 %).", DefaultValueFactory = _ => 0.2 };
        var metrics = new Option<string[]>("--metric") { Description = "Metric whose distribution is reported besides final_capital and max_drawdown (repeatable)." };
        var percentiles = new Option<double[]>("--percentile") { Description = "Percentile level in [0, 100] (repeatable; default 5 25 50 75 95)." };
        var bandPoints = new Option<int>("--band-points") { Description = "Points of the equity percentile bands (fan chart).", DefaultValueFactory = _ => 101 };
        var bands = new Option<bool>("--bands") { Description = "Include the equity bands in the JSON output." };
        var command = new Command("monte-carlo", "Monte Carlo study of a strategy: trade reshuffle/bootstrap or price-path simulation.")
        {
            method, paths, seed, blockLength, threshold, metrics, percentiles, bandPoints, bands,
       };
        input.AddTo(command);
        command.SetAction(parse => console.Guarded(() =>
        {
            var errors = new List<ValidationError>();
            string methodName = parse.GetValue(method)!;
            if (!MonteCarloMethods.TryParse(methodName, out var chosen))
                ResearchOptions.RequireOneOf(errors, "--method", methodName, MonteCarloMethods.All);
            var levels = parse.GetValue(percentiles);
            var (strategyId, strategies) = input.StrategyChoice(parse);
            var request = new MonteCarloRequest
            {
                StrategyId = strategyId,
                Strategies = strategies,
                Parameters = input.ParameterValues(parse),
                InitialCapital = parse.GetValue(input.Capital),
                Options = input.BacktestOptions(parse),
                Method = errors.Count == 0 ? chosen : MonteCarloMethod.TradeReshuffle,
                Paths = parse.GetValue(paths),
                Seed = parse.GetValue(seed),
                BlockLength = parse.GetValue(blockLength),
                DrawdownThreshold = parse.GetValue(threshold),
                Metrics = parse.GetValue(metrics) is { Length: > 0 } named ? named : null,
                Percentiles = levels is { Length: > 0 } ? levels : [5, 25, 50, 75, 95],
                BandPoints = parse.GetValue(bandPoints),
            };
            errors.AddRange(MonteCarloSimulator.Validate(request).Select(Rename));
            if (errors.Count > 0) throw new ValidationException(errors);

            var clock = Stopwatch.StartNew();
            var bars = input.LoadBars(parse);
            double loadMs = clock.Elapsed.TotalMilliseconds;
            // JIT the engine's code paths on a few paths of a prefix so engine_ms measures the engine, not the compiler
            clock.Restart();
            var warmup = request with { Paths = Math.Min(request.Paths, 4) };
            MonteCarloSimulator.Run(bars.Slice(0, Math.Min(bars.Count, 2_000)), warmup);
            double warmupMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            var result = console.WithProgress(parse, "paths", request.Paths, progress => MonteCarloSimulator.Run(bars, request, progress));
            double engineMs = clock.Elapsed.TotalMilliseconds;

            if (parse.GetValue(input.Json))
                console.Out.WriteLine(JsonOutput.Serialize(ToJson(result, parse.GetValue(bands), loadMs, warmupMs, engineMs)));
            else
                WriteText(console.Out, result, loadMs, engineMs);
            return CliApplication.Ok;
        }));
        return command;
    }

    /// <summary>Engine field names as the options that set them.</summary>
    private static ValidationError Rename(ValidationError error) => error.Field switch
    {
        "paths" or "metrics" or "percentiles" => error with { Field = error.Field == "metrics" ? "--metric" : error.Field == "percentiles" ? "--percentile" : "--paths" },
        "block_length" => error with { Field = "--block-length" },
        "drawdown_threshold" => error with { Field = "--drawdown-threshold" },
        "band_points" => error with { Field = "--band-points" },
        "initial_capital" => error with { Field = "--capital" },
        _ => error,
    };

    private static string Level(double level) => "p" + level.ToString(CultureInfo.InvariantCulture);

    private static JsonObject ToJson(MonteCarloResult result, bool includeBands, double loadMs, double warmupMs, double engineMs)
    {
        var distributions = new JsonObject();
        foreach (var d in result.Distributions)
        {
            var entry = new JsonObject
            {
                ["count"] = d.Count,
                ["mean"] = ResearchOptions.Number(d.Mean),
                ["std"] = ResearchOptions.Number(d.StdDev),
                ["min"] = ResearchOptions.Number(d.Min),
                ["max"] = ResearchOptions.Number(d.Max),
                ["baseline"] = ResearchOptions.Number(result.BaselineValue(d.Metric)),
            };
            for (int k = 0; k < result.Levels.Count; k++) entry[Level(result.Levels[k])] = ResearchOptions.Number(d.Percentiles[k]);
            distributions[d.Metric] = entry;
        }
        var json = new JsonObject
        {
            ["method"] = MonteCarloMethods.Name(result.Method),
            ["note"] = MonteCarloMethods.Note(result.Method),
            ["paths"] = result.Paths,
            ["seed"] = result.Seed,
            ["percentiles"] = new JsonArray(result.Levels.Select(l => (JsonNode)JsonValue.Create(l)).ToArray()),
            ["trade_count"] = result.TradeCount,
            ["baseline"] = ResearchOptions.Metrics(result.Baseline),
            ["drawdown_basis"] = result.DrawdownBasis,
            ["distributions"] = distributions,
            ["probability_of_loss"] = result.ProbabilityOfLoss,
            ["drawdown_threshold"] = result.DrawdownThreshold,
            ["probability_of_drawdown_beyond_threshold"] = result.ProbabilityOfDrawdownBeyondThreshold,
            ["timing"] = ResearchOptions.Timing(loadMs, warmupMs, engineMs),
        };
        if (includeBands)
        {
            var band = new JsonObject
            {
                ["axis"] = result.Bands.Timestamps is null ? "trade" : "bar",
                ["steps"] = new JsonArray(result.Bands.Steps.Select(s => (JsonNode)JsonValue.Create(s)).ToArray()),
            };
            if (result.Bands.Timestamps is { } ts)
                band["timestamps"] = new JsonArray(ts.Select(t => (JsonNode)JsonValue.Create(ResearchOptions.Iso(t))!).ToArray());
            for (int k = 0; k < result.Levels.Count; k++)
                band[Level(result.Levels[k])] = new JsonArray(result.Bands.Values[k].Select(v => ResearchOptions.Number(v)).ToArray());
            json["bands"] = band;
        }
        return json;
    }

    private static void WriteText(TextWriter output, MonteCarloResult result, double loadMs, double engineMs)
    {
        output.WriteLine($"{MonteCarloMethods.Name(result.Method)}: {result.Paths} paths, seed {result.Seed}" + (result.TradeCount > 0 ? $", {result.TradeCount} closed trades" : "")
            + $"; drawdowns and baseline by {result.DrawdownBasis}");
        output.WriteLine(MonteCarloMethods.Note(result.Method));
        var table = new TextTable(["metric", "baseline", "mean", .. result.Levels.Select(Level)]);
        foreach (var d in result.Distributions)
            table.Add([d.Metric, result.BaselineValue(d.Metric), d.Mean, .. d.Percentiles.Cast<object?>()]);
        table.WriteTo(output);
        output.WriteLine();
        output.WriteLine($"probability of loss {result.ProbabilityOfLoss:P2}; probability of max drawdown > {result.DrawdownThreshold:P0}: {result.ProbabilityOfDrawdownBeyondThreshold:P2}");
        output.WriteLine($"timing: load {loadMs:0.0} ms, engine {engineMs:0.0} ms");
    }
}
