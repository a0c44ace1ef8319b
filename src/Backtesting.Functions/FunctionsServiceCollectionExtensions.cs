using Backtesting.Application.Workflows;
using Backtesting.Functions.Activities;
using Backtesting.Functions.Durable;
using Backtesting.Functions.Schedules;
using Backtesting.Http;
using Backtesting.Mcp;
using Backtesting.Functions.Startup;
using Backtesting.Workflows.DurableTask;
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
        services.AddBacktestingMcp(configuration, http => http.RequestServices.GetRequiredService<ApiKeyAuthentication>().AuthenticateAsync(http))
            .AddBacktestingMcpHandler();
        services.Configure<DurableOptions>(configuration.GetSection(DurableOptions.SectionName));
        services.AddDurableWorkflowStarter();
        services.AddSingleton<WorkflowOrchestration>();
        services.AddSingleton<ActivityDispatcher>();
        services.Configure<ScheduleTimerOptions>(configuration.GetSection(ScheduleTimerOptions.SectionName));
        services.AddHostedService<FunctionsStartupInitializer>();
        return services;
    }
}
