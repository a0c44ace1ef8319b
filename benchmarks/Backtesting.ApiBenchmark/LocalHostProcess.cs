using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Backtesting.ApiBenchmark;

/// <summary>
/// The local host (its Release build) started as a child process on a free port with a fresh SQLite database and
/// generous limits, reached over a real socket; disposing kills it and deletes the data.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _data;

    private LocalHostProcess(Process process, string data, HttpClient http) => (_process, _data, Http) = (process, data, http);

    public HttpClient Http { get; }

    /// <summary>CPU time (user + system) the host process has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>
    /// CPU time of the host's threads whose name starts with <paramref name="threadName"/> (Linux /proc, 10 ms ticks;
    /// zero elsewhere), e.g. ".NET Tiered" for the runtime's background tier-up compiler. Such a thread exits when idle
    /// and a new one starts later, so from the first call on the threads are sampled every 50 ms and the last figure of
    /// each is kept (a thread that ended before the first call is missed).
    /// </summary>
    public TimeSpan ThreadProcessorTime(string threadName)
    {
        lock (_threadTicks)
        {
            if (!_threadTicks.ContainsKey(threadName))
            {
                _threadTicks[threadName] = new Dictionary<int, long>();
                _threadSampler ??= new Timer(_ => SampleThreads(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));
            }
            SampleThreads();
            return TimeSpan.FromMilliseconds(_threadTicks[threadName].Values.Sum() * 10);
        }
    }

    private readonly Dictionary<string, Dictionary<int, long>> _threadTicks = [];
    private Timer? _threadSampler;

    private void SampleThreads()
    {
        lock (_threadTicks)
        {
            try
            {
                foreach (string task in Directory.EnumerateDirectories($"/proc/{_process.Id}/task"))
                {
                    string comm = File.ReadAllText(Path.Combine(task, "comm"));
                    foreach (var (name, ticks) in _threadTicks)
                    {
                        if (!comm.StartsWith(name, StringComparison.Ordinal)) continue;
                        // stat: "tid (comm) state ..." with utime and stime the 12th and 13th fields after the comm's ')'
                        string stat = File.ReadAllText(Path.Combine(task, "stat"));
                        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                        ticks[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] =
                            long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // the host or one of its threads exited between the listing and the read
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="hostDll"/> (default: this checkout's Release build of the local host), with
    /// <paramref name="environment"/> added to its environment, and returns once it is live (GET /api/health 200) and, with
    /// <paramref name="waitReady"/>, ready (GET /api/health/ready 200: the start-up warm-up over).
    /// </summary>
    public static async Task<LocalHostProcess> StartAsync(string? hostDll = null, IReadOnlyDictionary<string, string>? environment = null, bool waitReady = true)
    {
        string dll = hostDll is null
            ? Path.Combine(FindRoot(), "src", "Backtesting.Local", "bin", "Release", "net10.0", "Backtesting.Local.dll")
            : Path.GetFullPath(hostDll);
        if (!File.Exists(dll)) throw new FileNotFoundException($"build the host first: dotnet build src/Backtesting.Local -c Release ({dll} missing)");
        string data = Path.Combine(Path.GetTempPath(), "bt-apibench-" + Guid.NewGuid().ToString("N"));
        int port = FreePort();
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Storage__SqlitePath"] = Path.Combine(data, "bench.db"),
                ["Storage__BlobDirectory"] = Path.Combine(data, "blobs"),
                ["Backtesting__Limits__RequestsPerMinutePerUser"] = "100000000",
                ["Backtesting__Limits__MaxConcurrentJobsPerUser"] = "100000",
                ["Backtesting__Limits__MaxSessionsPerUser"] = "100000",
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        var host = new LocalHostProcess(process, data, http);
        var clock = Stopwatch.StartNew();
        await host.WaitForAsync("/api/health", clock);
        Console.WriteLine($"host live in {clock.ElapsedMilliseconds} ms (port {port}); {Environment.ProcessorCount} cores");
        if (waitReady)
        {
            // a host with a start-up warm-up (Backtesting:Warmup:Runs) answers 503 here until it is over; one without the route, 404
            bool found = await host.WaitForAsync("/api/health/ready", clock);
            Console.WriteLine(found
                ? $"host ready in {clock.ElapsedMilliseconds} ms: host CPU {host.ProcessorTime.TotalMilliseconds:0} ms, RSS {host.ResidentMegabytes():0} MB"
                : "host has no /api/health/ready: ready when live");
        }
        return host;
    }

    /// <summary>
    /// Polls <paramref name="path"/> until it answers 200 (true) or 404 (false: a build without the route), 60 s from
    /// <paramref name="clock"/>'s start at most.
    /// </summary>
    private async Task<bool> WaitForAsync(string path, Stopwatch clock)
    {
        while (true)
        {
            try
            {
                using var response = await Http.GetAsync(path);
                if (response.IsSuccessStatusCode) return true;
                if (response.StatusCode == HttpStatusCode.NotFound) return false;
            }
            catch (HttpRequestException)
            {
            }
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                await DisposeAsync();
                throw new TimeoutException($"the host did not answer 200 on {path} within 60 s");
            }
            await Task.Delay(20); // polling a starting process: there is nothing to wait on
        }
    }

    /// <summary>The host's resident set (Linux /proc VmRSS; 0 elsewhere).</summary>
    public double ResidentMegabytes()
    {
        try
        {
            string? line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public ValueTask DisposeAsync()
    {
        _threadSampler?.Dispose();
        Http.Dispose();
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Backtesting.Functions.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Backtesting.Functions.sln not found above " + AppContext.BaseDirectory);
    }
}
