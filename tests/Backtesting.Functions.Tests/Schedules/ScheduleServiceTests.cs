using System.Text.Json;
using Backtesting.Application.MarketData;
using Backtesting.Application.Ports;
using Backtesting.Application.Schedules;
using Backtesting.Engine.Validation;
using Backtesting.Functions.Tests.Support;
using Moq;

namespace Backtesting.Functions.Tests.Schedules;

public sealed class ScheduleServiceTests
{
    private readonly BlobScheduleStore _store = new(new InMemoryBlobStore());
    private readonly MutableTime _time = new(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private ScheduleService Service()
    {
        var market = new Mock<IMarketDataStore>();
        market.Setup(m => m.GetAssetAsync("GOOG", It.IsAny<CancellationToken>())).ReturnsAsync(new Asset("GOOG", "Alphabet"));
        market.Setup(m => m.GetAssetAsync("MSFT", It.IsAny<CancellationToken>())).ReturnsAsync(new Asset("MSFT", "Microsoft"));
        return new ScheduleService(_store, market.Object, _time, NoUserStrategies.Resolver());
    }

    internal static ScheduleRequest Request(string cron = "0 6 * * *", params string[] assets) => new()
    {
        Cron = cron,
        StrategyId = "sma_crossover",
        ParameterGrid = new()
        {
            ["fast_period"] = JsonSerializer.SerializeToElement(new { start = 5, stop = 20, step = 5 }),
            ["slow_period"] = JsonSerializer.SerializeToElement(new[] { 30, 50 }),
        },
        Assets = assets.Length > 0 ? [.. assets] : ["GOOG"],
    };

    [Fact]
    public async Task CreateAsync_ValidRequest_StoresAndShowsTheNextRun()
    {
        var view = await Service().CreateAsync("user-1", Request());

        Assert.StartsWith("sch-", view.ScheduleId);
        Assert.Equal(new DateTime(2024, 1, 1, 6, 0, 0, DateTimeKind.Utc), view.NextRunAt);
        Assert.Single(await _store.ListAsync("user-1"));
        Assert.Empty(await _store.ListAsync("user-2"));
    }

    [Fact]
    public async Task CreateAsync_InvalidRequest_NamesEveryBadField()
    {
        var bad = Request("not cron", "NOPE") with { StrategyId = "sma_crossover", ParameterGrid = new() { ["no_such"] = JsonSerializer.SerializeToElement(1) }, Objective = "luck" };

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Service().CreateAsync("user-1", bad));

        Assert.Equal(["cron", "parameter_grid.no_such", "objective", "assets"], ex.Errors.Select(e => e.Field));
    }

    [Fact]
    public async Task DueSlotsAsync_ReturnsTheLatestSlotWithinTheLookbackOnce()
    {
        var service = Service();
        await service.CreateAsync("user-1", Request("0 */10 * * * *"));
        var now = new DateTime(2024, 1, 1, 0, 23, 0, DateTimeKind.Utc);

        var due = await service.DueSlotsAsync(now, TimeSpan.FromMinutes(15));

        var slot = Assert.Single(due);
        Assert.Equal(new DateTime(2024, 1, 1, 0, 20, 0, DateTimeKind.Utc), slot.SlotUtc);
        await _store.RecordSlotAsync(slot.Schedule.Id, slot.SlotUtc, ["bt-1"]);
        Assert.Empty(await service.DueSlotsAsync(now.AddMinutes(1), TimeSpan.FromMinutes(15)));
    }

    [Fact]
    public async Task DueSlotsAsync_SlotOlderThanTheLookback_IsSkipped()
    {
        var service = Service();
        await service.CreateAsync("user-1", Request("0 6 * * *"));

        Assert.Empty(await service.DueSlotsAsync(new DateTime(2024, 1, 1, 7, 0, 0, DateTimeKind.Utc), TimeSpan.FromMinutes(15)));
        Assert.Single(await service.DueSlotsAsync(new DateTime(2024, 1, 1, 6, 5, 0, DateTimeKind.Utc), TimeSpan.FromMinutes(15)));
    }

    [Fact]
    public async Task DeleteAsync_AnotherUsersSchedule_IsNotFound()
    {
        var service = Service();
        var view = await service.CreateAsync("user-1", Request());

        Assert.False(await service.DeleteAsync("user-2", view.ScheduleId));
        Assert.True(await service.DeleteAsync("user-1", view.ScheduleId));
        Assert.Null(await service.GetAsync("user-1", view.ScheduleId));
    }
}

internal sealed class MutableTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}
