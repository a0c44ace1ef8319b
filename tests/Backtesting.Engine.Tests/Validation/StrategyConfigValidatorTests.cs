using System.Text.Json;
using Backtesting.Engine.Simulation;
using Backtesting.Engine.Validation;

namespace Backtesting.Engine.Tests.Validation;

/// <summary>Every problem found at once, each naming the field, the bad value and what is allowed.</summary>
public sealed class StrategyConfigValidatorTests
{
    private static StrategyConfigValidator.Result Validate(string? id, Dictionary<string, object?>? parameters = null) =>
        StrategyConfigValidator.Validate(id, parameters);

    private static ValidationError SingleError(string id, Dictionary<string, object?> parameters)
    {
        var result = Validate(id, parameters);
        Assert.False(result.IsValid);
        Assert.Null(result.Config);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void Validate_UnknownStrategy_NamesFieldValueAndAllowedIds()
    {
        var result = Validate("sma_crossunder");
        var error = Assert.Single(result.Errors);
        Assert.Equal("strategy_id", error.Field);
        Assert.Equal("'sma_crossunder'", error.Value);
        Assert.Contains("sma_crossover", error.Message);
        Assert.Contains("buy_and_hold", error.Message);
        Assert.Contains("strategy_id: value 'sma_crossunder' is not a known strategy; allowed: ", error.ToString());
    }

    [Fact]
    public void Validate_MissingStrategy_SaysRequired()
    {
        var error = Assert.Single(Validate(null).Errors);
        Assert.Equal("strategy_id", error.Field);
        Assert.Contains("is required", error.Message);
    }

    [Fact]
    public void Validate_UnknownParameter_ListsTheAllowedNames()
    {
        var error = SingleError("sma_crossover", new() { ["fast"] = 5 });
        Assert.Equal("parameters.fast", error.Field);
        Assert.Equal("5", error.Value);
        Assert.Contains("is not a parameter of sma_crossover", error.Message);
        Assert.Contains("fast_period", error.Message);
        Assert.Contains("slow_period", error.Message);
        Assert.Contains("position_size", error.Message);
    }

    [Fact]
    public void Validate_WrongType_NamesTypeAndExpectation()
    {
        var error = SingleError("sma_crossover", new() { ["fast_period"] = "ten" });
        Assert.Equal("parameters.fast_period", error.Field);
        Assert.Equal("\"ten\"", error.Value);
        Assert.Equal("has the wrong type (string); expected an integer in [1, 10000]", error.Message);
    }

    [Fact]
    public void Validate_BooleanGivenAsString_WrongType()
    {
        var error = SingleError("sma_crossover", new() { ["fractional"] = "yes" });
        Assert.Equal("parameters.fractional", error.Field);
        Assert.Contains("expected true or false", error.Message);
    }

    [Theory]
    [InlineData("position_size", 1.5, "expected a number in (0, 1]")]
    [InlineData("position_size", 0.0, "expected a number in (0, 1]")]
    [InlineData("slow_period", 1.0, "expected an integer in [2, 10000]")]
    [InlineData("commission", -0.001, "expected a number in [0, 0.1]")]
    [InlineData("stop_loss_pct", 1.0, "expected a number in (0, 1) (or null to turn it off)")]
    public void Validate_OutOfBounds_NamesTheBounds(string name, double value, string expected)
    {
        var error = SingleError("sma_crossover", new() { [name] = value });
        Assert.Equal($"parameters.{name}", error.Field);
        Assert.Equal(JsonSerializer.Serialize(value), error.Value);
        Assert.Equal($"is out of bounds; {expected}", error.Message);
    }

    [Fact]
    public void Validate_NonIntegerPeriod_Rejected()
    {
        var error = SingleError("sma_crossover", new() { ["fast_period"] = 10.5 });
        Assert.Equal("parameters.fast_period", error.Field);
        Assert.Equal("10.5", error.Value);
        Assert.Equal("is not an integer; expected an integer in [1, 10000]", error.Message);
    }

    [Theory]
    [InlineData(30, 20)]
    [InlineData(20, 20)]
    public void Validate_FastNotBelowSlow_Rejected(int fast, int slow)
    {
        var error = SingleError("sma_crossover", new() { ["fast_period"] = fast, ["slow_period"] = slow });
        Assert.Equal("parameters.fast_period", error.Field);
        Assert.Equal(fast.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Value);
        Assert.Equal($"must be < slow_period ({slow})", error.Message);
    }

    [Fact]
    public void Validate_FastAboveDefaultSlow_RejectedAgainstTheDefault()
    {
        // ema_crossover's slow_period defaults to 26
        var error = SingleError("ema_crossover", new() { ["fast_period"] = 40 });
        Assert.Equal("must be < slow_period (26)", error.Message);
    }

    [Fact]
    public void Validate_BadDirection_ListsAllowedValues()
    {
        var error = SingleError("sma_crossover", new() { ["direction"] = "sideways" });
        Assert.Equal("parameters.direction", error.Field);
        Assert.Equal("\"sideways\"", error.Value);
        Assert.Equal("is not allowed; expected one of 'long', 'short', 'long_short'", error.Message);
    }

    [Fact]
    public void Validate_ShortOnBuyAndHold_OnlyLongAllowed()
    {
        var error = SingleError("buy_and_hold", new() { ["direction"] = "short" });
        Assert.Equal("is not allowed; expected one of 'long'", error.Message);
    }

    [Fact]
    public void Validate_BadFill_ListsAllowedValues()
    {
        var error = SingleError("sma_crossover", new() { ["fill"] = "tomorrow" });
        Assert.Equal("parameters.fill", error.Field);
        Assert.Equal("is not allowed; expected one of 'next_open', 'close'", error.Message);
    }

    [Fact]
    public void Validate_NullForNonNullable_Rejected()
    {
        var error = SingleError("sma_crossover", new() { ["fast_period"] = null });
        Assert.Equal("parameters.fast_period", error.Field);
        Assert.Equal("null", error.Value);
        Assert.Equal("must not be null; expected an integer in [1, 10000]", error.Message);
    }

    [Fact]
    public void Validate_NullForNullable_TurnsTheFeatureOff()
    {
        var result = Validate("sma_crossover", new() { ["stop_loss_pct"] = null, ["take_profit_pct"] = null });
        Assert.True(result.IsValid);
        var settings = result.Config!.ToSimulationSettings(1000);
        Assert.Null(settings.StopLossPct);
        Assert.Null(settings.TakeProfitPct);
    }

    [Fact]
    public void Validate_SeveralProblems_AllReturnedAtOnce()
    {
        var result = Validate("sma_crossover", new()
        {
            ["fast"] = 5,
            ["slow_period"] = "thirty",
            ["direction"] = "up",
            ["position_size"] = 2,
            ["fill"] = "close",
        });
        Assert.False(result.IsValid);
        Assert.Equal(
            new[] { "parameters.direction", "parameters.fast", "parameters.position_size", "parameters.slow_period" },
            result.Errors.Select(e => e.Field).Order().ToArray());
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrEmpty(e.Value)));
        var ex = Assert.Throws<ValidationException>(() => result.GetConfigOrThrow());
        Assert.Equal(4, ex.Errors.Count);
        Assert.Contains("parameters.slow_period: value \"thirty\" has the wrong type", ex.Message);
    }

    [Fact]
    public void Validate_FieldPrefix_PrependedToEveryPath()
    {
        var result = StrategyConfigValidator.Validate("sma_crossover",
            new Dictionary<string, object?> { ["fast_period"] = 50, ["slow_period"] = 40 }, "strategies[1].");
        Assert.Equal("strategies[1].parameters.fast_period", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Validate_JsonElements_AcceptedLikePlainValues()
    {
        using var doc = JsonDocument.Parse("""{"fast_period": 5, "slow_period": 15, "direction": "long_short", "fractional": true, "commission": 0.001}""");
        var parameters = doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        var result = StrategyConfigValidator.Validate("sma_crossover", parameters);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var settings = result.Config!.ToSimulationSettings(5000);
        Assert.Equal(DirectionMode.LongShort, settings.Direction);
        Assert.True(settings.Fractional);
        Assert.Equal(5000, settings.InitialCapital);
        Assert.Equal(5, result.Config.Parameters.GetInt("fast_period"));
    }

    [Fact]
    public void Validate_NoParameters_TakesEveryDefault()
    {
        var result = Validate("sma_crossover");
        Assert.True(result.IsValid);
        var p = result.Config!.Parameters;
        Assert.Equal(10, p.GetInt("fast_period"));
        Assert.Equal(30, p.GetInt("slow_period"));
        Assert.Equal("long", p.GetString("direction"));
        Assert.Equal("next_open", p.GetString("fill"));
        Assert.Equal(1, p.GetDouble("position_size"));
        Assert.Equal(0, p.GetDouble("commission"));
        Assert.False(p.GetBool("fractional"));
        Assert.False(p.GetBool("close_at_end"));
    }

    [Fact]
    public void Validate_IntegerGivenAsWholeDouble_Accepted()
    {
        // grid axes produce doubles such as 10.0
        var result = Validate("sma_crossover", new() { ["fast_period"] = 10.0, ["slow_period"] = 20.0 });
        Assert.True(result.IsValid);
        Assert.Equal(20, result.Config!.Parameters.GetInt("slow_period"));
    }

    [Fact]
    public void Validate_FieldAndCrossFieldProblems_ReportsBoth()
    {
        // position_size 7 is out of (0, 1]; fast 50 >= slow 10 breaks the cross rule: both at once
        var result = Validate("sma_crossover", new() { ["fast_period"] = 50, ["slow_period"] = 10, ["position_size"] = 7 });

        Assert.Equal(["parameters.position_size", "parameters.fast_period"], result.Errors.Select(e => e.Field));
        Assert.Equal("must be < slow_period (10)", result.Errors[1].Message);
    }

    [Fact]
    public void Validate_CrossRuleOverAFailedParameter_IsLeftOut()
    {
        // slow_period fails, so it keeps its default 30 and fast 40 >= 30 would be a complaint about a value nobody sent
        var result = Validate("sma_crossover", new() { ["fast_period"] = 40, ["slow_period"] = "x" });

        Assert.Equal(["parameters.slow_period"], result.Errors.Select(e => e.Field));
    }
}
