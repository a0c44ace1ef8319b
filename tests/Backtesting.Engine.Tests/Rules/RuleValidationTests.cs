using Backtesting.Engine.Rules;
using Backtesting.Engine.Validation;

namespace Backtesting.Engine.Tests.Rules;

/// <summary>Bad definitions are rejected with every problem at once, each naming its field and, in rules, the column (DESIGN section 9).</summary>
public sealed class RuleValidationTests
{
    private static readonly Dictionary<string, (bool, double, double, double)> FastSlow = new()
    {
        ["fast"] = (true, 10, 2, 500),
        ["slow"] = (true, 30, 3, 1000),
    };

    [Theory]
    // columns count from 1: "close > 10 * " is 13 characters, so smaa starts at 14
    [InlineData("close > 10 * smaa(close, 3)", "rules.long_entry: column 14: unknown function 'smaa' (did you mean 'sma'?)")]
    [InlineData("fastt < slow", "rules.long_entry: column 1: 'fastt' is not a parameter or series (did you mean 'fast'?)")]
    [InlineData("close > sma(close, slow) and clse > 1", "rules.long_entry: column 30: 'clse' is not a parameter or series (did you mean 'close'?)")]
    [InlineData("zzz > 1", "rules.long_entry: column 1: 'zzz' is not a parameter or series")]
    [InlineData("sma(close) > 1", "rules.long_entry: column 1: sma takes 2 arguments (sma(x, n)), got 1")]
    [InlineData("atr(14, 2) > 1", "rules.long_entry: column 1: atr takes 1 argument (atr(n)), got 2")]
    [InlineData("sma(close, close) > 1", "rules.long_entry: column 12: argument 2 (n) of sma must be fixed for the run (numbers and parameters), not a series")]
    [InlineData("sma(close > 1, 3) > 1", "rules.long_entry: column 5: argument 1 (x) of sma must be a number, not a condition")]
    [InlineData("close + 1", "rules.long_entry: column 1: a rule must be a condition (true or false), but this is a number; compare it, e.g. 'close > sma(close, 20)'")]
    [InlineData("not close", "rules.long_entry: column 1: 'not' needs a condition (true or false), but its operand is a number")]
    [InlineData("(close > 1) + 1 > 2", "rules.long_entry: column 2: '+' needs numbers on both sides, but its left side is a condition")]
    [InlineData("close(1) > 1", "rules.long_entry: column 1: 'close' is not a function; remove the parentheses after it")]
    [InlineData("sma > 1", "rules.long_entry: column 1: 'sma' is a function; call it as sma(x, n)")]
    [InlineData("close > ", "rules.long_entry: column 9: the expression ends too early; a number, name, function call or '(' is missing")]
    [InlineData("close > 1 && close < 2", "rules.long_entry: column 11: unexpected '&' (write 'and') after a complete expression")]
    [InlineData("close = 1", "rules.long_entry: column 7: unexpected '=' (write '==' to compare) after a complete expression")]
    [InlineData("1 < close < 2", "rules.long_entry: column 11: comparisons cannot be chained ('<' after '<'); join them with 'and'")]
    [InlineData("(close > 1", "rules.long_entry: column 11: a ')' is missing")]
    [InlineData("sma(close, 3 > 1", "rules.long_entry: column 17: a ',' or ')' is missing in the call of 'sma'")]
    [InlineData("", "rules.long_entry: column 1: the rule is empty; write a condition such as 'close > sma(close, 20)'")]
    [InlineData("close > 2x", "rules.long_entry: column 9: '2x...' is not a number or a name (names start with a letter)")]
    public void Rule_Invalid_ReportsFieldColumnAndWhatIsWrong(string rule, string expected)
    {
        var errors = Errors(new Dictionary<string, string> { ["long_entry"] = rule });
        Assert.Equal([expected], errors);
    }

    [Fact]
    public void Rule_SeveralProblems_AllReported()
    {
        var errors = Errors(new Dictionary<string, string>
        {
            ["long_entry"] = "close and 1",
            ["long_exit"] = "crosses_below(ema(close, fastt), emaa(close, slow))",
        });
        Assert.Equal(
        [
            "rules.long_entry: column 1: 'and' needs conditions (true or false) on both sides, but its left side is a number",
            "rules.long_entry: column 11: 'and' needs conditions (true or false) on both sides, but its right side is a number",
            "rules.long_exit: column 26: 'fastt' is not a parameter or series (did you mean 'fast'?)",
            "rules.long_exit: column 34: unknown function 'emaa' (did you mean 'ema'?)",
        ], errors);
    }

    [Fact]
    public void Rule_TooLongOrTooLarge_Rejected()
    {
        var tooLong = Errors(new Dictionary<string, string> { ["long_entry"] = "close > " + new string('1', 1000) });
        Assert.Equal(["rules.long_entry: column 1001: the rule is longer than 1000 characters"], tooLong);
        // 101 closes joined by 100 '+': 201 nodes
        string big = string.Join(" + ", Enumerable.Repeat("close", 101)) + " > 1";
        var tooLarge = Errors(new Dictionary<string, string> { ["long_entry"] = big[..Math.Min(big.Length, 1000)] });
        Assert.Single(tooLarge);
        Assert.StartsWith("rules.long_entry: column 1: the expression has ", tooLarge[0]);
        Assert.EndsWith("at most 200 are allowed", tooLarge[0]);
        var deep = Errors(new Dictionary<string, string> { ["long_entry"] = new string('(', 60) + "close > 1" + new string(')', 60) });
        Assert.Equal(["rules.long_entry: column 41: the expression is nested more than 40 levels deep"], deep);
    }

