using Backtesting.Application.Backtests;
using Backtesting.Application.Json;
using Backtesting.Functions.Durable;
using Backtesting.Application.Research;
using Backtesting.Application.Workflows;
using Backtesting.Functions.Orchestrators;
using Backtesting.Functions.Tests.Support;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Backtesting.Functions.Tests.Durable;

public sealed class DurableWorkflowStarterTests
{
    private static readonly WorkflowCatalog Catalog = TestCatalog.Catalog();
    private readonly Mock<DurableTaskClient> _client = new("test-hub");
    private readonly DurableClientScope _scope = new();

    private DurableWorkflowStarter Starter() =>
        new(Catalog, _scope, NullLogger<DurableWorkflowStarter>.Instance);

    private void Existing(string instanceId, OrchestrationRuntimeStatus? status) =>
        _client.Setup(c => c.GetInstanceAsync(instanceId, false, It.IsAny<CancellationToken>()))
            .ReturnsAsync(status is { } s ? new OrchestrationMetadata(nameof(RunBacktestOrchestrator), instanceId) { RuntimeStatus = s } : null);

    [Fact]
    public async Task StartAsync_NewRun_SchedulesTheOrchestratorWithTheRunIdAsInstanceId()
    {
        Existing("bt-42", null);
        _client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync("bt-42");
        var input = new FailRunInput("bt-42", "user-1", "x");

        using (_scope.Use(_client.Object))
            await Starter().StartAsync(nameof(BacktestWorkflow), "bt-42", input);

        _client.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(
            It.Is<TaskName>(n => n.Name == nameof(RunBacktestOrchestrator)),
            WorkflowJson.Serialize(input),
            It.Is<StartOrchestrationOptions?>(o => o!.InstanceId == "bt-42"),
            It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    public async Task StartAsync_InstanceExists_IsIdempotent(OrchestrationRuntimeStatus status)
    {
        Existing("bt-42", status);

        using (_scope.Use(_client.Object))
            await Starter().StartAsync(nameof(BacktestWorkflow), "bt-42", new { });

        _client.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task StartAsync_RacingStart_IsSwallowedWhenTheInstanceNowExists()
    {
        _client.SetupSequence(c => c.GetInstanceAsync("bt-42", false, It.IsAny<CancellationToken>()))
            .ReturnsAsync((OrchestrationMetadata?)null)
            .ReturnsAsync(new OrchestrationMetadata(nameof(RunBacktestOrchestrator), "bt-42") { RuntimeStatus = OrchestrationRuntimeStatus.Running });
        _client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("an instance with ID 'bt-42' already exists"));

        using (_scope.Use(_client.Object))
            await Starter().StartAsync(nameof(BacktestWorkflow), "bt-42", new { }); // completes: the failure is swallowed

        // it did try to start, and it looked again (finding the other caller's instance) before swallowing the failure
        _client.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(
            It.Is<TaskName>(n => n.Name == nameof(RunBacktestOrchestrator)), It.IsAny<object?>(),
            It.Is<StartOrchestrationOptions?>(o => o!.InstanceId == "bt-42"), It.IsAny<CancellationToken>()), Times.Once);
        _client.Verify(c => c.GetInstanceAsync("bt-42", false, It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task StartAsync_ScheduleFailsAndNoInstanceExists_Rethrows()
    {
        Existing("bt-42", null);
        var failure = new InvalidOperationException("the task hub is unreachable");
        _client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(failure);

        using (_scope.Use(_client.Object))
        {
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => Starter().StartAsync(nameof(BacktestWorkflow), "bt-42", new { }));
            Assert.Same(failure, ex);
        }
    }

    [Fact]
    public async Task StartAsync_NameThatIsNoWorkflow_IsRejectedBeforeAnythingIsScheduled()
    {
        using (_scope.Use(_client.Object))
        {
            var ex = await Assert.ThrowsAsync<ArgumentException>(() => Starter().StartAsync("Backtest", "bt-1", new { }));
            Assert.Contains("'Backtest'", ex.Message);
        }
        _client.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Start_WorkflowNobodyRegistered_IsRefusedNamingItAndTheRegisteredOnes_BeforeTheTaskHubIsAsked(bool isNew)
    {
        // a well-formed name (it ends in Workflow, so it maps to an orchestrator name) that no workflow is registered under
        IWorkflowStarter starter = Starter();
        using (_scope.Use(_client.Object))
        {
            var ex = await Assert.ThrowsAsync<ArgumentException>(() => isNew
                ? starter.StartNewAsync("BacktestsWorkflow", "bt-1", new { })
                : starter.StartAsync("BacktestsWorkflow", "bt-1", new { }));
            Assert.Contains("'BacktestsWorkflow'", ex.Message);
            Assert.Contains(nameof(BacktestWorkflow), ex.Message);
            Assert.Contains(nameof(OptimizationWorkflow), ex.Message);
            Assert.Equal("workflowName", ex.ParamName);
        }
        // neither looked up nor scheduled: the task hub holds nothing for a refused start
        _client.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task StartAsync_WithoutABoundClient_ExplainsTheBinding()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => Starter().StartAsync(nameof(BacktestWorkflow), "bt-1", new { }));
        Assert.Contains("[DurableClient]", ex.Message);
    }

    [Fact]
    public async Task CancelAsync_RunningInstance_TerminatesItAndItsChildren()
    {
        Existing("bt-42", OrchestrationRuntimeStatus.Running);

        using (_scope.Use(_client.Object))
            await Starter().CancelAsync("bt-42");

        _client.Verify(c => c.TerminateInstanceAsync("bt-42", It.Is<TerminateInstanceOptions?>(o => o!.Recursive), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    [InlineData(null)]
    public async Task CancelAsync_FinishedOrMissingInstance_DoesNothing(OrchestrationRuntimeStatus? status)
    {
        Existing("bt-42", status);

        using (_scope.Use(_client.Object))
            await Starter().CancelAsync("bt-42");

        _client.Verify(c => c.TerminateInstanceAsync(It.IsAny<string>(), It.IsAny<TerminateInstanceOptions?>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
