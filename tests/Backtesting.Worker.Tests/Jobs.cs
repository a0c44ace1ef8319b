namespace Backtesting.Worker.Tests;

/// <summary>The request bodies these tests submit (GOOG daily bars 2004-2013, seeded by the local host).</summary>
internal static class Jobs
{
    public const string GridActivity = "EvaluateCellsActivity";

    public static object GoogSma(int chunks) => new
    {
        strategy_id = "sma_crossover",
        asset_symbol = "GOOG",
        start_date = "2004-01-01",
        end_date = "2013-12-31",
        initial_capital = 10000,
        parameters = new { fast_period = 10, slow_period = 20, commission = 0.002 },
        chunks,
    };

    /// <summary>fast x slow periods of sma_crossover on GOOG, <paramref name="batchSize"/> cells per activity.</summary>
    public static object GoogGrid(string fast, string slow, int batchSize) => new
    {
        strategy_id = "sma_crossover",
        asset_symbol = "GOOG",
        start_date = "2004-01-01",
        end_date = "2013-12-31",
        initial_capital = 10000,
        parameters = new { commission = 0.002 },
        grid = new { fast_period = fast, slow_period = slow },
        objective = "sharpe_ratio",
        batch_size = batchSize,
    };
}
