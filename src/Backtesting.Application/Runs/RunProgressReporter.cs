using Backtesting.Application.Events;
using Backtesting.Application.Ports;

namespace Backtesting.Application.Runs;

/// <summary>Stores a run's progress (ignored once it finished) and announces it to its listeners.</summary>
public sealed class RunProgressReporter(IRunStore runs, IRunEventPublisher events)
{
    public async Task ReportAsync(string userId, RunProgress progress, CancellationToken ct)
    {
        await runs.UpdateProgressAsync(progress, ct).ConfigureAwait(false);
        Announce(userId, progress);
    }

    /// <summary>Announces progress without storing it: for a last step whose completion stores it (<see cref="RunCompletion.FinalProgress"/>).</summary>
    public void Announce(string userId, RunProgress progress) =>
        events.Publish(new RunEvent(RunEvent.Progress, progress.RunId, userId, ProgressMessage.From(progress)));
}
