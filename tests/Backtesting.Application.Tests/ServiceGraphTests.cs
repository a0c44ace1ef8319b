using Backtesting.Application.Ports;
using Backtesting.Application.Workflows;
using Backtesting.Application.Workflows.Local;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Backtesting.Application.Tests;

/// <summary>
/// The container must build every workflow, activity and service. A dependency cycle through a
/// factory registration (activity -> service -> starter -> runner -> activities) is not detected
/// by the container and hangs a host at start-up, so resolve everything here with a deadline.
/// </summary>
public class ServiceGraphTests
{
    [Fact]
    public async Task EverySingleton_ResolvesWithoutCycles()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        foreach (var port in new[] { typeof(IRunStore), typeof(IJobJournal), typeof(IBlobStore), typeof(IMarketDataStore), typeof(IMarketDataImporter), typeof(IUserStore), typeof(IUserStrategyStore), typeof(ITradingSessionStore) })
            services.AddSingleton(port, ((Mock)Activator.CreateInstance(typeof(Mock<>).MakeGenericType(port))!).Object);
        services.AddBacktestingApplication().AddInProcessWorkflowRunner();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var resolve = Task.Run(() =>
        {
            var catalog = provider.GetRequiredService<WorkflowCatalog>();
            provider.GetRequiredService<IWorkflowStarter>();
            provider.GetRequiredService<UnfinishedRunResumer>();
            foreach (var descriptor in services.Where(d => d.Lifetime == ServiceLifetime.Singleton && !d.ServiceType.IsGenericTypeDefinition))
                provider.GetServices(descriptor.ServiceType).ToList();
            return catalog;
        });
        WorkflowCatalog catalog;
        try
        {
            catalog = await resolve.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            Assert.Fail("resolving the services did not finish within 30 s: a dependency cycle through a factory registration?");
            throw;
        }

        Assert.Contains("BacktestWorkflow", catalog.WorkflowNames);
        Assert.Contains("SimulateChunkActivity", catalog.ActivityNames);
    }
}
