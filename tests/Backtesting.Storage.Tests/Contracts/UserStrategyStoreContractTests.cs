using Backtesting.Application.Strategies;
using Backtesting.Engine.Strategies;
using Backtesting.Storage.Sql;
using Backtesting.Storage.Tests.Builders;
using Backtesting.Storage.Tests.Fixtures;

namespace Backtesting.Storage.Tests.Contracts;

/// <summary>What every <see cref="Application.Ports.IUserStrategyStore"/> does, run against each backend.</summary>
public abstract class UserStrategyStoreContractTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : StorageFixture
{
    private static readonly DateTime Created = new(2025, 6, 7, 8, 9, 10, 123, DateTimeKind.Utc);

    protected TFixture Fixture { get; } = fixture;

    private SqlUserStrategyStore Store => new(Fixture.Service);

    private async Task<string> NewUserAsync() => (await Fixture.SeedUserAndAssetAsync()).UserId;

    private static UserStrategy NewStrategy(string owner, string id = "my_cross", string name = "My cross", DateTime? at = null) => new()
    {
        OwnerUserId = owner,
        Id = id,
        Name = name,
        Description = "fast over slow",
        StrategyType = "trend",
        ParametersSchema = """{"type": "object", "properties": {"fast": {"type": "integer"}}}""",
        DefaultParameters = """{"fast": 10}""",
        Definition = $$$"""{"id": "{{{id}}}", "name": "{{{name}}}", "rules": {"long_entry": "crosses_above(sma(close, fast), sma(close, 20))"}}""",
        CreatedAt = at ?? Created,
        UpdatedAt = at ?? Created,
    };

