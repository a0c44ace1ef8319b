using System.Reflection;
using System.Text.RegularExpressions;
using Backtesting.Application.Workflows;

namespace Backtesting.Application.Tests;

/// <summary>
/// Workflows run on Durable Functions too, so they must be deterministic: no I/O, clock, randomness
/// or threads, and no services injected (everything goes through activities).
/// </summary>
public partial class WorkflowConventionsTests
{
    private static readonly Type[] Workflows = typeof(IWorkflow).Assembly.GetTypes()
        .Where(t => typeof(IWorkflow).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false }).ToArray();

    [Fact]
    public void Workflows_Exist()
    {
        Assert.Contains(Workflows, t => t.Name == "BacktestWorkflow");
    }

    [Fact]
    public void Workflows_TakeNoServices()
    {
        foreach (var type in Workflows)
            Assert.True(type.GetConstructors().All(c => c.GetParameters().Length == 0), $"{type.Name} takes constructor dependencies; use activities");
    }

    [Fact]
    public void Workflows_HaveNoMutableStaticOrInstanceFields()
    {
        foreach (var type in Workflows)
        {
            var fields = type.GetFields(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(f => !f.IsLiteral && !(f.IsStatic && f.IsInitOnly) && !f.Name.Contains("k__BackingField", StringComparison.Ordinal));
            Assert.Empty(fields);
        }
    }

    [Fact]
    public void WorkflowSources_UseNoNondeterministicApis()
    {
        string root = FindSourceRoot();
        foreach (var type in Workflows)
        {
            var file = Directory.EnumerateFiles(root, type.Name + ".cs", SearchOption.AllDirectories).Single();
            string code = File.ReadAllText(file);
            foreach (Match m in Forbidden().Matches(code))
                Assert.Fail($"{type.Name} uses {m.Value}: workflows must stay deterministic (do it in an activity)");
        }
    }

    [Fact]
    public void WorkflowSources_CallActivitiesThroughTypedNames()
    {
        // ActivityName<TInput, TOutput>.Of<TActivity>() ties a call's input and output to the activity's declaration;
        // CallActivityAsync<T>("name", input) would compile with any input and read any output
        string root = FindSourceRoot();
        var sources = typeof(IWorkflow).Assembly.GetTypes().Where(t => typeof(IWorkflow).IsAssignableFrom(t) && t.IsClass).ToArray();
        Assert.Contains(sources, t => t.Name == "FanOutResearchWorkflow");
        foreach (var type in sources)
        {
            string code = File.ReadAllText(Directory.EnumerateFiles(root, type.Name + ".cs", SearchOption.AllDirectories).Single());
            Assert.False(UntypedActivityCall().IsMatch(code), $"{type.Name} calls an activity by a bare name: use context.CallActivityAsync(ActivityName<TInput, TOutput>.Of<TActivity>(), input)");
        }
        Assert.Matches(UntypedActivityCall(), "context.CallActivityAsync<bool>(nameof(FailRunActivity), input)");
        Assert.DoesNotMatch(UntypedActivityCall(), "context.CallActivityAsync(FailRunActivity.Call, input)");
    }

    [GeneratedRegex(@"CallActivityAsync<")]
    private static partial Regex UntypedActivityCall();

    [Fact]
    public void ForbiddenPattern_CatchesViolations()
    {
        // the scanner itself must be able to fail
        foreach (string bad in new[] { "DateTime.UtcNow", "DateTime.Now", "Guid.NewGuid()", "new Random(", "Random.Shared", "Task.Run(", "Thread.Sleep", "File.ReadAllText", "new HttpClient", "Stopwatch.", "Task.Delay(", "Environment.TickCount" })
            Assert.Matches(Forbidden(), bad);
        Assert.DoesNotMatch(Forbidden(), "context.CurrentUtcDateTime");
    }

    [GeneratedRegex(@"DateTime(Offset)?\.(Utc)?Now|Guid\.NewGuid|new Random\(|Random\.Shared|Task\.(Run|Delay)\(|Thread\.|\bFile\.|\bDirectory\.|HttpClient|Stopwatch|Environment\.TickCount|TimeProvider|\.Result\b|\.Wait\(\)")]
    private static partial Regex Forbidden();

    private static string FindSourceRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "src", "Backtesting.Application");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("src/Backtesting.Application not found above the test output");
    }
}
