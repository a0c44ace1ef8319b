namespace Backtesting.Application.Limits;

/// <summary>Resource limits, bound from configuration section "Backtesting:Limits"; every value has a sane default.</summary>
public sealed class BacktestingLimits
{
    public const string SectionName = "Backtesting:Limits";

    /// <summary>Most bars one run may simulate.</summary>
    public int MaxBarsPerRun { get; set; } = 5_000_000;

    /// <summary>Longest date range of a request, in days.</summary>
    public int MaxDateRangeDays { get; set; } = 365 * 50;

    /// <summary>Jobs a user may have pending or running at once.</summary>
    public int MaxConcurrentJobsPerUser { get; set; } = 10;

    /// <summary>What happens past that limit: "reject" (429) or "queue" (accepted, runs when a slot frees).</summary>
    public string ConcurrencyMode { get; set; } = "reject";

    /// <summary>Requests per minute per user (429 with Retry-After beyond it).</summary>
    public int RequestsPerMinutePerUser { get; set; } = 600;

    /// <summary>Requests per minute from one client address that authenticate no one (401s); beyond that 429 before any key is checked.</summary>
    public int UnauthenticatedRequestsPerMinutePerAddress { get; set; } = 120;

    /// <summary>Largest request body accepted (413 beyond it).</summary>
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Most keys a request's parameters object may have (a strategy takes about a dozen).</summary>
    public int MaxParameterKeys { get; set; } = 64;

    /// <summary>
    /// Own strategies (rules definitions) a user may store. The size of each definition is the engine's rule:
    /// <see cref="Engine.Rules.RuleParser.MaxLength"/> characters and <see cref="Engine.Rules.RuleStrategyDefinition.MaxRuleNodes"/> parts per rule.
    /// </summary>
    public int MaxStrategiesPerUser { get; set; } = 100;

    public int MaxGridCells { get; set; } = 10_000;
    public int MaxMonteCarloPaths { get; set; } = 100_000;
    public int MaxWalkForwardWindows { get; set; } = 500;

    /// <summary>Bars per backtest chunk activity (progress is reported after each chunk).</summary>
    public int ChunkBars { get; set; } = 50_000;

    /// <summary>Most chunks a request may ask for explicitly.</summary>
    public int MaxChunks { get; set; } = 200;

    /// <summary>Active (not closed) trading sessions a user may hold.</summary>
    public int MaxSessionsPerUser { get; set; } = 20;

    /// <summary>Most bars one trading session may replay (warm-up included).</summary>
    public int MaxBarsPerSession { get; set; } = 200_000;

    /// <summary>Most orders (any status) one trading session may hold.</summary>
    public int MaxOrdersPerSession { get; set; } = 20_000;

    /// <summary>Jobs the in-process runner executes at once (0 = core count).</summary>
    public int MaxParallelJobs { get; set; }

    /// <summary>Activities the in-process runner executes at once, over all its jobs (0 = core count).</summary>
    public int MaxParallelActivities { get; set; }
}
