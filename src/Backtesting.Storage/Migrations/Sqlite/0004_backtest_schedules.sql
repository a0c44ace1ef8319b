-- Scheduled batch optimizations (see the PostgreSQL script).
CREATE TABLE backtest_schedules (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  name TEXT NOT NULL,
  cron TEXT NOT NULL,
  strategy_id TEXT NOT NULL,
  parameter_grid TEXT NOT NULL CHECK (json_valid(parameter_grid)),
  parameters TEXT NOT NULL CHECK (json_valid(parameters)),
  assets TEXT NOT NULL CHECK (json_valid(assets)),
  timeframe TEXT NOT NULL,
  lookback_days INTEGER,
  initial_capital REAL NOT NULL,
  objective TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
  last_slot_at TEXT,
  last_run_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(last_run_ids))
);
CREATE INDEX ix_backtest_schedules_user_created ON backtest_schedules (user_id, created_at, id);
CREATE INDEX ix_backtest_schedules_enabled ON backtest_schedules (created_at, id) WHERE enabled;
