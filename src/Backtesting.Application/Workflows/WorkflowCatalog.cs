namespace Backtesting.Application.Workflows;

/// <summary>Workflows and activities by name, as registered in DI.</summary>
public sealed class WorkflowCatalog(IEnumerable<IWorkflow> workflows, IEnumerable<IActivity> activities)
{
    private readonly Dictionary<string, IWorkflow> _workflows = workflows.ToDictionary(w => w.Name);
    private readonly Dictionary<string, IActivity> _activities = activities.ToDictionary(a => a.Name);

    public IWorkflow GetWorkflow(string name) =>
        _workflows.TryGetValue(name, out var w) ? w : throw new InvalidOperationException($"no workflow named '{name}'");

    public IActivity GetActivity(string name) =>
        _activities.TryGetValue(name, out var a) ? a : throw new InvalidOperationException($"no activity named '{name}'");

    public IReadOnlyCollection<string> WorkflowNames => _workflows.Keys;
    public IReadOnlyCollection<string> ActivityNames => _activities.Keys;
}
