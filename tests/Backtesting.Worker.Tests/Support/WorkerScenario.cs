using System.Text.Json.Nodes;
using Backtesting.Functions.Tests.Support;

namespace Backtesting.Worker.Tests.Support;

/// <summary>
/// One test's world: a fresh task hub on Azurite and a folder with the database and blobs that the local host
/// (Workflows:Engine=DurableTask) and its worker processes share; beside it, a local host with the default
/// in-process runner in a folder of its own, which runs the same jobs for the expected results.
/// </summary>
public sealed class WorkerScenario : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bt-worker-" + Guid.NewGuid().ToString("N"));
    private readonly List<WorkerProcess> _workers = [];
    private readonly Dictionary<string, string> _hub;

    public WorkerScenario(TimeSpan? messageVisibilityTimeout = null)
    {
        Directory.CreateDirectory(Path.Combine(_folder, "durable"));
        Directory.CreateDirectory(Path.Combine(_folder, "inprocess"));
        _hub = new Dictionary<string, string>
        {
            ["Workflows:DurableTask:StorageConnectionString"] = AzuriteStorage.ConnectionString(),
            ["Workflows:DurableTask:TaskHub"] = AzuriteStorage.NewTaskHub(),
            ["Workflows:DurableTask:MessageVisibilityTimeout"] = (messageVisibilityTimeout ?? TimeSpan.FromMinutes(5)).ToString("c"),
        };
        Durable = new LocalHost(Path.Combine(_folder, "durable"), new Dictionary<string, string>(_hub) { ["Workflows:Engine"] = "DurableTask" });
        InProcess = new LocalHost(Path.Combine(_folder, "inprocess"), new Dictionary<string, string>());
    }

    /// <summary>Submits to the task hub; the worker processes run its jobs.</summary>
    public LocalHost Durable { get; }

    public LocalHost InProcess { get; }

    /// <summary>Starts the local host first (it migrates and seeds GOOG into the shared database), then a worker process.</summary>
    public async Task<WorkerProcess> StartWorkerAsync(string workerId)
    {
        await Durable.ApiAsync();
        var settings = new Dictionary<string, string>(_hub);
        foreach (var (key, value) in LocalHost.Storage(Path.Combine(_folder, "durable"))) settings[key] = value;
        var worker = await WorkerProcess.StartAsync(workerId, settings);
        _workers.Add(worker);
        return worker;
    }

    /// <summary>Runs <paramref name="body"/> on both hosts and asserts the results (GET <paramref name="resultPath"/>) are equal but for ids and wall-clock times.</summary>
    public async Task<(string RunId, JsonNode Result)> RunOnBothAsync(string submitPath, object body, Func<string, string> resultPath, Func<string, Task>? whileRunning = null)
    {
        string runId = await Durable.SubmitAsync(submitPath, body);
        try
        {
            if (whileRunning is not null) await whileRunning(runId);
            await Durable.FinishedOnTaskHubAsync(runId);
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"{runId} did not complete on the task hub ({ex.Message}); the workers' logs end:\n" +
                string.Join("\n", _workers.Select(w => $"--- {w.WorkerId}:\n{string.Join('\n', w.Log.Split('\n').TakeLast(80))}")), ex);
        }
        var result = await Durable.GetAsync(resultPath(runId));

        string localId = await InProcess.SubmitAsync(submitPath, body);
        await InProcess.FinishedInProcessAsync(localId);
        var expected = await InProcess.GetAsync(resultPath(localId));
        Assert.Equal(ComparableJson.Of(expected, localId), ComparableJson.Of(result, runId));
        return (runId, result);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers) await worker.DisposeAsync();
        await Durable.DisposeAsync();
        await InProcess.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a file still held by a process that is exiting: the temp folder is cleaned by the system
        }
    }
}
