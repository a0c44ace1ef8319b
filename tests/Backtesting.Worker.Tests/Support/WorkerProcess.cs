using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Backtesting.Tests.Shared;

namespace Backtesting.Worker.Tests.Support;

/// <summary>
/// A src/Backtesting.Worker process (its own build output, same configuration as these tests) on a task hub,
/// with its console log parsed for the activities it executed.
/// </summary>
public sealed partial class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _log = [];
    private readonly List<string> _executed = [];
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(string Activity, TaskCompletionSource Seen)> _awaited = [];

    private WorkerProcess(string workerId, Process process)
    {
        WorkerId = workerId;
        _process = process;
    }

    public string WorkerId { get; }

    public static async Task<WorkerProcess> StartAsync(string workerId, IReadOnlyDictionary<string, string> settings)
    {
        string dll = WorkerDll();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        start.Environment["Workflows__DurableTask__WorkerId"] = workerId;
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        var worker = new WorkerProcess(workerId, new Process { StartInfo = start, EnableRaisingEvents = true });
        worker._process.OutputDataReceived += (_, e) => worker.OnLine(e.Data);
        worker._process.ErrorDataReceived += (_, e) => worker.OnLine(e.Data);
        worker._process.Exited += (_, _) => worker._ready.TrySetException(new InvalidOperationException($"worker {workerId} exited ({worker._process.ExitCode}) before serving the task hub:\n{worker.Log}"));
        worker._process.Start();
        worker._process.BeginOutputReadLine();
        worker._process.BeginErrorReadLine();
        try
        {
            await worker._ready.Task.WaitAsync(TimeSpan.FromMinutes(2));
        }
        catch (TimeoutException)
        {
            await worker.DisposeAsync();
            throw new TimeoutException($"worker {workerId} did not serve the task hub within 2 minutes:\n{worker.Log}");
        }
        return worker;
    }

    public string Log { get { lock (_log) return string.Join('\n', _log); } }

    /// <summary>Names of the activities this worker executed, in order.</summary>
    public IReadOnlyList<string> Executed { get { lock (_log) return _executed.ToArray(); } }

    public int ExecutedCount(string activity) => Executed.Count(a => a == activity);

    /// <summary>Completes when this worker has executed <paramref name="activity"/> (already or later).</summary>
    public Task ExecutedAsync(string activity)
    {
        lock (_log)
        {
            if (_executed.Contains(activity)) return Task.CompletedTask;
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _awaited.Add((activity, seen));
            return seen.Task;
        }
    }

    /// <summary>SIGKILL: no shutdown, no lease released, its work items in flight abandoned.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: the host stops gracefully (its log flushed), as a scale-in would.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited && SendSignal(_process.Id, 15) != 0) _process.Kill(entireProcessTree: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.WaitForExit(); // drains the redirected output
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            _log.Add(line);
            if (line.Contains(" serves task hub ", StringComparison.Ordinal)) _ready.TrySetResult();
            var match = ExecutedLine().Match(line);
            if (!match.Success || match.Groups[1].Value != WorkerId) return;
            string activity = match.Groups[2].Value;
            _executed.Add(activity);
            foreach (var waiter in _awaited.Where(w => w.Activity == activity).ToArray())
            {
                waiter.Seen.TrySetResult();
                _awaited.Remove(waiter);
            }
        }
    }

    private static string WorkerDll()
    {
        string configuration = typeof(WorkerProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        string dll = Path.Combine(RepositoryPaths.Root, "src", "Backtesting.Worker", "bin", configuration, "net10.0", "Backtesting.Worker.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build src/Backtesting.Worker ({configuration}) first (these tests' build does)");
    }

    [GeneratedRegex(@"Worker (\S+) executed (\S+) in ")]
    private static partial Regex ExecutedLine();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
