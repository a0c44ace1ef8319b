using Backtesting.Application;
using Backtesting.Application.Ports;
using Backtesting.Application.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Backtesting.Functions.Tests.Support;

/// <summary>The Application's workflows and activities as registered in DI, over mocked ports.</summary>
internal static class TestCatalog
{
    public static ServiceProvider Services(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddBacktestingApplication();
        services.AddSingleton(Mock.Of<IRunStore>());
        services.AddSingleton(Mock.Of<IBlobStore>());
        services.AddSingleton(Mock.Of<IMarketDataStore>());
        services.AddSingleton(Mock.Of<IUserStore>());
        services.AddSingleton(Mock.Of<IJobJournal>());
        services.AddSingleton(Mock.Of<IStrategyCatalogStore>());
        services.AddSingleton(NoUserStrategies.Store());
        services.AddSingleton(Mock.Of<IWorkflowStarter>());
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    public static WorkflowCatalog Catalog(Action<IServiceCollection>? configure = null) => Services(configure).GetRequiredService<WorkflowCatalog>();
}
