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
/// <see cref="ActivityFailedException"/> exactly as with the in-process runner, and fan-outs larger
/// than the configured batch go through sub-orchestrations.
/// </summary>
public sealed class DurableWorkflowContext : IWorkflowContext
{
    private readonly TaskOrchestrationContext _context;
    private readonly string _inputJson;
    private readonly DurableOptions _options;
    private readonly TaskOptions _activityOptions;
    private readonly ILogger _logger;
    private int _fanOuts;

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
                nameof(RunChildWorkflowOrchestrator), new ChildWorkflowInput(name, json), new SubOrchestrationOptions(new TaskOptions(), instanceId));
        }
        catch (TaskFailedException ex)
        {
            throw Failed(name, ex);
        }
        return WorkflowJson.Deserialize<TResult>(output);
    }

    /// <summary>
    /// Runs one activity per input and returns the outputs in input order. Up to
    /// <see cref="DurableOptions.FanOutBatchSize"/> inputs run as activities of this orchestration;
    /// more are split into batches, each a sub-orchestration with a deterministic instance id, so the
    /// history of no single orchestration grows with the size of the fan-out. Results never depend on
    /// the batch size.
    /// </summary>
    public async Task<TResult[]> FanOutAsync<TResult>(string name, IReadOnlyList<object?> inputs)
    {
        int fanOut = ++_fanOuts;
        var payloads = inputs.Select(i => DurablePayloads.Serialize(i, name, "input", _options.MaxInlinePayloadBytes)).ToArray();
        int batch = Math.Max(1, _options.FanOutBatchSize);
        string[] outputs;
        try
        {
            if (payloads.Length <= batch)
            {
                outputs = await Task.WhenAll(payloads.Select(p => _context.CallActivityAsync<string>(name, p, _activityOptions)));
            }
            else
            {
                var batches = payloads.Chunk(batch).Select((chunk, k) => _context.CallSubOrchestratorAsync<string[]>(
                    nameof(RunActivityBatchOrchestrator),
                    new ActivityBatchInput(name, chunk),
                    new SubOrchestrationOptions(new TaskOptions(), FanOutInstanceId(InstanceId, fanOut, k))));
                outputs = (await Task.WhenAll(batches)).SelectMany(o => o).ToArray();
            }
        }
        catch (TaskFailedException ex)
        {
            throw Failed(name, ex);
        }
        if (!_context.IsReplaying && payloads.Length > batch)
            _logger.LogInformation("Fan-out of {Count} {Activity} calls ran in {Batches} sub-orchestrations", payloads.Length, name, (payloads.Length + batch - 1) / batch);
        return outputs.Select(WorkflowJson.Deserialize<TResult>).ToArray();
    }

    public void SetCustomStatus(object? status) => _context.SetCustomStatus(DurablePayloads.CustomStatus(status, _options.MaxCustomStatusBytes));

    /// <summary>The instance id of batch <paramref name="batch"/> of the n-th fan-out: the same on every replay.</summary>
    public static string FanOutInstanceId(string parentInstanceId, int fanOut, int batch) => $"{parentInstanceId}:fan{fanOut}:{batch}";

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
