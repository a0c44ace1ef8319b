using Backtesting.Storage.Tests.Fixtures;
using Dapper;

namespace Backtesting.Storage.Tests.Postgres;

/// <summary>The platform's tables have exactly the columns and types of its schema (extra columns allowed), and the access paths have indexes.</summary>
public sealed class PostgresSchemaTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    private const string Text = "text", Timestamp = "timestamp without time zone", Decimal = "numeric", Json = "jsonb", Integer = "integer", Boolean = "boolean";

    public static TheoryData<string, string, string> PlatformColumns() => new()
    {
        { "backtest_runs", "id", Text }, { "backtest_runs", "user_id", Text }, { "backtest_runs", "strategy_id", Text },
        { "backtest_runs", "asset_id", Text }, { "backtest_runs", "start_date", Timestamp }, { "backtest_runs", "end_date", Timestamp },
        { "backtest_runs", "initial_capital", Decimal }, { "backtest_runs", "parameters", Json }, { "backtest_runs", "status", Text },
        { "backtest_runs", "created_at", Timestamp }, { "backtest_runs", "completed_at", Timestamp },
        { "backtest_results", "id", Text }, { "backtest_results", "backtest_run_id", Text }, { "backtest_results", "final_capital", Decimal },
        { "backtest_results", "total_return", Decimal }, { "backtest_results", "sharpe_ratio", Decimal }, { "backtest_results", "max_drawdown", Decimal },
        { "backtest_results", "win_rate", Decimal }, { "backtest_results", "total_trades", Integer }, { "backtest_results", "winning_trades", Integer },
        { "backtest_results", "losing_trades", Integer }, { "backtest_results", "avg_win", Decimal }, { "backtest_results", "avg_loss", Decimal },
        { "backtest_results", "profit_factor", Decimal }, { "backtest_results", "metrics", Json }, { "backtest_results", "equity_curve", Json },
        { "backtest_results", "created_at", Timestamp },
        { "backtest_trades", "id", Text }, { "backtest_trades", "backtest_run_id", Text }, { "backtest_trades", "entry_date", Timestamp },
        { "backtest_trades", "exit_date", Timestamp }, { "backtest_trades", "direction", Text }, { "backtest_trades", "entry_price", Decimal },
        { "backtest_trades", "exit_price", Decimal }, { "backtest_trades", "quantity", Decimal }, { "backtest_trades", "pnl", Decimal },
        { "backtest_trades", "pnl_percent", Decimal }, { "backtest_trades", "status", Text },
        { "trading_strategies", "id", Text }, { "trading_strategies", "name", Text }, { "trading_strategies", "description", Text },
        { "trading_strategies", "strategy_type", Text }, { "trading_strategies", "parameters_schema", Json },
        { "trading_strategies", "default_parameters", Json }, { "trading_strategies", "is_active", Boolean },
        { "trading_strategies", "created_at", Timestamp }, { "trading_strategies", "updated_at", Timestamp },
    };

    [Theory]
    [MemberData(nameof(PlatformColumns))]
    public async Task PlatformTable_HasColumnWithItsType(string table, string column, string type)
    {
        string? actual = await fixture.ScalarAsync<string>(
            "SELECT data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @Table AND column_name = @Column",
            new { Table = table, Column = column });

        Assert.Equal(type, actual);
    }

    [Theory]
    [InlineData("backtest_runs", "user_id", "users")]
    [InlineData("backtest_runs", "asset_id", "assets")]
    [InlineData("backtest_results", "backtest_run_id", "backtest_runs")]
    [InlineData("backtest_trades", "backtest_run_id", "backtest_runs")]
    public async Task PlatformTable_HasForeignKey(string table, string column, string referenced)
    {
        long count = await fixture.ScalarAsync<long>(
            """
            SELECT COUNT(*) FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
            WHERE c.contype = 'f' AND c.conrelid = @Table::regclass AND c.confrelid = @Referenced::regclass AND a.attname = @Column
            """,
            new { Table = table, Column = column, Referenced = referenced });

        Assert.Equal(1, count);
    }

    [Theory]
    [InlineData("SELECT id FROM backtest_runs WHERE user_id = 'u' ORDER BY created_at DESC, id DESC LIMIT 20", "ix_backtest_runs_user_created")]
    [InlineData("SELECT id FROM backtest_trades WHERE backtest_run_id = 'r' ORDER BY sequence LIMIT 20", "ux_backtest_trades_run_sequence")]
    [InlineData("SELECT bar_time FROM market_data WHERE asset_id = 'A' AND timeframe = '1d' AND bar_time >= '2020-01-01' ORDER BY bar_time", "market_data_pkey")]
    [InlineData("SELECT id FROM backtest_runs WHERE status IN ('pending', 'running') ORDER BY created_at, id", "_unfinished")]
    [InlineData("SELECT id FROM backtest_runs WHERE parent_run_id = 'p' ORDER BY created_at, id", "ix_backtest_runs_parent")]
    [InlineData("SELECT * FROM backtest_results WHERE backtest_run_id = 'r'", "ux_backtest_results_run")]
    public async Task AccessPath_UsesItsIndex(string query, string index)
    {
        await using var connection = await fixture.Owner.OpenAsync(default);
        // Small tables make sequential scans cheapest; turn them off to see which index serves the query.
        await connection.ExecuteAsync("SET enable_seqscan = off");
        var plan = string.Join("\n", await connection.QueryAsync<string>("EXPLAIN " + query));

        Assert.Contains(index, plan);
    }
}
