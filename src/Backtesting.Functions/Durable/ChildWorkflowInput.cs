namespace Backtesting.Functions.Durable;

/// <summary>Input of a child workflow's sub-orchestration (itself sent as WorkflowJson text): which workflow, and its input as WorkflowJson.</summary>
public sealed record ChildWorkflowInput(string Workflow, string InputJson);
