using Backtesting.Application.Strategies;
using Backtesting.Engine.Validation;

namespace Backtesting.Application.Tests;

/// <summary>What strategy ids mean for one user: built-ins, their own definitions, and what a job keeps of them.</summary>
public class UserStrategyScopeTests
{
    private static UserStrategy Own(string id, string? definition = null) => new()
    {
        OwnerUserId = "alice",
        Id = id,
        Name = id,
        Description = "",
        StrategyType = "trend",
        ParametersSchema = "{}",
        DefaultParameters = "{}",
        Definition = definition ?? $$$"""{"id": "{{{id}}}", "name": "x", "parameters": {"n": {"type": "integer", "default": 20, "minimum": 2, "maximum": 50}}, "rules": {"long_entry": "close > sma(close, n)"}}""",
        CreatedAt = DateTime.UnixEpoch,
        UpdatedAt = DateTime.UnixEpoch,
    };

    [Fact]
    public void Lookup_OwnAndBuiltIns_BothResolveOthersDoNot()
    {
        var scope = new UserStrategyScope([Own("trend_rules")]);

        Assert.Equal("trend_rules", scope.Lookup.Find("trend_rules")!.Id);
        Assert.Equal("sma_crossover", scope.Lookup.Find("sma_crossover")!.Id);
        Assert.Null(scope.Lookup.Find("bobs_rules"));
        Assert.Equal("trend_rules", scope.Lookup.Ids[^1]);
    }

    [Fact]
    public void DefinitionsOf_KeepsOnlyTheNamedUserStrategies()
    {
        var scope = new UserStrategyScope([Own("first_rules"), Own("second_rules")]);

        var kept = scope.DefinitionsOf(["second_rules", "sma_crossover", null, "unknown_rules"]);

        Assert.Equal(["second_rules"], kept!.Keys);
        Assert.Null(scope.DefinitionsOf(["sma_crossover"]));
    }

    [Fact]
    public void Lookup_StoredDefinitionNoLongerValid_IsLeftOutAsNotFound()
    {
        var scope = new UserStrategyScope([Own("broken_rules", """{"id": "broken_rules", "name": "x", "rules": {"long_entry": "close >"}}""")]);

        Assert.Null(scope.Lookup.Find("broken_rules"));
        var error = Assert.Single(StrategyConfigValidator.Validate("broken_rules", new Dictionary<string, object?>(), strategies: scope.Lookup).Errors);
        Assert.Equal("strategy_id", error.Field);
    }

    [Fact]
    public void Lookup_RowWithABuiltInId_TheBuiltInWins()
    {
        var scope = new UserStrategyScope([Own("sma_crossover")]);

        Assert.Equal("fast_period", scope.Lookup.Find("sma_crossover")!.Parameters[0].Name);
        Assert.Null(scope.DefinitionsOf(["sma_crossover"]));
    }

    [Fact]
    public void StoredDefinitions_ConstraintsCheckedPerRun()
    {
        var lookup = StoredStrategyDefinitions.Lookup(new Dictionary<string, string>
        {
            ["pair_rules"] = """{"id": "pair_rules", "name": "x", "parameters": {"fast": {"type": "integer", "default": 5}, "slow": {"type": "integer", "default": 20}}, "constraints": ["fast < slow"], "rules": {"long_entry": "crosses_above(sma(close, fast), sma(close, slow))"}}""",
        });

        Assert.True(StrategyConfigValidator.Validate("pair_rules", new Dictionary<string, object?> { ["fast"] = 10 }, strategies: lookup).IsValid);
        var error = Assert.Single(StrategyConfigValidator.Validate("pair_rules", new Dictionary<string, object?> { ["fast"] = 30 }, strategies: lookup).Errors);
        Assert.Equal("constraints[0]", error.Field);
    }
}
