using Backtesting.Application.Ports;
using Backtesting.Application.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Backtesting.Application.Schedules;

/// <summary>Registers scheduled optimizations: the service, the slot workflow and its activities.</summary>
public static class ScheduleServiceCollectionExtensions
{
    /// <summary>
    /// Storage may register <see cref="IScheduleStore"/> and the optimization use case
    /// <see cref="IScheduledOptimizationLauncher"/>; until they do, schedules live in a blob and
    /// launches fail with the reason.
    /// </summary>
    public static IServiceCollection AddBacktestingSchedules(this IServiceCollection services)
    {
        services.TryAddSingleton<IScheduleStore, BlobScheduleStore>();
        services.TryAddSingleton<IScheduledOptimizationLauncher, UnavailableOptimizationLauncher>();
        services.TryAddSingleton<ScheduleService>();
        // TryAddEnumerable: a second call must not register the workflow twice (WorkflowCatalog keys them by name).
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWorkflow, ScheduledOptimizationWorkflow>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IActivity, LaunchScheduledOptimizationActivity>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IActivity, RecordScheduleSlotActivity>());
        return services;
    }
}