    private static void AssertSame(UserStrategy expected, UserStrategy? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.OwnerUserId, actual.OwnerUserId);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.StrategyType, actual.StrategyType);
        JsonAssert.Equivalent(expected.ParametersSchema, actual.ParametersSchema);
        JsonAssert.Equivalent(expected.DefaultParameters, actual.DefaultParameters);
        JsonAssert.Equivalent(expected.Definition, actual.Definition);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, actual.CreatedAt.Kind);
        Assert.Equal(expected.UpdatedAt, actual.UpdatedAt);
    }

    [Fact]
    public async Task CreateAsync_NewStrategy_ReadsBackEveryField()
    {
        string owner = await NewUserAsync();
        var strategy = NewStrategy(owner);

        Assert.Equal(UserStrategyCreateOutcome.Created, await Store.CreateAsync(strategy, maxPerUser: 10));

        AssertSame(strategy, await Store.GetAsync(owner, "my_cross"));
        AssertSame(strategy, Assert.Single(await Store.ListAsync(owner)));
    }

    [Fact]
    public async Task CreateAsync_SameIdTwiceForOneOwner_SecondIsDuplicateAndFirstKept()
    {
        string owner = await NewUserAsync();
        await Store.CreateAsync(NewStrategy(owner, name: "first"), 10);

        Assert.Equal(UserStrategyCreateOutcome.DuplicateId, await Store.CreateAsync(NewStrategy(owner, name: "second"), 10));

        Assert.Equal("first", (await Store.GetAsync(owner, "my_cross"))!.Name);
    }

    [Fact]
    public async Task CreateAsync_SameIdForTwoOwners_BothStoredEachSeesOnlyOwn()
    {
        string alice = await NewUserAsync(), bob = await NewUserAsync();

        Assert.Equal(UserStrategyCreateOutcome.Created, await Store.CreateAsync(NewStrategy(alice, name: "alice's"), 10));
        Assert.Equal(UserStrategyCreateOutcome.Created, await Store.CreateAsync(NewStrategy(bob, name: "bob's"), 10));

        Assert.Equal("alice's", (await Store.GetAsync(alice, "my_cross"))!.Name);
        Assert.Equal("bob's", Assert.Single(await Store.ListAsync(bob)).Name);
    }

    [Fact]
    public async Task CreateAsync_OwnerAtTheLimit_LimitReachedAndNothingStored()
    {
        string owner = await NewUserAsync();
        await Store.CreateAsync(NewStrategy(owner, "one_strategy"), 2);
        await Store.CreateAsync(NewStrategy(owner, "two_strategy"), 2);

        Assert.Equal(UserStrategyCreateOutcome.LimitReached, await Store.CreateAsync(NewStrategy(owner, "three_strategy"), 2));

        Assert.Equal(["one_strategy", "two_strategy"], (await Store.ListAsync(owner)).Select(s => s.Id));
        Assert.Null(await Store.GetAsync(owner, "three_strategy"));
    }

    [Fact]
    public async Task CreateAsync_BuiltInRowsPresent_UserRowWithABuiltInIdDoesNotTouchThem()
    {
        // The service refuses built-in ids; the store only guarantees a user row never overwrites the built-in row.
        await Fixture.Catalog.UpsertAsync(StrategyCatalog.All);
        string owner = await NewUserAsync();
        string builtInName = StrategyCatalog.Find("sma_crossover")!.Name;

        await Store.CreateAsync(NewStrategy(owner, "sma_crossover", name: "shadow"), 10);

        Assert.Equal(builtInName, await Fixture.ScalarAsync<string>("SELECT name FROM trading_strategies WHERE id = 'sma_crossover' AND owner_user_id IS NULL"));
        Assert.Contains("sma_crossover", await Fixture.Catalog.ListIdsAsync());
        Assert.Equal("shadow", (await Store.GetAsync(owner, "sma_crossover"))!.Name);
    }

    [Fact]
    public async Task ListIdsAsync_UserStrategiesStored_ListsOnlyBuiltIns()
    {
        await Fixture.Catalog.UpsertAsync(StrategyCatalog.All);
        string owner = await NewUserAsync();
        await Store.CreateAsync(NewStrategy(owner, "only_mine_strategy"), 10);

        Assert.DoesNotContain("only_mine_strategy", await Fixture.Catalog.ListIdsAsync());
    }

    [Fact]
    public async Task UpdateAsync_OwnStrategy_ReplacesDefinitionKeepsCreation()
    {
        string owner = await NewUserAsync();
        await Store.CreateAsync(NewStrategy(owner), 10);
        var later = Created.AddHours(5);
        var changed = NewStrategy(owner, name: "renamed", at: later) with { CreatedAt = Created.AddDays(9), Description = "new text" };

        Assert.True(await Store.UpdateAsync(changed));

        AssertSame(changed with { CreatedAt = Created }, await Store.GetAsync(owner, "my_cross"));
    }

    [Fact]
    public async Task UpdateAsync_OtherOwnersOrMissingId_FalseAndNothingChanged()
    {
        string alice = await NewUserAsync(), bob = await NewUserAsync();
        await Store.CreateAsync(NewStrategy(alice), 10);

        Assert.False(await Store.UpdateAsync(NewStrategy(bob, name: "stolen")));
        Assert.False(await Store.UpdateAsync(NewStrategy(alice, "no_such_strategy")));

        Assert.Equal("My cross", (await Store.GetAsync(alice, "my_cross"))!.Name);
        Assert.Null(await Store.GetAsync(bob, "my_cross"));
    }

    [Fact]
    public async Task DeleteAsync_OwnStrategy_GoneOtherOwnersCopyKept()
    {
        string alice = await NewUserAsync(), bob = await NewUserAsync();
        await Store.CreateAsync(NewStrategy(alice), 10);
        await Store.CreateAsync(NewStrategy(bob), 10);

        Assert.True(await Store.DeleteAsync(alice, "my_cross"));
        Assert.False(await Store.DeleteAsync(alice, "my_cross"));

        Assert.Null(await Store.GetAsync(alice, "my_cross"));
        Assert.NotNull(await Store.GetAsync(bob, "my_cross"));
    }

    [Fact]
    public async Task DeleteAsync_BuiltInId_FalseAndBuiltInKept()
    {
        await Fixture.Catalog.UpsertAsync(StrategyCatalog.All);
        string owner = await NewUserAsync();

        Assert.False(await Store.DeleteAsync(owner, "sma_crossover"));

        Assert.Contains("sma_crossover", await Fixture.Catalog.ListIdsAsync());
    }

    [Fact]
    public async Task ListAsync_SeveralStrategies_OrderedById()
    {
        string owner = await NewUserAsync();
        foreach (var id in new[] { "zeta_rules", "alpha_rules", "mid_rules" })
            await Store.CreateAsync(NewStrategy(owner, id), 10);

        Assert.Equal(["alpha_rules", "mid_rules", "zeta_rules"], (await Store.ListAsync(owner)).Select(s => s.Id));
        Assert.Empty(await Store.ListAsync(await NewUserAsync()));
    }
}
