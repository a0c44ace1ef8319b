using Backtesting.Application.Workflows;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Workflows.DurableTask;

public static class DurableWorkflowStarterServiceCollectionExtensions
{
    /// <summary>
    /// Jobs start as Durable orchestrations (instance id = run id). Without <paramref name="client"/> the client is the
    /// invoking function's [DurableClient] (the Functions app); a host that is only a client of the task hub passes its own.
    /// </summary>
    public static IServiceCollection AddDurableWorkflowStarter(this IServiceCollection services, Func<IServiceProvider, DurableTaskClient>? client = null)
    {
        services.AddSingleton(sp => new DurableClientScope(client is null ? null : () => client(sp)));
        services.AddSingleton<DurableWorkflowStarter>();
        services.AddSingleton<IWorkflowStarter>(sp => sp.GetRequiredService<DurableWorkflowStarter>());
        return services;
    }
}
