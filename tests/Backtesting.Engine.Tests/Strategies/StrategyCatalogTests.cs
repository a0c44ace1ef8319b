using System.Text.Json.Nodes;
using Backtesting.Engine.Strategies;
using Backtesting.Engine.Validation;

namespace Backtesting.Engine.Tests.Strategies;

/// <summary>Every catalog entry describes itself completely (what list_strategies returns).</summary>
public sealed class StrategyCatalogTests
{
    private static readonly string[] KnownTypes =
        [StrategyType.Trend, StrategyType.MeanReversion, StrategyType.Momentum, StrategyType.Breakout, StrategyType.Benchmark];

    public static TheoryData<string> StrategyIds()
    {
        var data = new TheoryData<string>();
        foreach (var definition in StrategyCatalog.All) data.Add(definition.Id);
        return data;
    }

    [Fact]
    public void All_Ids_AreUniqueSnakeCase()
    {
        Assert.NotEmpty(StrategyCatalog.All);
        Assert.Equal(StrategyCatalog.All.Count, StrategyCatalog.Ids.Distinct().Count());
        Assert.All(StrategyCatalog.Ids, id => Assert.Matches("^[a-z][a-z0-9_]*$", id));
        Assert.Contains("sma_crossover", StrategyCatalog.Ids);
        Assert.Contains("buy_and_hold", StrategyCatalog.Ids);
    }

    [Theory]
    [MemberData(nameof(StrategyIds))]
    public void Definition_HasIdNameDescriptionAndType(string id)
    {
        var definition = StrategyCatalog.Find(id)!;
        Assert.Equal(id, definition.Id);
        Assert.False(string.IsNullOrWhiteSpace(definition.Name));
        Assert.True(definition.Description.Length >= 20, $"{id}: description too short");
        Assert.Contains(definition.StrategyType, KnownTypes);
    }

    [Theory]
    [MemberData(nameof(StrategyIds))]
    public void ParametersSchema_ListsEveryParameterWithTypeAndDefault(string id)
    {
        var definition = StrategyCatalog.Find(id)!;
        JsonObject schema = definition.ParametersSchema();

        Assert.Equal("object", (string?)schema["type"]);
        Assert.False((bool)schema["additionalProperties"]!);
        var properties = schema["properties"]!.AsObject();
        Assert.Equal(definition.Parameters.Select(p => p.Name).Order(), properties.Select(p => p.Key).Order());
        foreach (var p in definition.Parameters)
        {
            var property = properties[p.Name]!.AsObject();
            Assert.True(property.ContainsKey("type"), $"{id}.{p.Name} has no type");
            Assert.True(property.ContainsKey("default"), $"{id}.{p.Name} has no default");
            Assert.False(string.IsNullOrWhiteSpace((string?)property["description"]), $"{id}.{p.Name} has no description");
            string expectedType = p.Type switch
            {
                ParameterType.Integer => "integer",
                ParameterType.Number => "number",
                ParameterType.Boolean => "boolean",
                _ => "string",
            };
            string typeText = property["type"]!.ToJsonString();
            Assert.Contains($"\"{expectedType}\"", typeText);
            if (p.Nullable) Assert.Contains("\"null\"", typeText);
            if (p.Type == ParameterType.Enum) Assert.NotEmpty(property["enum"]!.AsArray());
            if (p.Default is null) Assert.Null(property["default"]);
            else Assert.NotNull(property["default"]);
        }
    }

    [Theory]
    [MemberData(nameof(StrategyIds))]
    public void DefaultParameters_PassValidation(string id)
    {
        var definition = StrategyCatalog.Find(id)!;
        var result = StrategyConfigValidator.Validate(id, definition.DefaultParameters);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Theory]
    [MemberData(nameof(StrategyIds))]
    public void Parameters_IncludeEveryCommonParameter(string id)
    {
        var names = StrategyCatalog.Find(id)!.Parameters.Select(p => p.Name).ToHashSet();
        foreach (string common in new[]
                 {
                     CommonParameters.PositionSize, CommonParameters.Direction, CommonParameters.StopLossPct, CommonParameters.TakeProfitPct,
                     CommonParameters.Fractional, CommonParameters.Fill, CommonParameters.Commission, CommonParameters.SlippageBps,
                     CommonParameters.CloseAtEnd,
                 })
            Assert.Contains(common, names);
    }

    [Fact]
    public void SmaCrossoverSchema_IntegerDefaultsAreJsonIntegers()
    {
        var properties = StrategyCatalog.Find("sma_crossover")!.ParametersSchema()["properties"]!;
        Assert.Equal("10", properties["fast_period"]!["default"]!.ToJsonString());
        Assert.Equal("30", properties["slow_period"]!["default"]!.ToJsonString());
        Assert.Equal("1", properties["fast_period"]!["minimum"]!.ToJsonString());
        Assert.Equal("\"long\"", properties["direction"]!["default"]!.ToJsonString());
    }

    [Fact]
    public void Find_UnknownId_ReturnsNull()
    {
        Assert.Null(StrategyCatalog.Find("no_such_strategy"));
        Assert.Null(StrategyCatalog.Find(null));
    }
}
