using Backtesting.Application.Json;
using Backtesting.Application.Workflows;
using Backtesting.Functions.Durable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Backtesting.Functions.Activities;

/// <summary>Runs an Application activity by name from an activity function: WorkflowJson in, WorkflowJson out (size-checked).</summary>
public sealed class ActivityDispatcher(WorkflowCatalog catalog, IOptions<DurableOptions> options, ILogger<ActivityDispatcher> logger)
{
    public async Task<string> RunAsync(string activityName, string? inputJson, CancellationToken ct)
    {
        var activity = catalog.GetActivity(activityName);
        object? input = string.IsNullOrEmpty(inputJson) ? null : WorkflowJson.Deserialize(inputJson, activity.InputType);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Activity"] = activityName });
        var output = await activity.RunAsync(input, ct).ConfigureAwait(false);
        return DurablePayloads.Serialize(output, activityName, "output", options.Value.MaxInlinePayloadBytes);
    }
}
