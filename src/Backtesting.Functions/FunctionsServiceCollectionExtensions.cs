using Backtesting.Application.Workflows;
using Backtesting.Functions.Activities;
using Backtesting.Functions.Durable;
using Backtesting.Functions.Schedules;
using Backtesting.Http;
using Backtesting.Mcp;
using Backtesting.Functions.Startup;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Functions;

/// <summary>
/// What the Functions app adds to the registrations it shares with the local host
/// (AddBacktestingServices, which also registers scheduled optimizations): the MCP endpoint with the REST
/// API's authentication, the Durable runner of the workflows, and the schedule timer's options.
/// </summary>
public static class FunctionsServiceCollectionExtensions
{
    public static IServiceCollection AddBacktestingFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBacktestingMcp(configuration, http => http.RequestServices.GetRequiredService<ApiKeyAuthentication>().AuthenticateAsync(http));
        services.AddDurableWorkflowStarter(configuration);
        services.AddSingleton<WorkflowOrchestration>();
        services.AddSingleton<ActivityDispatcher>();
        services.Configure<ScheduleTimerOptions>(configuration.GetSection(ScheduleTimerOptions.SectionName));
        services.AddHostedService<FunctionsStartupInitializer>();
        return services;
    }

    /// <summary>
    /// Jobs start as Durable orchestrations of this app (instance id = run id). Without <paramref name="client"/> the
    /// client is the invoking function's [DurableClient]; a host that is only a client of the task hub passes its own.
    /// </summary>
    public static IServiceCollection AddDurableWorkflowStarter(this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, DurableTaskClient>? client = null)
    {
        services.Configure<DurableOptions>(configuration.GetSection(DurableOptions.SectionName));
        services.AddSingleton(OrchestratorRegistry.FromAssembly(typeof(FunctionsServiceCollectionExtensions).Assembly));
        services.AddSingleton(sp => new DurableClientScope(client is null ? null : () => client(sp)));
        services.AddSingleton<DurableWorkflowStarter>();
        services.AddSingleton<IWorkflowStarter>(sp => sp.GetRequiredService<DurableWorkflowStarter>());
        return services;
    }
}
