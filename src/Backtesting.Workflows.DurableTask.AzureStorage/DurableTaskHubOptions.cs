namespace Backtesting.Workflows.DurableTask.AzureStorage;

/// <summary>
/// The Azure Storage task hub the worker and its clients share (<c>Workflows:DurableTask</c>): every process with the
/// same connection and hub name works on the same orchestrations, so adding a worker process adds capacity.
/// </summary>
public sealed class DurableTaskHubOptions
{
    public const string SectionName = "Workflows:DurableTask";

    /// <summary>Storage account with blob, queue and table endpoints (Azurite locally); required.</summary>
    public string? StorageConnectionString { get; set; }

    /// <summary>Task hub name: 3 to 45 letters and digits, starting with a letter (it prefixes queues and tables).</summary>
    public string TaskHub { get; set; } = "backtesting";

    /// <summary>Control-queue partitions: the most workers that can run orchestrations at once (activities have no such limit).</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>Activities one worker runs at a time (0: one per processor).</summary>
    public int MaxConcurrentActivities { get; set; }

    /// <summary>
    /// Longest wait between two polls of an empty queue. The backend backs off up to this; Azure Functions uses 30 s
    /// (cheap idle); a local worker keeps it short so a job starts promptly.
    /// </summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a queue message a worker took stays hidden from the others (DurableTask's default: 5 minutes): the
    /// work of a worker that died reappears after this, so it bounds recovery; keep it above the longest activity.
    /// </summary>
    public TimeSpan MessageVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Names this worker in logs, metrics and partition leases (default: machine name and process id).</summary>
    public string? WorkerId { get; set; }

    public string EffectiveWorkerId => string.IsNullOrWhiteSpace(WorkerId) ? $"{Environment.MachineName}-{Environment.ProcessId}" : WorkerId;

    /// <summary>Every problem at once, each naming its setting and what is allowed.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(StorageConnectionString))
            problems.Add($"{SectionName}:StorageConnectionString is required: an Azure Storage connection string with blob, queue and table endpoints (e.g. Azurite's)");
        if (TaskHub is null || TaskHub.Length is < 3 or > 45 || !char.IsAsciiLetter(TaskHub[0]) || !TaskHub.All(char.IsAsciiLetterOrDigit))
            problems.Add($"{SectionName}:TaskHub '{TaskHub}' is invalid: 3 to 45 ASCII letters and digits, starting with a letter");
        if (PartitionCount is < 1 or > 16)
            problems.Add($"{SectionName}:PartitionCount {PartitionCount} is invalid: 1 to 16");
        if (MaxConcurrentActivities < 0)
            problems.Add($"{SectionName}:MaxConcurrentActivities {MaxConcurrentActivities} is invalid: 0 (one per processor) or more");
        if (MaxQueuePollingInterval <= TimeSpan.Zero)
            problems.Add($"{SectionName}:MaxQueuePollingInterval {MaxQueuePollingInterval} is invalid: a positive duration");
        if (MessageVisibilityTimeout < TimeSpan.FromSeconds(1))
            problems.Add($"{SectionName}:MessageVisibilityTimeout {MessageVisibilityTimeout} is invalid: at least 00:00:01");
        return problems;
    }
}
