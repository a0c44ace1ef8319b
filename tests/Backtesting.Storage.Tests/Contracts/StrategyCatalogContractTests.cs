using System.Text.Json.Nodes;
using Backtesting.Engine.Strategies;
using Backtesting.Storage.Tests.Fixtures;

namespace Backtesting.Storage.Tests.Contracts;

/// <summary>What every <see cref="Application.Ports.IStrategyCatalogStore"/> does, run against each backend.</summary>
public abstract class StrategyCatalogContractTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : StorageFixture
{
    protected TFixture Fixture { get; } = fixture;

    [Fact]
    public async Task UpsertAsync_EngineCatalog_StoresEveryStrategyWithSchemaAndDefaults()
    {
        await Fixture.Catalog.UpsertAsync(StrategyCatalog.All);

        var ids = await Fixture.Catalog.ListIdsAsync();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Subset(ids.ToHashSet(), StrategyCatalog.All.Select(s => s.Id).ToHashSet());
        var sma = StrategyCatalog.All.Single(s => s.Id == "sma_crossover");
        string? schema = await Fixture.ScalarAsync<string>("SELECT parameters_schema FROM trading_strategies WHERE id = 'sma_crossover'");
        string? defaults = await Fixture.ScalarAsync<string>("SELECT default_parameters FROM trading_strategies WHERE id = 'sma_crossover'");
        string? type = await Fixture.ScalarAsync<string>("SELECT strategy_type FROM trading_strategies WHERE id = 'sma_crossover'");
        Assert.True(JsonNode.DeepEquals(sma.ParametersSchema(), JsonNode.Parse(schema!)));
        Assert.Equal(10, JsonNode.Parse(defaults!)!["fast_period"]!.GetValue<long>());
        Assert.Equal(sma.StrategyType, type);
    }

    [Fact]
    public async Task UpsertAsync_Twice_UpdatesInPlaceWithoutDuplicates()
    {
        var sma = StrategyCatalog.All.Single(s => s.Id == "sma_crossover");
        var renamed = new StrategyDefinition(sma.Id, "Renamed SMA", "changed", sma.StrategyType, sma.OwnParameters, sma.Create);

        await Fixture.Catalog.UpsertAsync(StrategyCatalog.All);
        await Fixture.Catalog.UpsertAsync([renamed]);

        Assert.Equal(1L, await Fixture.ScalarAsync<long>("SELECT COUNT(*) FROM trading_strategies WHERE id = 'sma_crossover'"));
        Assert.Equal("Renamed SMA", await Fixture.ScalarAsync<string>("SELECT name FROM trading_strategies WHERE id = 'sma_crossover'"));
        await Fixture.Catalog.UpsertAsync(StrategyCatalog.All);
        Assert.Equal(sma.Name, await Fixture.ScalarAsync<string>("SELECT name FROM trading_strategies WHERE id = 'sma_crossover'"));
    }

    [Fact]
    public async Task ListIdsAsync_OmitsInactiveStrategies()
    {
        await Fixture.Catalog.UpsertAsync(StrategyCatalog.All);
        var retired = new StrategyDefinition("retired_test_strategy", "Retired", "old", StrategyType.Trend, [], _ => throw new NotSupportedException());
        await Fixture.Catalog.UpsertAsync([retired]);

        await Fixture.OwnerExecuteAsync("UPDATE trading_strategies SET is_active = FALSE WHERE id = 'retired_test_strategy'");

        Assert.DoesNotContain("retired_test_strategy", await Fixture.Catalog.ListIdsAsync());
        await Fixture.Catalog.UpsertAsync([retired]);
        Assert.Contains("retired_test_strategy", await Fixture.Catalog.ListIdsAsync());
    }
}
