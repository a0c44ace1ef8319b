using Backtesting.Application.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Local.Tests.Support;

/// <summary>
/// Wraps the registered <see cref="IWorkflowStarter"/> and tells the test when a workflow of a given name is
/// started, with its instance (run) id, instead of the test polling for the run to appear.
/// </summary>
public sealed class StartedWorkflows(IWorkflowStarter inner, string workflowName) : IWorkflowStarter
{
    private readonly TaskCompletionSource<string> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The instance id of the first start of the workflow.</summary>
    public Task<string> First => _first.Task;

    public async Task StartAsync(string workflow, string instanceId, object input, CancellationToken ct = default)
    {
        await inner.StartAsync(workflow, instanceId, input, ct);
        if (workflow == workflowName) _first.TrySetResult(instanceId);
    }

    public Task CancelAsync(string instanceId, CancellationToken ct = default) => inner.CancelAsync(instanceId, ct);

    /// <summary>Replaces the IWorkflowStarter registration with a watching one around it.</summary>
    public static Action<IServiceCollection> Install(string workflowName, Action<StartedWorkflows> created) => services =>
    {
        var original = services.Last(d => d.ServiceType == typeof(IWorkflowStarter));
        services.Remove(original);
        services.AddSingleton<IWorkflowStarter>(sp =>
        {
            var watching = new StartedWorkflows(
                (IWorkflowStarter)(original.ImplementationFactory?.Invoke(sp) ?? original.ImplementationInstance ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!)),
                workflowName);
            created(watching);
            return watching;
        });
    };
}
