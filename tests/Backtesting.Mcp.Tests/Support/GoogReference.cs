using System.Text.Json.Nodes;

namespace Backtesting.Mcp.Tests.Support;

/// <summary>The GOOG sma_crossover 10/20 long-only run of DESIGN section 6 and its reference figures.</summary>
public static class GoogReference
{
    public static Dictionary<string, object?> Arguments(int waitSeconds = 60, int? chunks = null)
    {
        var arguments = new Dictionary<string, object?>
        {
            ["strategy_id"] = "sma_crossover",
            ["asset_symbol"] = "GOOG",
            ["initial_capital"] = 10000,
            ["parameters"] = new Dictionary<string, object?>
            {
                ["fast_period"] = 10,
                ["slow_period"] = 20,
                ["direction"] = "long",
                ["position_size"] = 1,
                ["commission"] = 0.002,
            },
            ["wait_seconds"] = waitSeconds,
        };
        if (chunks is not null) arguments["chunks"] = chunks;
        return arguments;
    }

    /// <summary>Asserts the metrics and the first closed trade of DESIGN section 6.</summary>
    public static void AssertMatches(JsonObject results)
    {
        var m = results["metrics"]!.AsObject();
        Assert.Equal(63341.19136, (double)m["final_capital"]!, 4);
        Assert.Equal(5.334119136, (double)m["total_return"]!, 8);
        Assert.Equal(0.2001734114, (double)m["max_drawdown"]!, 9);
        Assert.Equal(46, (int)m["total_trades"]!);
        Assert.Equal(1, (int)m["open_trades"]!);
        Assert.Equal(0.6086956522, (double)m["win_rate"]!, 9);
        Assert.Equal(2.75115771, (double)m["profit_factor"]!, 7);
        Assert.Equal(985.70958261, (double)m["expectancy"]!, 6);
        Assert.Equal(1.08115269, (double)m["sharpe_ratio"]!, 7);
        Assert.Equal(5908.84864, (double)m["total_fees"]!, 5);

        var first = results["trades"]!.AsArray()[0]!;
        Assert.Equal(55, (double)first["quantity"]!);
        Assert.Equal("2004-12-06T00:00:00Z", (string)first["entry_date"]!);
        Assert.Equal(179.13, (double)first["entry_price"]!, 6);
        Assert.Equal("2004-12-20T00:00:00Z", (string)first["exit_date"]!);
        Assert.Equal(182.00, (double)first["exit_price"]!, 6);
        Assert.Equal(118.1257, (double)first["pnl"]!, 4);
    }
}
