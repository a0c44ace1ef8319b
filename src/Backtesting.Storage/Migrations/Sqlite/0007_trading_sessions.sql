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
