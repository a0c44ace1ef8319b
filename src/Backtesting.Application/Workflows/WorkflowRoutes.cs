using System.Diagnostics.CodeAnalysis;
using Backtesting.Application.Json;
using Backtesting.Application.Runs;

namespace Backtesting.Application.Workflows;

/// <summary>Which workflow runs each job kind, and its input rebuilt from the run's stored request.</summary>
public sealed class WorkflowRoutes
{
    private readonly Dictionary<string, (string Workflow, Type InputType)> _routes = new();

    public WorkflowRoutes Map<TInput>(string kind, string workflowName)
    {
        _routes[kind] = (workflowName, typeof(TInput));
        return this;
    }

    public bool TryGetStart(BacktestRun run, [NotNullWhen(true)] out string? workflow, [NotNullWhen(true)] out object? input)
    {
        workflow = null;
        input = null;
        if (run.Request is null || !_routes.TryGetValue(run.Kind, out var route)) return false;
        workflow = route.Workflow;
        input = WorkflowJson.Deserialize(run.Request, route.InputType)!;
        return true;
    }

    /// <summary>True when <paramref name="workflowName"/> runs a job kind: its instances are stored runs (instance id = run id).</summary>
    public bool RunsJobs(string workflowName) => _routes.Values.Any(route => route.Workflow == workflowName);

    public string WorkflowFor(string kind) =>
        _routes.TryGetValue(kind, out var route) ? route.Workflow : throw new InvalidOperationException($"no workflow for kind '{kind}'");
}
