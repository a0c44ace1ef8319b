namespace Backtesting.Application.Runs;

/// <summary>Run lifecycle: pending -> running -> completed | failed | cancelled.</summary>
public static class RunStatus
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static IReadOnlyList<string> All { get; } = [Pending, Running, Completed, Failed, Cancelled];

    /// <summary>True for statuses a run never leaves.</summary>
    public static bool IsTerminal(string status) => status is Completed or Failed or Cancelled;
}
