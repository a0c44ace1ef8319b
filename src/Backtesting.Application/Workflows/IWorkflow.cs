namespace Backtesting.Application.Workflows;

/// <summary>A long job written once against <see cref="IWorkflowContext"/> and run by any runner.</summary>
public interface IWorkflow
{
    /// <summary>The registered name (the orchestrator's name on Azure).</summary>
    string Name { get; }

    Task<object?> RunAsync(IWorkflowContext context);
}
