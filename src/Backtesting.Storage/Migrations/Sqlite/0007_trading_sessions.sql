-- Trading sessions (see the PostgreSQL script).
CREATE TABLE trading_sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  status TEXT NOT NULL CHECK (status IN ('active', 'closed')),
  version INTEGER NOT NULL,
  asset_symbol TEXT NOT NULL,
  timeframe TEXT NOT NULL,
  terms TEXT NOT NULL CHECK (json_valid(terms)),
  state TEXT NOT NULL CHECK (json_valid(state)),
  run_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX ix_trading_sessions_user_created ON trading_sessions (user_id, created_at DESC, id);
CREATE INDEX ix_trading_sessions_user_active ON trading_sessions (user_id) WHERE status = 'active';

-- A closed session is stored as a completed run of kind backtrading_session. SQLite cannot alter a CHECK, and
-- rebuilding backtest_runs needs foreign keys off (impossible inside the migration's transaction), so the CHECK
-- is widened in the stored schema, as SQLite's ALTER TABLE documentation allows for relaxing a constraint: every
-- existing row satisfies the wider list. The table created and dropped after it bumps the schema version, so
-- every open connection reloads the schema.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
  SET sql = replace(sql, '''backtest_portfolio'', ''backtest_comparison'')', '''backtest_portfolio'', ''backtest_comparison'', ''backtrading_session'')')
  WHERE type = 'table' AND name = 'backtest_runs';
PRAGMA writable_schema = RESET;
CREATE TABLE schema_version_bump_0007 (x INTEGER);
DROP TABLE schema_version_bump_0007;
