using Backtesting.Application.Ports;
using Backtesting.Application.Strategies;
using Moq;

namespace Backtesting.Functions.Tests.Support;

/// <summary>A user strategy store in which no user has a strategy of their own (only built-ins resolve).</summary>
internal static class NoUserStrategies
{
    public static IUserStrategyStore Store()
    {
        var store = new Mock<IUserStrategyStore>();
        store.Setup(s => s.ListAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        return store.Object;
    }

    public static StrategyResolver Resolver() => new(Store());
}
