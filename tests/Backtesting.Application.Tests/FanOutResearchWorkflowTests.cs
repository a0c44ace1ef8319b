using System.Reflection;
using System.Text.RegularExpressions;
using Backtesting.Application.Backtests;
using Backtesting.Application.Json;
using Backtesting.Application.Research;
using Backtesting.Application.Runs;
using Backtesting.Application.Workflows;

namespace Backtesting.Application.Tests;

/// <summary>The shared fan-out of the research workflows, replayed against a scripted context: waves, progress, cancellation, failure.</summary>
public class FanOutResearchWorkflowTests
{
    /// <summary>Answers activities and sub-workflows from a script and records every call (JSON round trip, as the runners do).</summary>
    private sealed class ScriptedContext(object input, Func<string, object?, object?> answer) : IWorkflowContext
    {
        public List<(string Name, string InputJson)> Calls { get; } = [];

        public string InstanceId => "bt-test";
        public DateTime CurrentUtcDateTime => new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        public bool IsReplaying => false;

        public T GetInput<T>() => WorkflowJson.Deserialize<T>(WorkflowJson.Serialize<object>(input));

        public Task<TResult> CallActivityAsync<TResult>(string name, object? input) => Call<TResult>(name, input);

        public Task<TResult> CallSubWorkflowAsync<TResult>(string name, object? input, string instanceId) => Call<TResult>(name, input);

        public void SetCustomStatus(object? status)
        {
        }

        private Task<TResult> Call<TResult>(string name, object? input)
        {
            string json = WorkflowJson.Serialize<object?>(input);
            Calls.Add((name, json));
            var output = answer(name, WorkflowJson.Deserialize<object?>(json));
            if (output is Exception ex) return Task.FromException<TResult>(ex);
            return Task.FromResult(WorkflowJson.Deserialize<TResult>(WorkflowJson.Serialize<object?>(output)));
        }
    }

    private static readonly MonteCarloJob Job = new()
    {
        RunId = "bt-test", UserId = "u1", Scope = new ResearchScope("GOOG", "1d", null, null, 10_000), StrategyId = "sma_crossover",
        Parameters = [], Method = "trade_reshuffle", Paths = 1000, Seed = 1, Percentiles = [50], BatchSize = 30,
    };

    private static object? Outcomes(object? waveInput)
    {
        var wave = WorkflowJson.Deserialize<ResearchWaveInput>(WorkflowJson.Serialize(waveInput));
        return Enumerable.Range(wave.FirstBatch, wave.BatchCount).Select(b => new ResearchBatchOutcome(b, $"blob{b}", wave.Plan.Batch(b).Count)).ToArray();
    }

    [Fact]
    public async Task Run_ThirtyFourBatches_ThreeWavesWithProgressThenFinalize()
    {
        var context = new ScriptedContext(Job, (name, input) => name switch
        {
            nameof(PrepareMonteCarloActivity) => new ResearchPlan(1000, 30),
            nameof(ResearchWaveWorkflow) => Outcomes(input),
            nameof(ReportProgressActivity) => true,
            nameof(FinalizeMonteCarloActivity) => new RunOutcome("bt-test", RunStatus.Completed),
            _ => throw new InvalidOperationException(name),
        });

        var outcome = (RunOutcome)(await new MonteCarloWorkflow().RunAsync(context))!;

        Assert.Equal(RunStatus.Completed, outcome.Status);
        Assert.Equal(
            [nameof(PrepareMonteCarloActivity), nameof(ResearchWaveWorkflow), nameof(ReportProgressActivity), nameof(ResearchWaveWorkflow), nameof(ReportProgressActivity),
             nameof(ResearchWaveWorkflow), nameof(ReportProgressActivity), nameof(FinalizeMonteCarloActivity)],
            context.Calls.Select(c => c.Name));
        var waves = context.Calls.Where(c => c.Name == nameof(ResearchWaveWorkflow)).Select(c => WorkflowJson.Deserialize<ResearchWaveInput>(c.InputJson)).ToArray();
        Assert.All(waves, w => Assert.Equal(nameof(SimulatePathsActivity), w.Activity));
        Assert.Equal([(0, 16), (16, 16), (32, 2)], waves.Select(w => (w.FirstBatch, w.BatchCount)));
        var progress = context.Calls.Where(c => c.Name == nameof(ReportProgressActivity)).Select(c => WorkflowJson.Deserialize<ResearchProgressInput>(c.InputJson)).ToArray();
        Assert.Equal([480, 960, 1000], progress.Select(p => p.Done));
        Assert.All(progress, p => Assert.Equal(1000, p.Total));
    }

