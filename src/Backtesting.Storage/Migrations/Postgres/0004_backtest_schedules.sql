-- Scheduled batch optimizations (IScheduleStore). The grid, fixed parameters, assets and the last
-- slot's run ids are JSON documents the service reads whole; last_slot_at only ever moves forward.
CREATE TABLE backtest_schedules (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  name TEXT NOT NULL,
  cron TEXT NOT NULL,
  strategy_id TEXT NOT NULL,
  parameter_grid JSONB NOT NULL,
  parameters JSONB NOT NULL,
  assets JSONB NOT NULL,
  timeframe TEXT NOT NULL,
  lookback_days INTEGER,
  initial_capital DOUBLE PRECISION NOT NULL,
  objective TEXT NOT NULL,
  enabled BOOLEAN NOT NULL DEFAULT true,
  created_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
  last_slot_at TIMESTAMP,
  last_run_ids JSONB NOT NULL DEFAULT '[]'
);
-- A user's schedules, oldest first.
CREATE INDEX ix_backtest_schedules_user_created ON backtest_schedules (user_id, created_at, id);
-- The enabled schedules the timer checks for due slots.
CREATE INDEX ix_backtest_schedules_enabled ON backtest_schedules (created_at, id) WHERE enabled;
