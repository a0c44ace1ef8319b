using System.Diagnostics;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Functions.Durable;

/// <summary>
/// The app's orchestrator and activity functions as a <see cref="DurableTaskRegistry"/> takes them, read from the
/// same [Function] methods the Functions host indexes, so the list lives in one place. Any DurableTask worker
/// (the in-process test host, a plain worker host) then runs exactly these functions: each invocation creates
/// the function's class from <c>services</c> as the Functions worker does and calls the real method.
/// </summary>
public static class DurableTaskFunctions
{
    private static readonly Assembly FunctionsAssembly = typeof(DurableTaskFunctions).Assembly;

    /// <summary>[Function] methods with an [OrchestrationTrigger] parameter.</summary>
    public static IReadOnlyList<MethodInfo> Orchestrators { get; } = FunctionMethods<OrchestrationTriggerAttribute>();

    /// <summary>[Function] methods with an [ActivityTrigger] parameter.</summary>
    public static IReadOnlyList<MethodInfo> Activities { get; } = FunctionMethods<ActivityTriggerAttribute>();

    public static string FunctionName(MethodInfo method) => method.GetCustomAttribute<FunctionAttribute>()!.Name;

    /// <summary>
    /// Registers every orchestrator and activity function. <paramref name="client"/> answers [DurableClient]
    /// bindings (a function that starts orchestrations itself, e.g. the scheduled launch). <paramref name="activityExecuted"/>,
    /// when given, hears of every activity that completed on this worker (its name and run time), e.g. for per-worker counts.
    /// </summary>
    public static DurableTaskRegistry AddBacktestingFunctions(this DurableTaskRegistry registry, IServiceProvider services, Func<DurableTaskClient> client,
        Action<string, TimeSpan>? activityExecuted = null)
    {
        foreach (var method in Orchestrators)
        {
            var invoke = Invoker(method, services, client);
            // every orchestrator's input is WorkflowJson text; the worker casts GetInput<T> to the registered input type
            registry.AddOrchestratorFunc<string?, string>(FunctionName(method), (context, _) => invoke(context, null));
        }
        foreach (var method in Activities)
        {
            var invoke = Invoker(method, services, client);
            string name = FunctionName(method);
            if (activityExecuted is null)
            {
                registry.AddActivityFunc<string?, string>(name, (_, input) => invoke(null, input));
                continue;
            }
            registry.AddActivityFunc<string?, string>(name, async (_, input) =>
            {
                long started = Stopwatch.GetTimestamp();
                string output = await invoke(null, input).ConfigureAwait(false);
                activityExecuted(name, Stopwatch.GetElapsedTime(started));
                return output;
            });
        }
        return registry;
    }

    private static IReadOnlyList<MethodInfo> FunctionMethods<TTrigger>() where TTrigger : Attribute =>
        FunctionsAssembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null && m.GetParameters().Any(p => p.GetCustomAttribute<TTrigger>() is not null))
            .OrderBy(FunctionName, StringComparer.Ordinal)
            .ToArray();

    /// <summary>Binds each parameter as the Functions worker would; a parameter kind this cannot bind fails at registration, not mid-run.</summary>
    private static Func<TaskOrchestrationContext?, string?, Task<string>> Invoker(MethodInfo method, IServiceProvider services, Func<DurableTaskClient> client)
    {
        if (method.ReturnType != typeof(Task<string>))
            throw new NotSupportedException($"{FunctionName(method)} must return Task<string> (WorkflowJson text)");
        var binders = method.GetParameters().Select(Binder).ToArray();
        return (context, input) =>
        {
            var target = ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
            object?[] args = binders.Select(bind => bind(context, input, client)).ToArray();
            return (Task<string>)method.Invoke(target, BindingFlags.DoNotWrapExceptions, binder: null, args, culture: null)!;
        };

        Func<TaskOrchestrationContext?, string?, Func<DurableTaskClient>, object?> Binder(ParameterInfo parameter)
        {
            if (parameter.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null && parameter.ParameterType == typeof(TaskOrchestrationContext))
                return (context, _, _) => context;
            if (parameter.GetCustomAttribute<ActivityTriggerAttribute>() is not null && parameter.ParameterType == typeof(string))
                return (_, input, _) => input;
            if (parameter.GetCustomAttribute<DurableClientAttribute>() is not null && parameter.ParameterType == typeof(DurableTaskClient))
                return (_, _, durable) => durable();
            if (parameter.ParameterType == typeof(CancellationToken))
                return (_, _, _) => CancellationToken.None;
            throw new NotSupportedException($"{FunctionName(method)}: parameter '{parameter.Name}' ({parameter.ParameterType.Name}) cannot be bound outside the Functions host");
        }
    }
}
