using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Backtesting.Cli.Output;
using Backtesting.Engine.Data;
using Backtesting.Engine.Optimization;
using Backtesting.Engine.Portfolio;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Validation;

namespace Backtesting.Cli.Commands;

/// <summary><c>portfolio</c>: several assets with target weights sharing one cash account.</summary>
public static class PortfolioCommand
{
    public static Command Create(CliConsole console)
    {
        var asset = new Option<string[]>("--asset") { Description = "Asset SYMBOL=FILE (repeatable; CSV or CSV.gz).", Required = true };
        var weight = new Option<string[]>("--weight") { Description = "Target weight SYMBOL=W in (0, 1] (repeatable; default: equal weights summing to 1)." };
        var strategy = new Option<string>("--strategy") { Description = "Strategy of every asset without its own (see the 'strategies' command).", DefaultValueFactory = _ => "buy_and_hold" };
        var strategyFiles = CommonOptions.StrategyFiles("--strategy and --asset-strategy");
        var parameters = CommonOptions.Params();
        var assetStrategy = new Option<string[]>("--asset-strategy") { Description = "An asset's own strategy SYMBOL=ID (repeatable)." };
        var assetParam = new Option<string[]>("--asset-param") { Description = "An asset's own parameter SYMBOL.NAME=VALUE (repeatable; the asset then ignores --param)." };
        var capital = CommonOptions.Capital();
        var commission = CommonOptions.Commission();
        var json = CommonOptions.Json();
        var periods = CommonOptions.PeriodsPerYear();
        var riskFreeRate = CommonOptions.RiskFreeRate();
        var from = CommonOptions.From();
        var to = CommonOptions.To();
        var rebalance = new Option<string>("--rebalance") { Description = $"Rebalancing: {string.Join(", ", RebalanceModes.All)}.", DefaultValueFactory = _ => "none" };
        var drift = new Option<double>("--drift-threshold") { Description = "Weight drift that triggers threshold rebalancing (0.05 = 5 points).", DefaultValueFactory = _ => 0.05 };
        var trades = new Option<bool>("--trades") { Description = "Include every trade in the output." };
        var command = new Command("portfolio", "Backtest several assets with target weights, one cash account, optional rebalancing.")
        {
            asset, weight, strategy, strategyFiles, parameters, assetStrategy, assetParam, capital, commission, json, periods, riskFreeRate, from, to, rebalance, drift, trades,
        };
        command.SetAction(parse => console.Guarded(() =>
        {
            var errors = new List<ValidationError>();
            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string spec in parse.GetValue(asset) ?? [])
            {
                var (symbol, file) = ResearchOptions.SplitPair("--asset", spec);
                if (!files.TryAdd(symbol, file))
                    errors.Add(new ValidationError("--asset", $"'{symbol}'", "is given twice; each asset once"));
            }
            var weights = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (string spec in parse.GetValue(weight) ?? [])
            {
                var (symbol, text) = ResearchOptions.SplitPair("--weight", spec);
                if (!files.ContainsKey(symbol))
                    errors.Add(new ValidationError("--weight", $"'{symbol}'", $"is not an asset; assets: {string.Join(", ", files.Keys)}"));
                else if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double w))
                    errors.Add(new ValidationError("--weight", $"'{text}'", "is not a number"));
                else
                    weights[symbol] = w;
            }
            var strategies = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string spec in parse.GetValue(assetStrategy) ?? [])
            {
                var (symbol, id) = ResearchOptions.SplitPair("--asset-strategy", spec);
                if (!files.ContainsKey(symbol)) errors.Add(new ValidationError("--asset-strategy", $"'{symbol}'", $"is not an asset; assets: {string.Join(", ", files.Keys)}"));
                else strategies[symbol] = id;
            }
            var own = new Dictionary<string, Dictionary<string, object?>>(StringComparer.Ordinal);
            foreach (string spec in parse.GetValue(assetParam) ?? [])
            {
                var (key, text) = ResearchOptions.SplitPair("--asset-param", spec);
                int dot = key.IndexOf('.');
                string symbol = dot > 0 ? key[..dot] : key;
                if (dot <= 0 || !files.ContainsKey(symbol))
                {
                    errors.Add(new ValidationError("--asset-param", $"'{spec}'", $"is not SYMBOL.NAME=VALUE for an asset; assets: {string.Join(", ", files.Keys)}"));
                    continue;
                }
                if (!own.TryGetValue(symbol, out var set)) own[symbol] = set = [];
                set[key[(dot + 1)..]] = text == "null" ? null : ParameterAxis.ParseScalar(text);
            }
            string rebalanceName = parse.GetValue(rebalance)!;
            if (!RebalanceModes.TryParse(rebalanceName, out var mode))
                ResearchOptions.RequireOneOf(errors, "--rebalance", rebalanceName, RebalanceModes.All);
            var common = CommonOptions.ParseParameters(parse.GetValue(parameters), parse.GetValue(commission));
            double equal = files.Count > 0 ? 1.0 / files.Count : 1;
            var request = new PortfolioRequest
            {
                Strategies = StrategyRunOptions.Lookup(parse.GetValue(strategyFiles)),
                Assets = files.Keys.Select(symbol => new PortfolioAsset
                {
                    Symbol = symbol,
                    Weight = weights.TryGetValue(symbol, out double w) ? w : equal,
                    StrategyId = strategies.GetValueOrDefault(symbol),
                    Parameters = own.TryGetValue(symbol, out var set) ? MergeCommission(set, parse.GetValue(commission)) : null,
                }).ToArray(),
                StrategyId = parse.GetValue(strategy)!,
                Parameters = common,
                InitialCapital = parse.GetValue(capital),
                Options = new BacktestOptions(parse.GetValue(periods), parse.GetValue(riskFreeRate)),
                Rebalance = mode,
                DriftThreshold = parse.GetValue(drift),
            };
            errors.AddRange(PortfolioBacktester.Validate(request));
            if (errors.Count > 0) throw new ValidationException(errors);

