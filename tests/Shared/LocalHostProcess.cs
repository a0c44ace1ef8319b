using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Backtesting.Application;
using Backtesting.Application.Users;
using Backtesting.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Tests.Shared;

/// <summary>
/// The local host as a real process (the test output holds Backtesting.Local.dll with its settings and demo
/// data) on a free loopback port, over SQLite in a fresh temp folder whose users and keys are created first.
/// Kestrel itself answers, so tests see what a real socket sees. Linked into each host test project.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log;
    private readonly string _folder;

    private readonly List<(string Text, TaskCompletionSource Seen)> _awaited;

    private LocalHostProcess(Process process, StringBuilder log, List<(string Text, TaskCompletionSource Seen)> awaited, string folder, Uri baseAddress,
        IReadOnlyDictionary<string, string> keys)
    {
        _process = process;
        _log = log;
        _awaited = awaited;
        _folder = folder;
        BaseAddress = baseAddress;
        Keys = keys;
    }

    public Uri BaseAddress { get; }

    /// <summary>Plaintext API keys by user id.</summary>
    public IReadOnlyDictionary<string, string> Keys { get; }

    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    /// <summary>Completes when a line of the host's output contains <paramref name="text"/> (one already written included).</summary>
    public Task WaitForLogAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_log)
        {
            if (_log.ToString().Contains(text, StringComparison.Ordinal)) return Task.CompletedTask;
            _awaited.Add((text, seen));
        }
        return seen.Task.WaitAsync(timeout);
    }

    /// <summary>How the process is told where to listen: the conventional ways a user moves the port.</summary>
    public enum UrlSource
    {
        /// <summary>The <c>--urls</c> command-line option.</summary>
        CommandLine,

        /// <summary>The <c>ASPNETCORE_URLS</c> environment variable.</summary>
        Environment,
    }

    public static async Task<LocalHostProcess> StartAsync(IEnumerable<string> userIds, IDictionary<string, string>? settings = null, UrlSource urlSource = UrlSource.CommandLine)
    {
        string folder = Path.Combine(Path.GetTempPath(), "bt-mcp-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var storage = new StorageOptions { SqlitePath = Path.Combine(folder, "backtesting.db"), BlobDirectory = Path.Combine(folder, "blobs") };
        var keys = await CreateKeysAsync(storage, userIds);

        int port = FreePort();
        string dll = Path.Combine(AppContext.BaseDirectory, "Backtesting.Local.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        string url = $"http://127.0.0.1:{port}";
        start.Environment.Remove("ASPNETCORE_URLS");
        if (urlSource == UrlSource.CommandLine)
        {
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add(url);
        }
        else
        {
            start.Environment["ASPNETCORE_URLS"] = url;
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Storage__Provider"] = "Sqlite";
        start.Environment["Storage__SqlitePath"] = storage.SqlitePath;
        start.Environment["Storage__BlobProvider"] = "FileSystem";
        start.Environment["Storage__BlobDirectory"] = storage.BlobDirectory;
        start.Environment["Backtesting__Auth__AllowLoopbackWithoutKey"] = "false";
        start.Environment["Backtesting__Warmup__Runs"] = "0"; // no start-up warm-up unless a test asks for one
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            start.Environment[key] = value;

        var log = new StringBuilder();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Microsoft.Hosting.Lifetime logs this once every hosted service has started and Kestrel listens
        var awaited = new List<(string Text, TaskCompletionSource Seen)> { ("Application started", started) };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
                foreach (var (text, seen) in awaited)
                    if (e.Data?.Contains(text, StringComparison.Ordinal) == true) seen.TrySetResult();
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => started.TrySetException(new InvalidOperationException($"the local host exited with code {process.ExitCode}"));
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new LocalHostProcess(process, log, awaited, folder, new Uri($"http://127.0.0.1:{port}"), keys);
        try
        {
            await host.WaitUntilStartedAsync(started.Task, TimeSpan.FromSeconds(60));
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    private async Task WaitUntilStartedAsync(Task started, TimeSpan timeout)
    {
        try
        {
            await started.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the local host did not start on {BaseAddress} within {timeout.TotalSeconds} s:\n{Log}");
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"{ex.Message}:\n{Log}", ex);
        }
        // started means listening: the MCP endpoint answers 401 without a key
        using var http = new HttpClient { BaseAddress = BaseAddress };
        var response = await http.PostAsync("/mcp", new StringContent("{}"));
        if (response.StatusCode != HttpStatusCode.Unauthorized)
            throw new InvalidOperationException($"the local host answered POST /mcp without a key with {(int)response.StatusCode}, not 401:\n{Log}");
    }

    private static async Task<Dictionary<string, string>> CreateKeysAsync(StorageOptions storage, IEnumerable<string> userIds)
    {
        var services = new ServiceCollection().AddLogging().AddBacktestingApplication();
        services.AddBacktestingStorage(storage);
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<StorageInitializer>().InitializeAsync();
        var keys = provider.GetRequiredService<ApiKeyService>();
        var created = new Dictionary<string, string>();
        foreach (var userId in userIds)
            created[userId] = (await keys.CreateUserWithKeyAsync(userId, userId, isAdmin: false)).ApiKey;
        return created;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