    [Fact]
    public async Task Run_BatchSeesCancelledRun_StopsWithoutFinalizing()
    {
        var context = new ScriptedContext(Job, (name, input) => name switch
        {
            nameof(PrepareMonteCarloActivity) => new ResearchPlan(1000, 30),
            nameof(ResearchWaveWorkflow) => new[] { new ResearchBatchOutcome(0, "", 0, Cancelled: true) },
            _ => throw new InvalidOperationException(name),
        });

        var outcome = (RunOutcome)(await new MonteCarloWorkflow().RunAsync(context))!;

        Assert.Equal(RunStatus.Cancelled, outcome.Status);
        Assert.DoesNotContain(context.Calls, c => c.Name == nameof(FinalizeMonteCarloActivity));
    }

    [Fact]
    public async Task Run_ActivityFails_FailsTheRunWithItsMessage()
    {
        var context = new ScriptedContext(Job, (name, input) => name switch
        {
            nameof(PrepareMonteCarloActivity) => new ResearchPlan(10, 5),
            nameof(ResearchWaveWorkflow) => new ActivityFailedException(nameof(SimulatePathsActivity), "disk full"),
            nameof(FailRunActivity) => true,
            _ => throw new InvalidOperationException(name),
        });

        var outcome = (RunOutcome)(await new MonteCarloWorkflow().RunAsync(context))!;

        Assert.Equal(RunStatus.Failed, outcome.Status);
        var fail = WorkflowJson.Deserialize<FailRunInput>(context.Calls[^1].InputJson);
        Assert.Equal(new FailRunInput("bt-test", "u1", "disk full"), fail);
    }

    [Fact]
    public void Plan_SplitsUnitsIntoBatchesCoveringEachOnce()
    {
        var plan = new ResearchPlan(100, 7);

        Assert.Equal(15, plan.Batches);
        Assert.Equal(Enumerable.Range(0, 100), Enumerable.Range(0, plan.Batches).SelectMany(b => Enumerable.Range(plan.Batch(b).Start, plan.Batch(b).Count)));
        Assert.Equal(0, new ResearchPlan(0, 7).Batches);
    }

    [Fact]
    public void WorkflowBaseClasses_UseNoNondeterministicApis()
    {
        // the convention test scans each workflow's own file; the shared loop lives in its base class
        var forbidden = (Regex)typeof(WorkflowConventionsTests).GetMethod("Forbidden", BindingFlags.NonPublic | BindingFlags.Static)!.Invoke(null, null)!;
        var bases = typeof(IWorkflow).Assembly.GetTypes()
            .Where(t => typeof(IWorkflow).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: true })
            .ToArray();
        Assert.Contains(typeof(FanOutResearchWorkflow), bases);
        string root = SourceRoot();
        foreach (var type in bases)
        {
            Assert.DoesNotContain(type.GetFields(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic), f => !f.IsLiteral);
            string code = File.ReadAllText(Directory.EnumerateFiles(root, type.Name + ".cs", SearchOption.AllDirectories).Single());
            Assert.DoesNotMatch(forbidden, code);
        }
    }

    private static string SourceRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "src", "Backtesting.Application"))) return Path.Combine(dir.FullName, "src", "Backtesting.Application");
        throw new DirectoryNotFoundException("src/Backtesting.Application not found above the test output");
    }
}
