using System.Globalization;
using Backtesting.Application.Ports;
using Backtesting.Application.Research;
using Microsoft.Extensions.DependencyInjection;

namespace Backtesting.Application.Schedules;

/// <summary>
/// Starts a schedule slot's optimization through the ordinary optimization use case, under the slot's
/// run id, as the schedule's owner. Idempotent: a run id that exists already is returned as it is.
/// </summary>
public sealed class ResearchOptimizationLauncher(IServiceProvider services, IRunStore runs) : IScheduledOptimizationLauncher
{
    public async Task<string> LaunchAsync(ScheduledOptimizationLaunch launch, CancellationToken ct = default)
    {
        if (await runs.GetByIdAsync(launch.RunId, ct).ConfigureAwait(false) is not null) return launch.RunId;
        var schedule = launch.Schedule;
        var request = new OptimizationApiRequest
        {
            StrategyId = schedule.StrategyId,
            AssetSymbol = launch.AssetSymbol,
            StartDate = launch.StartDate?.ToString("O", CultureInfo.InvariantCulture),
            EndDate = launch.EndDate.ToString("O", CultureInfo.InvariantCulture),
            InitialCapital = schedule.InitialCapital,
            RiskFreeRate = schedule.RiskFreeRate,
            Parameters = schedule.Parameters,
            Grid = schedule.ParameterGrid,
            Objective = schedule.Objective,
            Timeframe = schedule.Timeframe,
        };
        // resolved per call: the use case depends on the workflow starter, whose runner depends on the activity that calls this
        var research = services.GetRequiredService<ResearchService>();
        var run = await research.SubmitOptimizationAsync(schedule.UserId, request, ct, launch.RunId).ConfigureAwait(false);
        return run.BacktestId;
    }
}
