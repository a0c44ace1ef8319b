-- Trading sessions (ITradingSessionStore, DESIGN.md section 10). A session is stored whole: its fixed
-- terms and its engine state (clock, cash, position, orders, fills, trades, equity) as JSON documents,
-- with a version every write increments (a write names the version it read: optimistic concurrency).
CREATE TABLE trading_sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  status TEXT NOT NULL CHECK (status IN ('active', 'closed')),
  version BIGINT NOT NULL,
  asset_symbol TEXT NOT NULL,
  timeframe TEXT NOT NULL,
  terms JSONB NOT NULL,
  state JSONB NOT NULL,
  run_id TEXT,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
-- A user's sessions newest first, and the count of the active ones (the sessions-per-user limit).
CREATE INDEX ix_trading_sessions_user_created ON trading_sessions (user_id, created_at DESC, id);
CREATE INDEX ix_trading_sessions_user_active ON trading_sessions (user_id) WHERE status = 'active';

-- A closed session is stored as a completed run of kind backtrading_session.
ALTER TABLE backtest_runs DROP CONSTRAINT backtest_runs_kind_check;
ALTER TABLE backtest_runs ADD CONSTRAINT backtest_runs_kind_check CHECK (kind IN ('backtest_strategy', 'backtest_optimization',
  'backtest_monte_carlo', 'backtest_walk_forward', 'backtest_portfolio', 'backtest_comparison', 'backtrading_session'));
