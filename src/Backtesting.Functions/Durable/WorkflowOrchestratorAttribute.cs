namespace Backtesting.Functions.Durable;

/// <summary>Marks an orchestrator class as the one that runs <see cref="Workflow"/> (a top-level job kind).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class WorkflowOrchestratorAttribute(string workflow) : Attribute
{
    public string Workflow { get; } = workflow;
}
