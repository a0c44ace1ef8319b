namespace Backtesting.Workflows.DurableTask;

/// <summary>
/// The name of the orchestrator that runs a top-level workflow: <c>XWorkflow</c> runs as <c>RunXOrchestrator</c>. A rule
/// rather than a table, so a host that only submits (and cannot see the Functions app's classes) starts the same
/// orchestrations the Functions app and the worker host register; the Functions conventions tests check that every
/// routed workflow has an orchestrator function of this name.
/// </summary>
public static class DurableOrchestratorNames
{
    private const string WorkflowSuffix = "Workflow";

    public static string For(string workflowName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workflowName);
        if (!workflowName.EndsWith(WorkflowSuffix, StringComparison.Ordinal) || workflowName.Length == WorkflowSuffix.Length)
            throw new ArgumentException($"workflow name '{workflowName}' is invalid: a top-level workflow is named <Kind>{WorkflowSuffix} (e.g. BacktestWorkflow)", nameof(workflowName));
        return $"Run{workflowName[..^WorkflowSuffix.Length]}Orchestrator";
    }
}
