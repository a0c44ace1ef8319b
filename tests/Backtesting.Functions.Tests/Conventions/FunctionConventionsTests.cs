using Backtesting.Tests.Shared;
using System.Reflection;
using Backtesting.Application.Workflows;
using Backtesting.Functions.Durable;
using Backtesting.Functions.Http;
using Backtesting.Functions.Tests.Support;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Functions.Tests.Conventions;

public sealed class FunctionConventionsTests
{
    private static readonly Assembly Functions = typeof(FunctionsServiceCollectionExtensions).Assembly;

    private static IEnumerable<(MethodInfo Method, string Name)> FunctionMethods() =>
        Functions.GetTypes().SelectMany(t => t.GetMethods()).Select(m => (m, m.GetCustomAttribute<FunctionAttribute>()?.Name)).Where(x => x.Name is not null)!;

    private static bool HasTrigger<TTrigger>(MethodInfo method) where TTrigger : Attribute =>
        method.GetParameters().Any(p => p.GetCustomAttribute<TTrigger>() is not null);

    [Fact]
    public void EveryApplicationActivity_HasAnActivityFunctionOfTheSameName()
    {
        var activityFunctions = FunctionMethods().Where(f => HasTrigger<ActivityTriggerAttribute>(f.Method)).Select(f => f.Name).ToHashSet();

        var missing = TestCatalog.Catalog().ActivityNames.Where(n => !activityFunctions.Contains(n)).ToArray();

        Assert.True(missing.Length == 0, "activities without an activity function: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryTopLevelWorkflow_HasAnOrchestratorNamedByTheStartersRule()
    {
        var orchestrators = FunctionMethods().Where(f => HasTrigger<OrchestrationTriggerAttribute>(f.Method)).Select(f => f.Name).ToHashSet();
        var routes = TestCatalog.Services().GetRequiredService<WorkflowRoutes>();

        // every job kind must have a route: WorkflowFor throws (failing the test) for a kind without one
        var unrouted = new List<string>();
        foreach (var kind in Application.Runs.RunKind.All)
        {
            string workflow = routes.WorkflowFor(kind);
            // the starter (also in hosts that cannot see this app) starts the orchestrator its naming rule gives
            string orchestrator = DurableOrchestratorNames.For(workflow);
            if (!orchestrators.Contains(orchestrator)) unrouted.Add($"{kind} runs {workflow}, but no orchestrator function is named {orchestrator}");
        }

        // the schedule slot's workflow is started by DueSlotStarter, not through a job kind
        string scheduled = DurableOrchestratorNames.For(nameof(Application.Schedules.ScheduledOptimizationWorkflow));
        if (!orchestrators.Contains(scheduled)) unrouted.Add($"no orchestrator function is named {scheduled}");

        Assert.NotEmpty(Application.Runs.RunKind.All);
        Assert.True(unrouted.Count == 0, "job kinds whose workflow no orchestrator runs: " + string.Join("; ", unrouted));
    }

    [Fact]
    public void Orchestrators_AreNamedAfterTheirClassAndTakeTheOrchestrationContext()
    {
        foreach (var (method, name) in FunctionMethods().Where(f => HasTrigger<OrchestrationTriggerAttribute>(f.Method)))
        {
            Assert.Equal(method.DeclaringType!.Name, name);
            Assert.EndsWith("Orchestrator", name);
            Assert.Equal(typeof(TaskOrchestrationContext), method.GetParameters().Single(p => p.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null).ParameterType);
        }
    }

    [Fact]
    public void FunctionNames_AreUnique()
    {
        var duplicates = FunctionMethods().GroupBy(f => f.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        Assert.Empty(duplicates);
    }

    [Fact]
    public void NoOtherProject_DependsOnTheFunctionsApp()
    {
        string root = RepositoryPaths.Root;
        // but the worker host, whose one job is to run this app's orchestrators and activities on the Azure Storage backend
        var offenders = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "tests"), "*.csproj", SearchOption.AllDirectories))
            .Where(p => !p.Contains("Backtesting.Functions", StringComparison.Ordinal))
            .Where(p => Path.GetFileName(p) != "Backtesting.Worker.csproj")
            .Where(p => File.ReadAllText(p).Contains("Backtesting.Functions.csproj", StringComparison.Ordinal))
            .ToArray();
        Assert.Empty(offenders);
    }

    [Fact]
    public void OnlyTheWorkerHost_ReferencesAnotherHost_AndTheDurableTaskClientLibrariesReferenceNoHost()
    {
        string root = RepositoryPaths.Root;
        string[] hosts = ["Backtesting.Functions.csproj", "Backtesting.Worker.csproj", "Backtesting.Local.csproj", "Backtesting.Cli.csproj"];
        // the worker host runs this app's functions; every other project under src reaches the task hub through
        // Backtesting.Workflows.DurableTask(.AzureStorage), so no host's generated Program meets another's
        var offenders = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Where(p => Path.GetFileName(p) != "Backtesting.Worker.csproj")
            .SelectMany(p => hosts.Where(File.ReadAllText(p).Contains).Select(h => $"{Path.GetFileName(p)} -> {h}"))
            .ToArray();
        Assert.Empty(offenders);
        Assert.Contains("Backtesting.Application.csproj", File.ReadAllText(Path.Combine(root, "src", "Backtesting.Workflows.DurableTask", "Backtesting.Workflows.DurableTask.csproj")));
    }

    [Fact]
    public void SessionRoutes_AreTheLocalHostsSessionRoutes()
    {
        // the local host's map (SessionsApi: group.MapGet("/{id}/bars", ...) under SessionHandlers.Prefix) is the list the
        // Functions app must serve too, events included: a route added there and not here fails this test
        string api = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Backtesting.Local", "Apis", "SessionsApi.cs"));
        var local = System.Text.RegularExpressions.Regex.Matches(api, @"group\.Map(Get|Post|Put|Patch|Delete)\(""([^""]*)""")
            .Select(m => $"{m.Groups[1].Value.ToUpperInvariant()} {(Backtesting.Http.Handlers.SessionHandlers.Prefix + m.Groups[2].Value).TrimEnd('/')}")
            .Order().ToList();
        var functions = typeof(SessionHttpFunctions).GetMethods()
            .SelectMany(m => m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>())
            .SelectMany(t => t.Methods!.Select(verb => $"{verb.ToUpperInvariant()} /{t.Route}"))
            .Order().ToList();

        Assert.Contains("GET /api/sessions/{id}/events", local);
        Assert.Equal(local, functions);
    }
}
