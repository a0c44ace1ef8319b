namespace Backtesting.Application.Workflows;

/// <summary>Workflows and activities by name, as registered in DI: the one registry both engines' starters and runners read.</summary>
public sealed class WorkflowCatalog(IEnumerable<IWorkflow> workflows, IEnumerable<IActivity> activities)
{
    private readonly Dictionary<string, IWorkflow> _workflows = workflows.ToDictionary(w => w.Name);
    private readonly Dictionary<string, IActivity> _activities = activities.ToDictionary(a => a.Name);

    /// <summary>The workflow registered under <paramref name="workflowName"/>; an unknown name is refused naming the registered ones.</summary>
    public IWorkflow GetWorkflow(string workflowName) =>
        _workflows.TryGetValue(workflowName, out var w) ? w
            : throw new ArgumentException(
                $"no workflow is registered under the name '{workflowName}'; the registered workflows are {string.Join(", ", WorkflowNames.Order(StringComparer.Ordinal))}",
                nameof(workflowName));

    /// <summary>
    /// Refuses a workflow name nobody registered (see <see cref="GetWorkflow"/>). Every starter calls it before it queues or
    /// schedules anything, so a wrong name fails the submission instead of the worker that would run it.
    /// </summary>
    public void EnsureRegistered(string workflowName) => GetWorkflow(workflowName);

    public IActivity GetActivity(string name) =>
        _activities.TryGetValue(name, out var a) ? a : throw new InvalidOperationException($"no activity named '{name}'");

    public IReadOnlyCollection<string> WorkflowNames => _workflows.Keys;
    public IReadOnlyCollection<string> ActivityNames => _activities.Keys;
}
