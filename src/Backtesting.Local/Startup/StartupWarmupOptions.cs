namespace Backtesting.Local.Startup;

/// <summary>Configuration section "Backtesting:Warmup": the start-up warm-up (<see cref="StartupWarmup"/>).</summary>
public sealed class StartupWarmupOptions
{
    public const string SectionName = "Backtesting:Warmup";

    /// <summary>
    /// GOOG backtests the warm-up runs through a throwaway copy of the host before the service reports ready; 0 turns it off.
    /// 200: after that many, p50 and throughput right after ready stop improving (docs/performance-log.md, "start-up warm-up").
    /// </summary>
    public int Runs { get; set; } = 200;

    /// <summary>Where the throwaway host's database and blob folder are created (and deleted again); default the system's temp folder.</summary>
    public string? Directory { get; set; }

    /// <summary>The error of a value outside the allowed range, naming the setting; null when valid.</summary>
    internal string? Validate() =>
        Runs < 0 ? $"{SectionName}:{nameof(Runs)} is {Runs}: 0 (no warm-up) or a positive number of runs" : null;
}