    [Fact]
    public void Definition_FieldProblems_AllReportedByField()
    {
        string json = """
        {
          "id": "sma_crossover",
          "name": "",
          "strategy_type": "scalping",
          "descripton": "misspelt",
          "parameters": {
            "fast": {"type": "integer", "default": 2.5, "minimum": 2, "maximum": 500},
            "slow": {"type": "float", "default": 30},
            "wide": {"type": "number", "default": 5, "minimum": 10, "maximum": 20},
            "close": {"type": "number", "default": 1}
          },
          "constraints": ["fast <"],
          "rules": {"long_exit": "close < 1", "long_entyr": "close > 1"}
        }
        """;
        var errors = RuleStrategyDefinition.TryParse(json, out var definition);
        Assert.Null(definition);
        Assert.Equal(
        [
            // UnknownFields: the one message for unknown names, with the nearest known one
            "descripton: is not a field of a strategy definition (did you mean 'description'?); allowed: id, name, description, strategy_type, parameters, constraints, rules",
            "id: value 'sma_crossover' is a built-in strategy id; built-ins: sma_crossover, ema_crossover, macd_crossover, rsi_reversion, bollinger_reversion, donchian_breakout, buy_and_hold",
            "name: value '' must be 1-100 characters, not blank",
            "strategy_type: value 'scalping' is not a strategy type; allowed: trend, mean_reversion, momentum, breakout, benchmark",
            "parameters.fast.default: value 2.5 must be a whole number (the parameter is an integer)",
            "parameters.slow.type: value \"float\" is required: 'integer' or 'number'",
            "parameters.wide.default: value 5 must lie within [10, 20]",
            "parameters.close: is a reserved name (a series, function, keyword or common parameter); choose another",
            "constraints[0]: column 7: the expression ends too early; a number, name, function call or '(' is missing",
            "rules.long_entyr: is not a rule (did you mean 'long_entry'?); allowed: long_entry, long_exit, short_entry, short_exit",
            "rules: needs at least one entry rule: long_entry or short_entry",
            "rules.long_exit: has no long_entry to exit from",
        ], errors.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("A1", "id: value 'A1' must be 3-64 characters: a lowercase letter, then lowercase letters, digits or '_'")]
    [InlineData("9abc", "id: value '9abc' must be 3-64 characters: a lowercase letter, then lowercase letters, digits or '_'")]
    public void Definition_BadId_Rejected(string id, string expected)
    {
        var errors = RuleStrategyDefinition.TryParse(RuleTestSupport.Json(new Dictionary<string, string> { ["long_entry"] = "true" }, id: id), out _);
        Assert.Equal([expected], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Definition_NotJson_Rejected()
    {
        var errors = RuleStrategyDefinition.TryParse("{\"id\": ", out var definition);
        Assert.Null(definition);
        Assert.Equal("definition", Assert.Single(errors).Field);
        Assert.Throws<ValidationException>(() => RuleStrategyDefinition.Parse("[]"));
    }

    [Fact]
    public void Constraint_FalseForTheDefaults_Rejected()
    {
        var parameters = new Dictionary<string, (bool, double, double, double)> { ["fast"] = (true, 30, 2, 500), ["slow"] = (true, 20, 3, 1000) };
        var errors = RuleStrategyDefinition.TryParse(RuleTestSupport.Json(
            new Dictionary<string, string> { ["long_entry"] = "crosses_above(sma(close, fast), sma(close, slow))" }, parameters, ["fast < slow", "close > 1"]), out _);
        Assert.Equal(
        [
            "constraints[1]: column 1: a constraint must compare parameters, e.g. 'fast < slow'",
        ], errors.Select(e => e.ToString()));
        errors = RuleStrategyDefinition.TryParse(RuleTestSupport.Json(
            new Dictionary<string, string> { ["long_entry"] = "crosses_above(sma(close, fast), sma(close, slow))" }, parameters, ["fast < slow"]), out _);
        Assert.Equal(["constraints[0]: value 'fast < slow' does not hold (fast = 30, slow = 20) (with the default parameters)"], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Parameters_PerRun_ConstraintsAndPeriodsChecked()
    {
        var definition = RuleTestSupport.Define(new Dictionary<string, string>
        {
            ["long_entry"] = "crosses_above(sma(close, fast / 2), sma(close, slow))",
        }, FastSlow, ["fast < slow"]);
        var validation = StrategyConfigValidator.Validate(definition.ToStrategyDefinition(), new Dictionary<string, object?> { ["fast"] = 41, ["slow"] = 40 });
        Assert.Equal(
        [
            "constraints[0]: value 'fast < slow' does not hold (fast = 41, slow = 40)",
            "rules.long_entry: column 26: argument 2 (n) of sma must be a whole number from 1 to 100000; here it is 20.5",
        ], validation.Errors.Select(e => e.ToString()));
        var bounds = StrategyConfigValidator.Validate(definition.ToStrategyDefinition(), new Dictionary<string, object?> { ["fast"] = 1, ["direction"] = "short" });
        Assert.Equal(
        [
            "parameters.fast: value 1 is out of bounds; expected an integer in [2, 500]",
            // the rules decide the positions: only long rules, only the long direction
            "parameters.direction: value \"short\" is not allowed; expected one of 'long'",
        ], bounds.Errors.Select(e => e.ToString()));
    }

    private static string[] Errors(IReadOnlyDictionary<string, string> rules)
    {
        var errors = RuleStrategyDefinition.TryParse(RuleTestSupport.Json(rules, FastSlow), out var definition);
        Assert.Null(definition);
        return errors.Select(e => e.ToString()).ToArray();
    }
}
