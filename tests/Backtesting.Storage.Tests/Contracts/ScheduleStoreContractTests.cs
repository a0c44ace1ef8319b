using System.Data.Common;
using System.Text.Json;
using Backtesting.Application.Schedules;
using Backtesting.Storage.Sql;
using Backtesting.Storage.Tests.Builders;
using Backtesting.Storage.Tests.Fixtures;

namespace Backtesting.Storage.Tests.Contracts;

/// <summary>What every <see cref="Application.Ports.IScheduleStore"/> does, run against each backend.</summary>
public abstract class ScheduleStoreContractTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : StorageFixture
{
    private static readonly DateTime Created = new(2025, 3, 4, 5, 6, 7, 890, DateTimeKind.Utc);

    protected TFixture Fixture { get; } = fixture;

    private SqlScheduleStore Store => new(Fixture.Service);

    private async Task<string> NewUserAsync() => (await Fixture.SeedUserAndAssetAsync()).UserId;

    private static OptimizationSchedule NewSchedule(string userId, DateTime? createdAt = null, bool enabled = true) => new()
    {
        Id = "sch-" + Guid.NewGuid().ToString("N")[..12],
        UserId = userId,
        Name = "nightly sma",
        Cron = "0 6 * * 1-5",
        StrategyId = "sma_crossover",
        ParameterGrid = new Dictionary<string, JsonElement>
        {
            ["fast_period"] = JsonSerializer.SerializeToElement(new { start = 5, stop = 20, step = 5 }),
            ["slow_period"] = JsonSerializer.SerializeToElement(new[] { 30, 50 }),
        },
        Parameters = new Dictionary<string, JsonElement>
        {
            ["commission"] = JsonSerializer.SerializeToElement(0.002),
            ["direction"] = JsonSerializer.SerializeToElement("long_short"),
        },
        Assets = ["GOOG", "MSFT"],
        Timeframe = "1h",
        LookbackDays = 365,
        InitialCapital = 25_000.5,
        Objective = "total_return",
        Enabled = enabled,
        CreatedAt = createdAt ?? Created,
    };

