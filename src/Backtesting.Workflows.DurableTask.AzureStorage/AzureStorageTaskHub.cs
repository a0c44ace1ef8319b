using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;

namespace Backtesting.Workflows.DurableTask.AzureStorage;

/// <summary>DurableTask.Core's Azure Storage backend for the configured task hub (queues, tables and blobs of one account).</summary>
public static class AzureStorageTaskHub
{
    /// <summary>The backend with its queues, tables and containers created when missing; an unreachable account fails here, naming the setting.</summary>
    public static async Task<AzureStorageOrchestrationService> OpenAsync(DurableTaskHubOptions options, ILoggerFactory loggerFactory, CancellationToken ct)
    {
        var service = Create(options, loggerFactory);
        try
        {
            await service.CreateIfNotExistsAsync().WaitAsync(TimeSpan.FromSeconds(60), ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            throw new InvalidOperationException($"task hub '{options.TaskHub}' could not be created on the storage account of {DurableTaskHubOptions.SectionName}:StorageConnectionString (is it reachable?): {ex.Message}", ex);
        }
        return service;
    }

    public static AzureStorageOrchestrationService Create(DurableTaskHubOptions options, ILoggerFactory loggerFactory)
    {
        var problems = options.Validate();
        if (problems.Count > 0) throw new InvalidOperationException(string.Join("; ", problems));
        return new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(options.StorageConnectionString!),
            TaskHubName = options.TaskHub,
            PartitionCount = options.PartitionCount,
            WorkerId = options.EffectiveWorkerId,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities > 0 ? options.MaxConcurrentActivities : Environment.ProcessorCount,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            WorkItemQueueVisibilityTimeout = options.MessageVisibilityTimeout,
            ControlQueueVisibilityTimeout = options.MessageVisibilityTimeout,
            LoggerFactory = loggerFactory,
        });
    }
}
