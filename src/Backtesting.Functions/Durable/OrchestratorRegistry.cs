using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Backtesting.Functions.Durable;

/// <summary>Which orchestrator function runs each top-level workflow, read from <see cref="WorkflowOrchestratorAttribute"/>s.</summary>
public sealed class OrchestratorRegistry
{
    private readonly Dictionary<string, string> _orchestrators;

    public OrchestratorRegistry(IReadOnlyDictionary<string, string> orchestratorsByWorkflow) =>
        _orchestrators = new Dictionary<string, string>(orchestratorsByWorkflow, StringComparer.Ordinal);

    /// <summary>Every marked class of <paramref name="assembly"/>: workflow name to its [Function] name.</summary>
    public static OrchestratorRegistry FromAssembly(Assembly assembly)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            if (type.GetCustomAttribute<WorkflowOrchestratorAttribute>() is not { } marker) continue;
            var function = type.GetMethods().Select(m => m.GetCustomAttribute<FunctionAttribute>()).SingleOrDefault(f => f is not null)
                ?? throw new InvalidOperationException($"{type.Name} is marked as an orchestrator but has no [Function] method");
            if (!map.TryAdd(marker.Workflow, function.Name))
                throw new InvalidOperationException($"two orchestrators run workflow '{marker.Workflow}'");
        }
        return new OrchestratorRegistry(map);
    }

    public IReadOnlyDictionary<string, string> OrchestratorsByWorkflow => _orchestrators;

    public string OrchestratorFor(string workflowName) =>
        _orchestrators.TryGetValue(workflowName, out var name)
            ? name
            : throw new InvalidOperationException($"no orchestrator function runs workflow '{workflowName}': add a class marked [WorkflowOrchestrator(\"{workflowName}\")]");
}
