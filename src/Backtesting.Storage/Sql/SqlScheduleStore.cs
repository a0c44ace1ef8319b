using System.Text.Json;
using Backtesting.Application.Json;
using Backtesting.Application.Ports;
using Backtesting.Application.Schedules;
using Dapper;

namespace Backtesting.Storage.Sql;

/// <summary>
/// <see cref="IScheduleStore"/> over <c>backtest_schedules</c>, the same queries on PostgreSQL and
/// SQLite. The grid, fixed parameters, assets and last run ids are stored as JSON documents; a slot is
/// recorded by one conditional update, so concurrent timers never move a schedule back to an older slot.
/// </summary>
public sealed class SqlScheduleStore(SqlDatabase database) : IScheduleStore
{
    private const string Columns =
        "id AS Id, user_id AS UserId, name AS Name, cron AS Cron, strategy_id AS StrategyId, parameter_grid AS ParameterGrid, " +
        "parameters AS Parameters, assets AS Assets, timeframe AS Timeframe, lookback_days AS LookbackDays, " +
        "initial_capital AS InitialCapital, risk_free_rate AS RiskFreeRate, objective AS Objective, enabled AS Enabled, created_at AS CreatedAt, " +
        "last_slot_at AS LastSlotUtc, last_run_ids AS LastRunIds";

    private readonly string _insert =
        "INSERT INTO backtest_schedules (id, user_id, name, cron, strategy_id, parameter_grid, parameters, assets, timeframe, " +
        "lookback_days, initial_capital, risk_free_rate, objective, enabled, created_at, last_slot_at, last_run_ids) VALUES (@Id, @UserId, @Name, " +
        $"@Cron, @StrategyId, {database.Json("@ParameterGrid")}, {database.Json("@Parameters")}, {database.Json("@Assets")}, " +
        "@Timeframe, @LookbackDays, @InitialCapital, @RiskFreeRate, @Objective, @Enabled, @CreatedAt, @LastSlotUtc, " +
        $"{database.Json("@LastRunIds")})";

    // The condition is re-checked against the current row under its lock (PostgreSQL) or the single
    // writer (SQLite), so of two concurrent slots the newer one always stays.
    private readonly string _recordSlot =
        $"UPDATE backtest_schedules SET last_slot_at = @SlotUtc, last_run_ids = {database.Json("@RunIds")} " +
        "WHERE id = @ScheduleId AND (last_slot_at IS NULL OR last_slot_at < @SlotUtc)";

    public async Task CreateAsync(OptimizationSchedule schedule, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(_insert, ScheduleRow.From(schedule), cancellationToken: ct));
    }

    public async Task<OptimizationSchedule?> GetAsync(string userId, string scheduleId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<ScheduleRow>(new CommandDefinition(
            $"SELECT {Columns} FROM backtest_schedules WHERE id = @ScheduleId AND user_id = @UserId",
            new { ScheduleId = scheduleId, UserId = userId }, cancellationToken: ct));
        return row?.ToSchedule();
    }

    public Task<IReadOnlyList<OptimizationSchedule>> ListAsync(string userId, CancellationToken ct = default) =>
        QueryAsync($"SELECT {Columns} FROM backtest_schedules WHERE user_id = @UserId ORDER BY created_at, id", new { UserId = userId }, ct);

    public Task<IReadOnlyList<OptimizationSchedule>> ListEnabledAsync(CancellationToken ct = default) =>
        QueryAsync($"SELECT {Columns} FROM backtest_schedules WHERE enabled ORDER BY created_at, id", null, ct);

    public async Task<bool> DeleteAsync(string userId, string scheduleId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        int deleted = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM backtest_schedules WHERE id = @ScheduleId AND user_id = @UserId",
            new { ScheduleId = scheduleId, UserId = userId }, cancellationToken: ct));
        return deleted == 1;
    }

    public async Task RecordSlotAsync(string scheduleId, DateTime slotUtc, IReadOnlyList<string> runIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(_recordSlot,
            new { ScheduleId = scheduleId, SlotUtc = DbTime.ToDb(slotUtc), RunIds = JsonSerializer.Serialize(runIds) }, cancellationToken: ct));
    }

    private async Task<IReadOnlyList<OptimizationSchedule>> QueryAsync(string sql, object? parameters, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<ScheduleRow>(new CommandDefinition(sql, parameters, cancellationToken: ct));
        return rows.Select(r => r.ToSchedule()).ToList();
    }

    // A row with settable properties: SQLite returns booleans and small numbers as 64-bit integers,
    // which Dapper converts for a property but not for a constructor.
    private sealed class ScheduleRow
    {
        public string Id { get; set; } = "";
        public string UserId { get; set; } = "";
        public string Name { get; set; } = "";
        public string Cron { get; set; } = "";
        public string StrategyId { get; set; } = "";
        public string ParameterGrid { get; set; } = "{}";
        public string Parameters { get; set; } = "{}";
        public string Assets { get; set; } = "[]";
        public string Timeframe { get; set; } = "";
        public int? LookbackDays { get; set; }
        public double InitialCapital { get; set; }
        public double RiskFreeRate { get; set; }
        public string Objective { get; set; } = "";
        public bool Enabled { get; set; }
        public DateTime CreatedAt { get; set; }
        public DateTime? LastSlotUtc { get; set; }
        public string LastRunIds { get; set; } = "[]";

        public static ScheduleRow From(OptimizationSchedule s) => new()
        {
            Id = s.Id,
            UserId = s.UserId,
            Name = s.Name,
            Cron = s.Cron,
            StrategyId = s.StrategyId,
            ParameterGrid = WorkflowJson.Serialize(s.ParameterGrid),
            Parameters = WorkflowJson.Serialize(s.Parameters),
            Assets = JsonSerializer.Serialize(s.Assets),
            Timeframe = s.Timeframe,
            LookbackDays = s.LookbackDays,
            InitialCapital = s.InitialCapital,
            RiskFreeRate = s.RiskFreeRate,
            Objective = s.Objective,
            Enabled = s.Enabled,
            CreatedAt = DbTime.ToDb(s.CreatedAt),
            LastSlotUtc = DbTime.ToDb(s.LastSlotUtc),
            LastRunIds = JsonSerializer.Serialize(s.LastRunIds),
        };

        public OptimizationSchedule ToSchedule() => new()
        {
            Id = Id,
            UserId = UserId,
            Name = Name,
            Cron = Cron,
            StrategyId = StrategyId,
            ParameterGrid = WorkflowJson.Deserialize<Dictionary<string, JsonElement>>(ParameterGrid),
            Parameters = WorkflowJson.Deserialize<Dictionary<string, JsonElement>>(Parameters),
            Assets = JsonSerializer.Deserialize<string[]>(Assets) ?? [],
            Timeframe = Timeframe,
            LookbackDays = LookbackDays,
            InitialCapital = InitialCapital,
            RiskFreeRate = RiskFreeRate,
            Objective = Objective,
            Enabled = Enabled,
            CreatedAt = DbTime.FromDb(CreatedAt),
            LastSlotUtc = DbTime.FromDb(LastSlotUtc),
            LastRunIds = JsonSerializer.Deserialize<string[]>(LastRunIds) ?? [],
        };
    }
}
