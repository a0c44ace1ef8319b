namespace Backtesting.Functions.Durable;

/// <summary>One batch of a fan-out: the activity and its inputs as WorkflowJson, run by a sub-orchestration.</summary>
public sealed record ActivityBatchInput(string Activity, string[] Inputs);
