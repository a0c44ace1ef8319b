using Backtesting.Application.Json;
using Backtesting.Application.Workflows;
using Backtesting.Functions.Orchestrators;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Backtesting.Functions.Durable;

/// <summary>
/// <see cref="IWorkflowContext"/> over Durable Functions' <see cref="TaskOrchestrationContext"/>: the
/// Application workflows run unchanged inside orchestrator functions. Payloads travel as WorkflowJson
/// strings (size-checked), activities retry per <see cref="DurableRetryPolicies"/>, failures surface as
/// <see cref="ActivityFailedException"/> exactly as with the in-process runner, and child workflows run as
/// sub-orchestrations with the instance ids the workflow gives.
/// </summary>
public sealed class DurableWorkflowContext : IWorkflowContext
{
    private readonly TaskOrchestrationContext _context;
    private readonly string _inputJson;
    private readonly DurableOptions _options;
    private readonly TaskOptions _activityOptions;
    private readonly ILogger _logger;

    public DurableWorkflowContext(TaskOrchestrationContext context, string? inputJson, DurableOptions options, ILogger logger)
    {
        _context = context;
        _inputJson = inputJson ?? "null";
        _options = options;
        _activityOptions = DurableRetryPolicies.ForActivities(options);
        _logger = logger;
    }

    public string InstanceId => _context.InstanceId;

    public DateTime CurrentUtcDateTime => _context.CurrentUtcDateTime;

    public bool IsReplaying => _context.IsReplaying;

    public T GetInput<T>() => WorkflowJson.Deserialize<T>(_inputJson);

    public async Task<TResult> CallActivityAsync<TResult>(string name, object? input)
    {
        string json = DurablePayloads.Serialize(input, name, "input", _options.MaxInlinePayloadBytes);
        string output;
        try
        {
            output = await _context.CallActivityAsync<string>(name, json, _activityOptions);
        }
        catch (TaskFailedException ex)
        {
            throw Failed(name, ex);
        }
        return WorkflowJson.Deserialize<TResult>(output);
    }

    public async Task<TResult> CallSubWorkflowAsync<TResult>(string name, object? input, string instanceId)
    {
        string json = DurablePayloads.Serialize(input, name, "input", _options.MaxInlinePayloadBytes);
        string output;
        try
        {
            output = await _context.CallSubOrchestratorAsync<string>(
                nameof(RunChildWorkflowOrchestrator), WorkflowJson.Serialize(new ChildWorkflowInput(name, json)), new SubOrchestrationOptions(new TaskOptions(), instanceId));
        }
        catch (TaskFailedException ex)
        {
            throw Failed(name, ex);
        }
        return WorkflowJson.Deserialize<TResult>(output);
    }

    public void SetCustomStatus(object? status) => _context.SetCustomStatus(DurablePayloads.CustomStatus(status, _options.MaxCustomStatusBytes));

    private ActivityFailedException Failed(string name, TaskFailedException ex)
    {
        // a failure inside a sub-orchestration nests the activity's failure: report the innermost message
        var failure = ex.FailureDetails;
        while (failure.InnerFailure is not null) failure = failure.InnerFailure;
        if (!_context.IsReplaying)
            _logger.LogWarning("{Activity} failed in {InstanceId}: {Error}", name, InstanceId, failure.ErrorMessage);
        return new ActivityFailedException(name, failure.ErrorMessage, ex);
    }
}
