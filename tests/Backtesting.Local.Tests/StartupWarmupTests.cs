using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Backtesting.Application.Events;
using Backtesting.Application.Telemetry;
using Backtesting.Http.Startup;
using Backtesting.Local.Startup;
using Backtesting.Local.Tests.Support;
using Backtesting.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Backtesting.Local.Tests;

/// <summary>
/// The start-up warm-up (Backtesting:Warmup): GOOG runs through a throwaway copy of the host before /api/health/ready turns
/// 200, with nothing of it reaching the real host's store, metrics or log. Three runs keep these fast; the warm-up tests
/// are one class, so no two warm-ups overlap (the meter test counts the throwaway host's instruments).
/// </summary>
public sealed class StartupWarmupTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "bt-warmup-test-" + Guid.NewGuid().ToString("N"));

    public StartupWarmupTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string WarmupParent => Path.Combine(_root, "warmup");
    private string DataFolder => Path.Combine(_root, "data");

    private LocalHostFactory Host(string runs, Action<IServiceCollection>? services = null, string? warmupDirectory = null)
    {
        Directory.CreateDirectory(WarmupParent);
        Directory.CreateDirectory(DataFolder);
        var settings = LocalHostFactory.GenerousLimits;
        settings["Backtesting:Warmup:Runs"] = runs;
        settings["Backtesting:Warmup:Directory"] = warmupDirectory ?? WarmupParent;
        return new LocalHostFactory(settings: settings, folder: DataFolder, configureServices: services);
    }

    [Fact]
    public async Task Warmup_WhileHeld_HealthIs200_ReadyIs503_ThenReady_AndTheRealStoreAndDirectoryAreUntouched()
    {
        var hold = new StartupWarmupHold();
        var logs = new CapturedLogs();
        var events = new ConcurrentQueue<RunEvent>();
        using var factory = Host("3", services =>
        {
            services.AddSingleton(hold);
            logs.Install()(services);
            // every progress event the real host's runs publish to its hub (what its SSE and WebSocket clients see)
            services.AddSingleton<IRunEventPublisher>(sp => new RecordingPublisher(sp.GetRequiredService<RunEventHub>(), events));
        });
        var anonymous = factory.CreateClient();
        var user = await factory.CreateUserClientAsync("warm-user");
        await hold.Reached.Task.WaitAsync(Timeout);

        // the warm-up's three runs are done and its host is still up: liveness at once, readiness not yet
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/health")).StatusCode);
        var held = await anonymous.GetAsync("/api/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, held.StatusCode);
        var heldView = JsonNode.Parse(await held.Content.ReadAsStringAsync())!;
        Assert.Equal("warming_up", (string?)heldView["status"]);
        Assert.Equal("running", (string?)heldView["warmup"]);
        Assert.Equal(3, (int?)heldView["warmup_runs"]);
        // its database and blobs live in one directory under Backtesting:Warmup:Directory
        string throwaway = Assert.Single(Directory.GetDirectories(WarmupParent));
        Assert.True(File.Exists(Path.Combine(throwaway, "warmup.db")), string.Join(", ", Directory.GetFileSystemEntries(throwaway)));
        var dataFiles = DataFiles();
        await AssertRealStoreUntouchedAsync(user);

        hold.Release.SetResult();
        await factory.Services.GetRequiredService<StartupReadiness>().WhenReady.WaitAsync(Timeout);

        var ready = await anonymous.GetAsync("/api/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var view = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.Equal("ready", (string?)view["status"]);
        Assert.Equal("completed", (string?)view["warmup"]);
        Assert.True((long?)view["elapsed_ms"] > 0, view.ToJsonString());
        Assert.Null(view["error"]);
        Assert.Empty(Directory.GetFileSystemEntries(WarmupParent)); // the throwaway host's directory is deleted
        await AssertRealStoreUntouchedAsync(user);
        Assert.Equal(dataFiles, DataFiles());
        Assert.Empty(logs.Entries); // the throwaway host's start-up and runs log below Warning: nothing
        Assert.Empty(events); // its runs' progress went to its own hub

        // the recording sees the real host's own runs (so its emptiness above means something)
        var submitted = await user.PostAsJsonAsync("/api/backtests", ApiClient.GoogRequest());
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        string runId = (string)JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["backtest_id"]!;
        var hub = factory.Services.GetRequiredService<RunEventHub>();
        using var subscription = hub.Subscribe(runId);
        // subscribed first, then asked: a run that finished before the subscription shows in Last, a later one in the channel
        using var timeout = new CancellationTokenSource(Timeout);
        if (hub.Last(runId)?.IsFinal != true)
            await foreach (var _ in subscription.Events.ReadAllAsync(timeout.Token))
            {
            }
        Assert.Contains(events, e => e.RunId == runId && e.IsFinal);
    }

    private sealed class RecordingPublisher(RunEventHub hub, ConcurrentQueue<RunEvent> events) : IRunEventPublisher
    {
        public void Publish(RunEvent runEvent)
        {
            events.Enqueue(runEvent);
            hub.Publish(runEvent);
        }
    }

    /// <summary>The real host's runs and assets as its API lists them: none of the warm-up's runs, exactly the demo assets.</summary>
    private static async Task AssertRealStoreUntouchedAsync(HttpClient user)
    {
        var runs = JsonNode.Parse(await user.GetStringAsync("/api/backtests"))!;
        Assert.Empty(runs["items"]!.AsArray());
        var assets = JsonNode.Parse(await user.GetStringAsync("/api/assets"))!;
        var symbols = (assets is JsonArray list ? list : assets["items"]!.AsArray()).Select(a => (string)a!["symbol"]!).Order().ToArray();
        Assert.Equal(DemoAssets.All.Select(d => d.Asset.Symbol).Order().ToArray(), symbols);
    }

    /// <summary>The real host's data folder, file names and sizes aside from SQLite's own journal files.</summary>
    private string[] DataFiles() => Directory.GetFiles(DataFolder, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(DataFolder, f)).Where(f => !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task Warmup_ItsMetersCarryTheirOwnNames_TheRealHostsMetricsCountNothingOfIt()
    {
        // listening by name, as the real host's OpenTelemetry does ("Backtesting", "Microsoft.AspNetCore.Hosting"): which meter
        // each measurement came from, by scope (the real host's meter factory, or the warm-up host's)
        var measured = new ConcurrentBag<(string Meter, string Instrument, object? Scope, long Value)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name.EndsWith(BacktestingMetrics.MeterName, StringComparison.Ordinal)
                    || instrument.Meter.Name.EndsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal))
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((i, value, _, _) => measured.Add((i.Meter.Name, i.Name, i.Meter.Scope, value)));
        listener.SetMeasurementEventCallback<double>((i, _, _, _) => measured.Add((i.Meter.Name, i.Name, i.Meter.Scope, 1)));
        listener.Start();
        using var factory = Host("3");
        _ = factory.CreateClient();
        await factory.Services.GetRequiredService<StartupReadiness>().WhenReady.WaitAsync(Timeout);
        var realMeters = factory.Services.GetRequiredService<IMeterFactory>();

        Assert.Equal("completed", factory.Services.GetRequiredService<StartupReadiness>().View.Warmup);
        // the warm-up host's runs and requests counted under its own meter names...
        Assert.Equal(3, measured.Where(m => m.Meter == WarmupMeterFactory.NamePrefix + BacktestingMetrics.MeterName && m.Instrument == "backtesting.runs.completed").Sum(m => m.Value));
        Assert.True(measured.Count(m => m.Meter == WarmupMeterFactory.NamePrefix + "Microsoft.AspNetCore.Hosting" && m.Instrument == "http.server.request.duration") >= 3 * 5,
            "the warm-up host's HTTP requests are measured under its own meter name");
        // ...and none under the names a listener of the real host subscribes to
        Assert.DoesNotContain(measured, m => m.Scope is WarmupMeterFactory && !m.Meter.StartsWith(WarmupMeterFactory.NamePrefix, StringComparison.Ordinal));
        Assert.DoesNotContain(measured, m => ReferenceEquals(m.Scope, realMeters) && m.Meter == BacktestingMetrics.MeterName);
    }

    [Fact]
    public async Task Warmup_InARealProcessToldItsPortByAspNetCoreUrls_EndsReady_WithOneInformationLineAndNothingElseOfIt()
    {
        // ASPNETCORE_URLS is read by every host the process builds: the throwaway one must still take a port of its own
        await using var host = await LocalHostProcess.StartAsync([], new Dictionary<string, string> { ["Backtesting__Warmup__Runs"] = "3" },
            LocalHostProcess.UrlSource.Environment);
        await host.WaitForLogAsync("warm-up: 3 runs in", Timeout);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var ready = await http.GetAsync("/api/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("completed", (string?)JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["warmup"]);
        // the real host's own start-up lines once (the throwaway host's are below its Warning level), one warm-up line
        string log = host.Log;
        Assert.Single(Regex.Matches(log, "Seeded demo asset GOOG"));
        Assert.Single(Regex.Matches(log, "Now listening on"));
        Assert.Single(Regex.Matches(log, "warm-up: "));
        Assert.DoesNotContain(WarmupLoggerProvider.CategoryPrefix, log);
    }

    [Fact]
    public async Task Warmup_Failing_EndsReadyWithTheFailureInTheView_AndAWarning()
    {
        // a file where the warm-up's directory should go: it cannot create its throwaway host's directory
        string notADirectory = Path.Combine(_root, "a-file");
        await File.WriteAllTextAsync(notADirectory, "");
        var logs = new CapturedLogs();
        using var factory = Host("3", logs.Install(), warmupDirectory: notADirectory);
        var anonymous = factory.CreateClient();
        await factory.Services.GetRequiredService<StartupReadiness>().WhenReady.WaitAsync(Timeout);

        var ready = await anonymous.GetAsync("/api/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var view = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.Equal("ready", (string?)view["status"]);
        Assert.Equal("failed", (string?)view["warmup"]);
        Assert.Contains("warm-up failed", (string?)view["error"]);
        Assert.DoesNotContain(_root, view.ToJsonString()); // unauthenticated: no paths, the details are in the log
        Assert.Contains(logs.Entries, e => e.Contains("warm-up failed", StringComparison.Ordinal) && e.Contains(notADirectory, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/health")).StatusCode);
    }

    [Fact]
    public async Task Warmup_ZeroRuns_ReadyAtOnce_NoWarmupService()
    {
        using var factory = Host("0");
        var ready = await factory.CreateClient().GetAsync("/api/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var view = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.Equal("ready", (string?)view["status"]);
        Assert.Equal("off", (string?)view["warmup"]);
        Assert.DoesNotContain(factory.Services.GetServices<IHostedService>(), s => s is StartupWarmup);
        Assert.Empty(Directory.GetFileSystemEntries(WarmupParent));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("many")]
    public void Warmup_InvalidRuns_StopsTheStart_NamingTheSetting(string runs)
    {
        using var factory = Host(runs);
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        string messages = string.Join(" | ", Chain(error).Select(e => e.Message));
        Assert.Contains("Backtesting:Warmup:Runs", messages);
        if (runs == "-1") Assert.Contains("0 (no warm-up) or a positive number of runs", messages);
    }

    private static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException) yield return e;
    }
}
