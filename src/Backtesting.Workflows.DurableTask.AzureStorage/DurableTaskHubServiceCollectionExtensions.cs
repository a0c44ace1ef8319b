using Backtesting.Workflows.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Workflows.DurableTask.AzureStorage;

public static class DurableTaskHubServiceCollectionExtensions
{
    /// <summary>
    /// <c>Workflows:Engine=DurableTask</c> for a host that only submits: jobs start as orchestrations on the Azure Storage
    /// task hub of <c>Workflows:DurableTask</c>, run by whichever worker processes serve it.
    /// </summary>
    public static IServiceCollection AddDurableTaskWorkflowEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DurableTaskHubOptions>(configuration.GetSection(DurableTaskHubOptions.SectionName));
        services.AddSingleton<TaskHubClientConnection>();
        services.AddHostedService(sp => sp.GetRequiredService<TaskHubClientConnection>());
        services.AddDurableWorkflowStarter(sp => sp.GetRequiredService<TaskHubClientConnection>().Client);
        return services;
    }
}