            var clock = Stopwatch.StartNew();
            var bars = files.ToDictionary(f => f.Key, f => ResearchOptions.LoadWindow(f.Value, parse.GetValue(from), parse.GetValue(to)), StringComparer.Ordinal);
            double loadMs = clock.Elapsed.TotalMilliseconds;
            // JIT the engine's code paths on prefixes so engine_ms measures the engine, not the compiler
            clock.Restart();
            PortfolioBacktester.Run(bars.ToDictionary(b => b.Key, b => b.Value.Slice(0, Math.Min(b.Value.Count, 500))), request);
            double warmupMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            var result = console.WithProgress(parse, "bars", PortfolioBacktester.Timeline(bars).Length, progress => PortfolioBacktester.Run(bars, request, progress));
            double engineMs = clock.Elapsed.TotalMilliseconds;

            if (parse.GetValue(json))
                console.Out.WriteLine(JsonOutput.Serialize(ToJson(request, result, parse.GetValue(trades), loadMs, warmupMs, engineMs)));
            else
                WriteText(console.Out, request, result, loadMs, engineMs);
            return CliApplication.Ok;
        }));
        return command;
    }

    private static Dictionary<string, object?> MergeCommission(Dictionary<string, object?> parameters, double? commission)
    {
        if (commission is { } rate && !parameters.ContainsKey("commission")) parameters["commission"] = rate;
        return parameters;
    }

    private static JsonObject ToJson(PortfolioRequest request, PortfolioResult result, bool includeTrades, double loadMs, double warmupMs, double engineMs)
    {
        var json = ResearchOptions.Metrics(result.Metrics);
        json["rebalance"] = RebalanceModes.Name(request.Rebalance);
        json["rebalances"] = result.Rebalances;
        json["start"] = ResearchOptions.Iso(result.Timestamps[0]);
        json["end"] = ResearchOptions.Iso(result.Timestamps[^1]);
        json["assets"] = new JsonArray(result.Assets.Select(a =>
        {
            var entry = new JsonObject
            {
                ["symbol"] = a.Symbol,
                ["strategy"] = a.StrategyId,
                ["target_weight"] = a.TargetWeight,
                ["final_weight"] = ResearchOptions.Number(a.FinalWeight),
                ["pnl"] = ResearchOptions.Number(a.Pnl),
                ["contribution"] = ResearchOptions.Number(a.Contribution),
                ["fees"] = a.Fees,
                ["closed_trades"] = a.ClosedTrades,
                ["open_trades"] = a.OpenTrades,
                ["exposure"] = a.Exposure,
                ["buy_and_hold_return"] = a.BuyAndHoldReturn,
            };
            if (includeTrades) entry["trades"] = new JsonArray(a.Trades.Select(t => (JsonNode)JsonOutput.Trade(t)).ToArray());
            return (JsonNode)entry;
        }).ToArray());
        json["timing"] = ResearchOptions.Timing(loadMs, warmupMs, engineMs);
        return json;
    }

    private static void WriteText(TextWriter output, PortfolioRequest request, PortfolioResult result, double loadMs, double engineMs)
    {
        var m = result.Metrics;
        output.WriteLine($"{result.Assets.Count} assets on {result.Timestamps.Length} bars, {ResearchOptions.Iso(result.Timestamps[0])} .. {ResearchOptions.Iso(result.Timestamps[^1])}; rebalance {RebalanceModes.Name(request.Rebalance)} ({result.Rebalances} times)");
        output.WriteLine($"final_capital {TextTable.Format(m.FinalCapital)}, total_return {TextTable.Format(m.TotalReturn)}, sharpe_ratio {TextTable.Format(m.SharpeRatio)}, max_drawdown {TextTable.Format(m.MaxDrawdown)}, total_trades {m.TotalTrades} + {m.OpenTrades} open, total_fees {TextTable.Format(m.TotalFees)}");
        output.WriteLine();
        var table = new TextTable("symbol", "strategy", "target_weight", "final_weight", "pnl", "contribution", "fees", "trades", "exposure");
        foreach (var a in result.Assets)
            table.Add(a.Symbol, a.StrategyId, a.TargetWeight, Math.Round(a.FinalWeight, 4), Math.Round(a.Pnl, 2), Math.Round(a.Contribution, 6), Math.Round(a.Fees, 2), a.ClosedTrades, Math.Round(a.Exposure, 4));
        table.WriteTo(output);
        output.WriteLine($"timing: load {loadMs:0.0} ms, engine {engineMs:0.0} ms");
    }
}
