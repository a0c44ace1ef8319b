using System.Diagnostics;
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

    /// <summary>Starts <paramref name="hostDll"/> (default: this checkout's Release build of the local host).</summary>
    public static async Task<LocalHostProcess> StartAsync(string? hostDll = null)
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
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        var host = new LocalHostProcess(process, data, http);
        var ready = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await http.GetAsync("/api/health")).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException)
            {
            }
            if (ready.Elapsed > TimeSpan.FromSeconds(60))
            {
                await host.DisposeAsync();
                throw new TimeoutException("the host did not start");
            }
            await Task.Delay(50); // polling a starting process: there is nothing to wait on
        }
        Console.WriteLine($"host ready in {ready.ElapsedMilliseconds} ms (port {port}); {Environment.ProcessorCount} cores");
        return host;
    }

    public ValueTask DisposeAsync()
    {
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
