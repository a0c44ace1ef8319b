using System.Text.RegularExpressions;
using Backtesting.Engine.Data;
using Backtesting.Engine.Rules;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Tests.Support;
using Backtesting.Engine.Validation;
using CsCheck;

namespace Backtesting.Engine.Tests.Rules;

/// <summary>
/// Properties over generated input: expressions built from the grammar (some with bad periods or
/// arities) either define a strategy that runs, or fail with errors naming the rule and a column;
/// arbitrary text never crashes the parser, and a syntax error's column lies within the text.
/// </summary>
public sealed partial class RuleLanguagePropertyTests
{
    private static readonly BarSeries Bars = TestBars.FromOpensAndCloses(
        Enumerable.Range(0, 80).Select(i => 100 + 10 * Math.Sin(i / 5.0)).ToArray(),
        Enumerable.Range(0, 80).Select(i => 100 + 10 * Math.Sin((i + 1) / 5.0)).ToArray());

    // mostly valid periods; now and then one that no run accepts (2.5 with fast = 5, 0, negative, too long)
    private static readonly Gen<string> Fixed = Gen.Frequency(
        (20, Gen.OneOf("fast", "slow", "3", "1", "2", "slow - fast", "fast + 1")),
        (1, Gen.OneOf("fast / 2", "0", "2.5", "100001", "-fast")));

    private static readonly Gen<string> Number = Gen.Recursive<string>((depth, self) =>
    {
        var leaf = Gen.OneOf("close", "open", "high", "low", "volume", "fast", "slow", "1", "2.5", "0", "-3");
        if (depth > 3) return leaf;
        return Gen.Frequency(
            (3, leaf),
            (2, Gen.Select(self, Gen.OneOf("+", "-", "*", "/"), self, (a, op, b) => $"({a} {op} {b})")),
            (2, Gen.Select(self, Fixed, Gen.OneOf("sma", "ema", "wma", "rsi", "stdev", "highest", "lowest", "prev", "roc"), (x, n, f) => $"{f}({x}, {n})")),
            (1, Gen.Select(self, Fixed, Fixed, Gen.OneOf("bb_upper", "bb_lower", "macd"), (x, a, b, f) => $"{f}({x}, {a}, {b})")),
            (1, Gen.Select(self, Fixed, (x, n) => $"macd_signal({x}, {n}, slow, 2)")),
            (1, Fixed.Select(n => $"atr({n})")),
            (1, Gen.Select(self, self, Gen.OneOf("min", "max"), (a, b, f) => $"{f}({a}, {b})")),
            (1, self.Select(x => $"abs({x})")),
            (1, self.Select(x => $"-{x}")),
            (1, Gen.Int[0, 30].SelectMany(i => i == 0 ? self.Select(x => $"sma({x})") : self)));
    });

    private static readonly Gen<string> Condition = Gen.Recursive<string>((depth, self) =>
    {
        var comparison = Gen.Select(Number, Gen.OneOf("<", "<=", ">", ">=", "==", "!="), Number, (a, op, b) => $"{a} {op} {b}");
        var crosses = Gen.Select(Number, Number, Gen.OneOf("crosses_above", "crosses_below"), (a, b, f) => $"{f}({a}, {b})");
        var leaf = Gen.Frequency((4, comparison), (3, crosses), (1, Gen.OneOf("true", "false")));
        if (depth > 2) return leaf;
        return Gen.Frequency(
            (3, leaf),
            (1, Gen.Select(self, Gen.OneOf("and", "or"), self, (a, op, b) => $"({a}) {op} ({b})")),
            (1, self.Select(c => $"not ({c})")));
    });

    [Fact]
    public void GeneratedRules_RunOrFailWithPositionedErrors()
    {
        int ran = 0, rejected = 0;
        Gen.Select(Condition, Condition, Condition).Sample((entry, exit, shortEntry) =>
        {
            var rules = new Dictionary<string, string> { ["long_entry"] = entry, ["long_exit"] = exit, ["short_entry"] = shortEntry };
            var parameters = new Dictionary<string, (bool, double, double, double)> { ["fast"] = (true, 5, 1, 50), ["slow"] = (true, 12, 2, 100) };
            var errors = RuleStrategyDefinition.TryParse(RuleTestSupport.Json(rules, parameters, ["fast < slow"]), out var definition);
            if (definition is null)
            {
                Assert.NotEmpty(errors);
                foreach (var error in errors)
                    Assert.Matches(PositionedRuleError(), error.ToString());
                rejected++;
                return;
            }
            Assert.Empty(errors);
            var validation = StrategyConfigValidator.Validate(definition.ToStrategyDefinition(), new Dictionary<string, object?> { ["fast"] = 5, ["slow"] = 12 });
            Assert.True(validation.IsValid, string.Join("; ", validation.Errors));
            var result = BacktestEngine.Run(Bars, validation.Config!, 10_000);
            Assert.Equal(Bars.Count, result.Equity.Length);
            Assert.All(result.Equity, e => Assert.True(double.IsFinite(e) && e > 0));
            ran++;
        }, iter: 400, threads: 1);
        // both outcomes are exercised
        Assert.True(ran > 20 && rejected > 20, $"ran {ran}, rejected {rejected}");
    }

    [Fact]
    public void RandomText_NeverCrashesTheParser()
    {
        const string alphabet = "abcdeflmnorstuvwxz_0123456789.,()<>=!+-*/&| \t\"'";
        Gen.Int[0, alphabet.Length - 1].Array[0, 80].Select(ix => new string(ix.Select(i => alphabet[i]).ToArray())).Sample(text =>
        {
            var tree = RuleParser.Parse(text, out var error);
            if (tree is null)
            {
                Assert.NotNull(error);
                Assert.InRange(error!.Value.Column, 1, text.Length + 1);
            }
            else
            {
                Assert.Null(error);
                // whatever parses can be type-checked without throwing
                _ = RuleTypeChecker.CheckRule(tree, ["fast"]);
            }
        }, iter: 3000, threads: 1);
    }

    // "rules.x: column N: ..." for rule problems; constraints are fixed and valid here
    [GeneratedRegex(@"^rules\.(long_entry|long_exit|short_entry): column \d+: .+")]
    private static partial Regex PositionedRuleError();
}
