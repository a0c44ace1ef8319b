namespace Backtesting.Local.Startup;

/// <summary>
/// Tests' seam into <see cref="StartupWarmup"/>: registered, it holds the warm-up after its runs, while the throwaway host
/// is still up, until <see cref="Release"/> completes; <see cref="Reached"/> says it got there.
/// </summary>
internal sealed class StartupWarmupHold
{
    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
