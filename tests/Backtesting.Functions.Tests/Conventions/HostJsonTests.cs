using System.Globalization;
using System.Text.Json.Nodes;
using Backtesting.Application.Limits;
using Backtesting.Application.Research;

namespace Backtesting.Functions.Tests.Conventions;

/// <summary>host.json as deployed next to the worker: settings the longest work depends on.</summary>
public sealed class HostJsonTests
{
    private static readonly JsonNode Host = JsonNode.Parse(File.ReadAllText(
        Path.Combine(Path.GetDirectoryName(typeof(FunctionsServiceCollectionExtensions).Assembly.Location)!, "host.json")))!;

    [Fact]
    public void FunctionTimeout_CoversTheLongestActivityAtTheLimitsWithThreefoldHeadroom()
    {
        // the longest activity is an optimization batch at its limits: 10,000 cells, each a backtest of up to 5,000,000
        // bars = 5e10 bar steps; at the engine's measured 52.8 M bars/s (README, sma_crossover on 1M bars) that is
        // 947 s, about 16 minutes. A Flex instance's shared vCPU may run it several times slower: 3x = 47 minutes.
        double barSteps = (double)ResearchService.MaxBatchSize * new BacktestingLimits().MaxBarsPerRun;
        var longest = TimeSpan.FromSeconds(barSteps / 52.8e6);
        Assert.InRange(longest.TotalMinutes, 15, 17);

        var timeout = TimeSpan.Parse((string)Host["functionTimeout"]!, CultureInfo.InvariantCulture);

        Assert.True(timeout >= 3 * longest, $"functionTimeout {timeout} is shorter than 3 x {longest} (the longest activity at the limits)");
        Assert.True(timeout <= TimeSpan.FromHours(1), $"functionTimeout {timeout}: a stuck activity should fail (and retry) within an hour");
    }
}
