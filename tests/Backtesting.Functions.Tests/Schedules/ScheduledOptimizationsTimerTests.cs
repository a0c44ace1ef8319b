using Backtesting.Application.MarketData;
using Backtesting.Application.Ports;
using Backtesting.Application.Schedules;
using Backtesting.Functions.Durable;
using Backtesting.Functions.Orchestrators;
using Backtesting.Functions.Schedules;
using Backtesting.Functions.Tests.Support;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Backtesting.Functions.Tests.Schedules;

public sealed class ScheduledOptimizationsTimerTests
{
    private readonly BlobScheduleStore _store = new(new InMemoryBlobStore());
    private readonly MutableTime _time = new(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly DurableClientScope _scope = new();
    private readonly Mock<DurableTaskClient> _client = new("test-hub");
    private readonly List<(string Orchestrator, string InstanceId)> _scheduled = [];

    public ScheduledOptimizationsTimerTests()
    {
        // the client behaves like the task hub: an instance id, once scheduled, exists
        _client.Setup(c => c.GetInstanceAsync(It.IsAny<string>(), false, It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, bool _, CancellationToken _) => _scheduled.Any(s => s.InstanceId == id)
                ? new OrchestrationMetadata(nameof(RunScheduledOptimizationOrchestrator), id) { RuntimeStatus = OrchestrationRuntimeStatus.Running }
                : null);
        _client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Returns((TaskName name, object? _, StartOrchestrationOptions? o, CancellationToken _) =>
            {
                _scheduled.Add((name.Name, o!.InstanceId!));
                return Task.FromResult(o.InstanceId!);
            });
    }

    private ScheduleService Service()
    {
        var market = new Mock<IMarketDataStore>();
        market.Setup(m => m.GetAssetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((string s, CancellationToken _) => new Asset(s, s));
        return new ScheduleService(_store, market.Object, _time, NoUserStrategies.Resolver());
    }

    private ScheduledOptimizationsTimer Timer(ScheduleService service) => new(
        service,
        new DurableWorkflowStarter(TestCatalog.Catalog(services => services.AddBacktestingSchedules()), _scope, NullLogger<DurableWorkflowStarter>.Instance),
        _scope, Options.Create(new ScheduleTimerOptions()), _time, NullLogger<ScheduledOptimizationsTimer>.Instance);

    private async Task<IReadOnlyList<string>> TickAsync(ScheduledOptimizationsTimer timer, int hour, int minute)
    {
        _time.Now = new DateTimeOffset(2024, 1, 1, hour, minute, 0, TimeSpan.Zero);
        using (_scope.Use(_client.Object))
            return await timer.StartDueSlotsAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Ticks_WithinOneSlot_StartItsSingletonOrchestrationOnce()
    {
        var service = Service();
        var schedule = await service.CreateAsync("user-1", ScheduleServiceTests.Request("0 6 * * *", "GOOG", "MSFT"));
        var timer = Timer(service);

        var first = await TickAsync(timer, 6, 0);
        var second = await TickAsync(timer, 6, 5);   // the slot has not been recorded yet (its workflow is still running)
        var third = await TickAsync(Timer(service), 6, 10);   // a timer on another instance

        string expected = ScheduleSlot.InstanceIdFor(schedule.ScheduleId, new DateTime(2024, 1, 1, 6, 0, 0, DateTimeKind.Utc));
        Assert.Equal([expected], first);
        Assert.Equal([expected], second);
        Assert.Equal([expected], third);
        var scheduled = Assert.Single(_scheduled);
        Assert.Equal((nameof(RunScheduledOptimizationOrchestrator), expected), scheduled);
    }

    [Fact]
    public async Task NextSlot_GetsItsOwnInstanceId()
    {
        var service = Service();
        await service.CreateAsync("user-1", ScheduleServiceTests.Request("0 */30 * * * *"));
        var timer = Timer(service);

        await TickAsync(timer, 1, 0);
        await TickAsync(timer, 1, 30);

        Assert.Equal(2, _scheduled.Select(s => s.InstanceId).Distinct().Count());
        Assert.All(_scheduled, s => Assert.Contains("-slot-20240101T01", s.InstanceId));
    }

    [Fact]
    public async Task DisabledSchedule_IsNotStarted()
    {
        var service = Service();
        await service.CreateAsync("user-1", ScheduleServiceTests.Request("0 6 * * *") with { Enabled = false });

        Assert.Empty(await TickAsync(Timer(service), 6, 0));
        Assert.Empty(_scheduled);
    }
}
