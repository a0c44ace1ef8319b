using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Backtesting.Cli.Output;
using Backtesting.Engine.Comparison;
using Backtesting.Engine.Metrics;
using Backtesting.Engine.Optimization;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Validation;

namespace Backtesting.Cli.Commands;

/// <summary><c>compare</c>: several strategies or parameter sets on the same data, side by side, ranked, with return correlations.</summary>
public static class CompareCommand
{
    public static Command Create(CliConsole console)
    {
        var data = CommonOptions.Data();
        var candidate = new Option<string[]>("--candidate")
        {
            Description = "A strategy to compare: ID or ID:NAME=VALUE,NAME=VALUE (repeatable), e.g. sma_crossover:fast_period=10,slow_period=30.",
            Required = true,
        };
        var strategyFiles = CommonOptions.StrategyFiles("--candidate");
        var parameters = CommonOptions.Params();
        var capital = CommonOptions.Capital();
        var commission = CommonOptions.Commission();
        var json = CommonOptions.Json();
        var periods = CommonOptions.PeriodsPerYear();
        var riskFreeRate = CommonOptions.RiskFreeRate();
        var from = CommonOptions.From();
        var to = CommonOptions.To();
        var rankBy = new Option<string>("--rank-by") { Description = $"Metric to rank by: {string.Join(", ", MetricNames.All)}.", DefaultValueFactory = _ => MetricNames.SharpeRatio };
        var minimize = new Option<bool>("--minimize") { Description = "Rank the smallest value first (default: the metric's natural direction)." };
        var command = new Command("compare", "Compare strategies or parameter sets on the same data and window.")
        {
            data, candidate, strategyFiles, parameters, capital, commission, json, periods, riskFreeRate, from, to, rankBy, minimize,
        };
        command.SetAction(parse => console.Guarded(() =>
        {
            var common = CommonOptions.ParseParameters(parse.GetValue(parameters), parse.GetValue(commission));
            var request = new ComparisonRequest
            {
                Strategies = StrategyRunOptions.Lookup(parse.GetValue(strategyFiles)),
                Candidates = (parse.GetValue(candidate) ?? []).Select(spec => ParseCandidate(spec, common)).ToArray(),
                InitialCapital = parse.GetValue(capital),
                Options = new BacktestOptions(parse.GetValue(periods), parse.GetValue(riskFreeRate)),
                From = parse.GetValue(from),
                To = parse.GetValue(to),
                RankBy = parse.GetValue(rankBy)!,
                Maximize = parse.GetValue(minimize) ? false : null,
            };
            var errors = StrategyComparison.Validate(request);
            if (errors.Count > 0) throw new ValidationException(errors);

            var clock = Stopwatch.StartNew();
            var bars = BarFileLoader.Load(parse.GetValue(data)!);
            double loadMs = clock.Elapsed.TotalMilliseconds;
            // JIT the engine's code paths on a prefix so engine_ms measures the engine, not the compiler
            clock.Restart();
            var window = bars.Between(request.From, request.To);
            if (window.Count > 0) StrategyComparison.Run(window.Slice(0, Math.Min(window.Count, 2_000)), request with { From = null, To = null });
            double warmupMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            var result = console.WithProgress(parse, "candidates", request.Candidates.Count, progress => StrategyComparison.Run(bars, request, progress));
            double engineMs = clock.Elapsed.TotalMilliseconds;

            if (parse.GetValue(json))
                console.Out.WriteLine(JsonOutput.Serialize(ToJson(result, loadMs, warmupMs, engineMs)));
            else
                WriteText(console.Out, result, loadMs, engineMs);
            return CliApplication.Ok;
        }));
        return command;
    }

    /// <summary>"ID" or "ID:NAME=VALUE,NAME=VALUE"; the common --param values fill in what the candidate does not set.</summary>
    internal static ComparisonCandidate ParseCandidate(string spec, IReadOnlyDictionary<string, object?> common)
    {
        int colon = spec.IndexOf(':');
        string id = (colon < 0 ? spec : spec[..colon]).Trim();
        var parameters = new Dictionary<string, object?>(common);
        if (colon >= 0)
        {
            foreach (string pair in spec[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var (name, text) = ResearchOptions.SplitPair("--candidate", pair);
                parameters[name] = text == "null" ? null : ParameterAxis.ParseScalar(text);
            }
        }
        return new ComparisonCandidate { StrategyId = id, Parameters = parameters, Label = spec.Trim() };
    }

    private static JsonObject ToJson(ComparisonResult result, double loadMs, double warmupMs, double engineMs)
    {
        var rank = new int[result.Entries.Count];
        for (int r = 0; r < result.Ranking.Count; r++) rank[result.Ranking[r]] = r + 1;
        var labels = result.Entries.Select(e => e.Label).ToArray();
        return new JsonObject
        {
            ["rank_by"] = result.RankBy,
            ["maximize"] = result.Maximize,
            ["bars"] = result.Entries[0].Metrics.Bars,
            ["ranking"] = new JsonArray(result.Ranking.Select(i => (JsonNode)JsonValue.Create(labels[i])!).ToArray()),
            ["results"] = new JsonArray(result.Entries.Select(e =>
            {
                var row = new JsonObject
                {
                    ["label"] = e.Label,
                    ["rank"] = rank[e.Index],
                    ["strategy"] = e.StrategyId,
                    ["params"] = JsonOutput.Parameters(e.Parameters),
                };
                foreach (var (name, value) in ResearchOptions.Metrics(e.Metrics)) row[name] = value?.DeepClone();
                return (JsonNode)row;
            }).ToArray()),
            ["correlation"] = new JsonObject
            {
                ["labels"] = new JsonArray(labels.Select(l => (JsonNode)JsonValue.Create(l)!).ToArray()),
                ["days"] = result.Entries[0].Days.Length,
                ["matrix"] = new JsonArray(result.Correlation.Select(row => (JsonNode)new JsonArray(row.Select(v => ResearchOptions.Number(v)).ToArray())).ToArray()),
            },
            ["timing"] = ResearchOptions.Timing(loadMs, warmupMs, engineMs),
        };
    }

    private static void WriteText(TextWriter output, ComparisonResult result, double loadMs, double engineMs)
    {
        output.WriteLine($"{result.Entries.Count} candidates on {result.Entries[0].Metrics.Bars} bars; ranked by {result.RankBy} ({(result.Maximize ? "highest" : "lowest")} first)");
        string[] shown = [result.RankBy, .. new[] { "total_return", "sharpe_ratio", "max_drawdown", "total_trades", "win_rate" }.Where(n => n != result.RankBy)];
        var table = new TextTable(["rank", "candidate", .. shown]);
        int rank = 1;
        foreach (int i in result.Ranking)
        {
            var m = result.Entries[i].Metrics;
            table.Add([rank++, result.Entries[i].Label, .. shown.Select(n => (object?)MetricNames.Read(m, n))]);
        }
        table.WriteTo(output);
        output.WriteLine();
        output.WriteLine("correlation of daily returns:");
        var header = new List<string> { "" };
        header.AddRange(result.Entries.Select(e => $"#{e.Index + 1}"));
        var matrix = new TextTable([.. header]);
        foreach (var e in result.Entries)
            matrix.Add([$"#{e.Index + 1} {e.Label}", .. result.Correlation[e.Index].Select(v => v is { } x ? (object)Math.Round(x, 3) : null)]);
        matrix.WriteTo(output);
        output.WriteLine($"timing: load {loadMs:0.0} ms, engine {engineMs:0.0} ms");
    }
}
