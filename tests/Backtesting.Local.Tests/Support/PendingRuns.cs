using Backtesting.Application.Ports;
using Backtesting.Application.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Local.Tests.Support;

/// <summary>Stores runs that no workflow picks up, to hold a user's job slots or to cancel deterministically.</summary>
public static class PendingRuns
{
    public static async Task<string> AddAsync(LocalHostFactory factory, string userId)
    {
        var now = DateTime.UtcNow;
        string id = "bt-pending" + Guid.NewGuid().ToString("N")[..10];
        await factory.Services.GetRequiredService<IRunStore>().CreateAsync(new BacktestRun
        {
            Id = id,
            UserId = userId,
            Kind = RunKind.Backtest,
            StrategyId = "sma_crossover",
            AssetSymbol = "GOOG",
            StartDate = new DateTime(2004, 8, 19, 0, 0, 0, DateTimeKind.Utc),
            EndDate = new DateTime(2013, 3, 1, 0, 0, 0, DateTimeKind.Utc),
            InitialCapital = 10_000m,
            Status = RunStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        });
        return id;
    }
}