    private static void AssertSame(OptimizationSchedule expected, OptimizationSchedule? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.UserId, actual.UserId);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Cron, actual.Cron);
        Assert.Equal(expected.StrategyId, actual.StrategyId);
        JsonAssert.Equivalent(JsonSerializer.Serialize(expected.ParameterGrid), JsonSerializer.Serialize(actual.ParameterGrid));
        JsonAssert.Equivalent(JsonSerializer.Serialize(expected.Parameters), JsonSerializer.Serialize(actual.Parameters));
        Assert.Equal(expected.Assets, actual.Assets);
        Assert.Equal(expected.Timeframe, actual.Timeframe);
        Assert.Equal(expected.LookbackDays, actual.LookbackDays);
        Assert.Equal(expected.InitialCapital, actual.InitialCapital);
        Assert.Equal(expected.Objective, actual.Objective);
        Assert.Equal(expected.Enabled, actual.Enabled);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, actual.CreatedAt.Kind);
        Assert.Equal(expected.LastSlotUtc, actual.LastSlotUtc);
        Assert.Equal(expected.LastRunIds, actual.LastRunIds);
    }

    [Fact]
    public async Task CreateAsync_ThenGetAsync_ReturnsEveryField()
    {
        var schedule = NewSchedule(await NewUserAsync());

        await Store.CreateAsync(schedule);

        AssertSame(schedule, await Store.GetAsync(schedule.UserId, schedule.Id));
    }

    [Fact]
    public async Task CreateAsync_NoLookbackAndNoSlot_KeepsTheNulls()
    {
        var schedule = NewSchedule(await NewUserAsync()) with { LookbackDays = null, Parameters = [] };

        await Store.CreateAsync(schedule);

        var stored = await Store.GetAsync(schedule.UserId, schedule.Id);
        AssertSame(schedule, stored);
        Assert.Null(stored!.LookbackDays);
        Assert.Null(stored.LastSlotUtc);
        Assert.Empty(stored.LastRunIds);
    }

    [Fact]
    public async Task CreateAsync_DuplicateId_Throws()
    {
        var schedule = NewSchedule(await NewUserAsync());
        await Store.CreateAsync(schedule);

        await Assert.ThrowsAnyAsync<DbException>(() => Store.CreateAsync(schedule));
    }

    [Fact]
    public async Task CreateAsync_UnknownUser_Throws()
    {
        await Assert.ThrowsAnyAsync<DbException>(() => Store.CreateAsync(NewSchedule("u-missing-" + Guid.NewGuid().ToString("N"))));
    }

    [Fact]
    public async Task GetAsync_AnotherUsersSchedule_ReturnsNull()
    {
        var schedule = NewSchedule(await NewUserAsync());
        await Store.CreateAsync(schedule);

        Assert.Null(await Store.GetAsync(await NewUserAsync(), schedule.Id));
        Assert.Null(await Store.GetAsync(schedule.UserId, "sch-missing"));
    }

    [Fact]
    public async Task ListAsync_ReturnsOnlyThatUsersSchedules_OldestFirst()
    {
        string userId = await NewUserAsync();
        string otherUser = await NewUserAsync();
        var newer = NewSchedule(userId, Created.AddHours(1));
        var older = NewSchedule(userId, Created);
        var disabled = NewSchedule(userId, Created.AddHours(2), enabled: false);
        await Store.CreateAsync(newer);
        await Store.CreateAsync(older);
        await Store.CreateAsync(disabled);
        await Store.CreateAsync(NewSchedule(otherUser));

        var listed = await Store.ListAsync(userId);

        Assert.Equal([older.Id, newer.Id, disabled.Id], listed.Select(s => s.Id));
        AssertSame(older, listed[0]);
        Assert.Single(await Store.ListAsync(otherUser));
        Assert.Empty(await Store.ListAsync("u-nobody"));
    }

    [Fact]
    public async Task ListEnabledAsync_ReturnsEveryUsersEnabledSchedules_NotDisabledOnes()
    {
        var enabled = NewSchedule(await NewUserAsync());
        var otherUsers = NewSchedule(await NewUserAsync());
        var disabled = NewSchedule(enabled.UserId, enabled: false);
        foreach (var schedule in new[] { enabled, otherUsers, disabled })
            await Store.CreateAsync(schedule);

        var ids = (await Store.ListEnabledAsync()).Select(s => s.Id).ToHashSet();

        Assert.Contains(enabled.Id, ids);
        Assert.Contains(otherUsers.Id, ids);
        Assert.DoesNotContain(disabled.Id, ids);
        AssertSame(enabled, (await Store.ListEnabledAsync()).Single(s => s.Id == enabled.Id));
    }

    [Fact]
    public async Task DeleteAsync_OwnSchedule_RemovesIt_ThenReportsNone()
    {
        var schedule = NewSchedule(await NewUserAsync());
        var kept = NewSchedule(schedule.UserId);
        await Store.CreateAsync(schedule);
        await Store.CreateAsync(kept);

        Assert.True(await Store.DeleteAsync(schedule.UserId, schedule.Id));
        Assert.False(await Store.DeleteAsync(schedule.UserId, schedule.Id));

        Assert.Null(await Store.GetAsync(schedule.UserId, schedule.Id));
        Assert.Equal([kept.Id], (await Store.ListAsync(schedule.UserId)).Select(s => s.Id));
    }

    [Fact]
    public async Task DeleteAsync_AnotherUsersSchedule_ReturnsFalseAndKeepsIt()
    {
        var schedule = NewSchedule(await NewUserAsync());
        await Store.CreateAsync(schedule);

        Assert.False(await Store.DeleteAsync(await NewUserAsync(), schedule.Id));

        Assert.NotNull(await Store.GetAsync(schedule.UserId, schedule.Id));
    }

    [Fact]
    public async Task RecordSlotAsync_NewerSlot_ReplacesTheLastSlotAndRuns()
    {
        var schedule = NewSchedule(await NewUserAsync());
        await Store.CreateAsync(schedule);
        var first = new DateTime(2025, 3, 5, 6, 0, 0, DateTimeKind.Utc);

        await Store.RecordSlotAsync(schedule.Id, first, ["bt-a", "bt-b"]);
        var afterFirst = await Store.GetAsync(schedule.UserId, schedule.Id);
        await Store.RecordSlotAsync(schedule.Id, first.AddDays(1), ["bt-c"]);
        var afterSecond = await Store.GetAsync(schedule.UserId, schedule.Id);

        Assert.Equal(first, afterFirst!.LastSlotUtc);
        Assert.Equal(DateTimeKind.Utc, afterFirst.LastSlotUtc!.Value.Kind);
        Assert.Equal(["bt-a", "bt-b"], afterFirst.LastRunIds);
        Assert.Equal(first.AddDays(1), afterSecond!.LastSlotUtc);
        Assert.Equal(["bt-c"], afterSecond.LastRunIds);
    }

    [Fact]
    public async Task RecordSlotAsync_OlderOrSameSlot_DoesNotOverwriteTheNewer()
    {
        var schedule = NewSchedule(await NewUserAsync());
        await Store.CreateAsync(schedule);
        var slot = new DateTime(2025, 3, 5, 6, 0, 0, DateTimeKind.Utc);
        await Store.RecordSlotAsync(schedule.Id, slot, ["bt-new"]);

        await Store.RecordSlotAsync(schedule.Id, slot.AddMilliseconds(-1), ["bt-old"]);
        await Store.RecordSlotAsync(schedule.Id, slot, ["bt-same"]);

        var stored = await Store.GetAsync(schedule.UserId, schedule.Id);
        Assert.Equal(slot, stored!.LastSlotUtc);
        Assert.Equal(["bt-new"], stored.LastRunIds);
    }

    [Fact]
    public async Task RecordSlotAsync_ConcurrentSlots_KeepsTheNewest()
    {
        var schedule = NewSchedule(await NewUserAsync());
        await Store.CreateAsync(schedule);
        var first = new DateTime(2025, 3, 5, 6, 0, 0, DateTimeKind.Utc);
        var slots = Enumerable.Range(0, 16).Select(i => first.AddMinutes(i)).OrderBy(_ => Random.Shared.Next()).ToList();

        await Task.WhenAll(slots.Select(slot => Task.Run(() => Store.RecordSlotAsync(schedule.Id, slot, [$"bt-{slot:HHmm}"]))));

        var stored = await Store.GetAsync(schedule.UserId, schedule.Id);
        Assert.Equal(first.AddMinutes(15), stored!.LastSlotUtc);
        Assert.Equal([$"bt-{first.AddMinutes(15):HHmm}"], stored.LastRunIds);
    }

    [Fact]
    public async Task RecordSlotAsync_UnknownSchedule_ChangesNothing()
    {
        await Store.RecordSlotAsync("sch-missing", Created, ["bt-x"]);

        Assert.Equal(0L, await Fixture.ScalarAsync<long>("SELECT COUNT(*) FROM backtest_schedules WHERE id = 'sch-missing'"));
    }
}
