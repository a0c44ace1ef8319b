using Backtesting.Functions.Durable;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Backtesting.Functions.Tests.Support;

/// <summary>
/// A Moq-mocked <see cref="TaskOrchestrationContext"/> whose activity and sub-orchestration calls are
/// answered by handlers (WorkflowJson text in, WorkflowJson text out) and recorded in call order.
/// </summary>
internal sealed class FakeOrchestration
{
    public Mock<TaskOrchestrationContext> Context { get; } = new(MockBehavior.Strict);
    public List<(string Name, string Input, TaskOptions? Options)> ActivityCalls { get; } = [];
    public List<(string Name, object? Input, TaskOptions? Options)> SubOrchestratorCalls { get; } = [];
    public List<object?> CustomStatuses { get; } = [];

    public FakeOrchestration(string instanceId, string? inputJson, Func<string, string, Task<string>> activities, bool replaying = false)
    {
        Context.SetupGet(c => c.InstanceId).Returns(instanceId);
        Context.SetupGet(c => c.IsReplaying).Returns(replaying);
        Context.SetupGet(c => c.CurrentUtcDateTime).Returns(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        Context.Setup(c => c.GetInput<string>()).Returns(inputJson!);
        Context.Setup(c => c.CreateReplaySafeLogger(It.IsAny<string>())).Returns(NullLogger.Instance);
        Context.Setup(c => c.SetCustomStatus(It.IsAny<object?>())).Callback<object?>(CustomStatuses.Add);
        Context.Setup(c => c.CallActivityAsync<string>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName name, object? input, TaskOptions? options) =>
            {
                ActivityCalls.Add((name.Name, (string)input!, options));
                return activities(name.Name, (string)input!);
            });
    }

    /// <summary>Answers sub-orchestration calls returning <typeparamref name="T"/>.</summary>
    public void OnSubOrchestrator<T>(Func<string, object?, string, Task<T>> handler) =>
        Context.Setup(c => c.CallSubOrchestratorAsync<T>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName name, object? input, TaskOptions? options) =>
            {
                SubOrchestratorCalls.Add((name.Name, input, options));
                return handler(name.Name, input, ((SubOrchestrationOptions)options!).InstanceId!);
            });

    public IEnumerable<string> ActivityNames => ActivityCalls.Select(c => c.Name);

    public DurableWorkflowContext Workflow(DurableOptions? options = null, ILogger? logger = null) =>
        new(Context.Object, Context.Object.GetInput<string>(), options ?? new DurableOptions(), logger ?? NullLogger.Instance);

    /// <summary>A failed activity as Durable reports it to the orchestrator.</summary>
    public static TaskFailedException Failure(string activity, string message, Exception? cause = null) =>
        new(activity, 1, TaskFailureDetails.FromException(cause ?? new InvalidOperationException(message)));
}
