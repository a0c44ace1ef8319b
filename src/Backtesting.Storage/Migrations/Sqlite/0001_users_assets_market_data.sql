-- The same tables as on PostgreSQL in SQLite's types: UTC timestamps as TEXT
-- 'yyyy-MM-dd HH:mm:ss.FFFFFFF' (how Microsoft.Data.Sqlite writes DateTime; sorts in time order),
-- decimals as TEXT (exact; a NUMERIC column would turn them into doubles), JSON as checked TEXT.

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  is_admin INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
);

CREATE TABLE api_keys (
  key_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  key_prefix TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
  revoked_at TEXT
);
CREATE INDEX ix_api_keys_user_id ON api_keys (user_id);

CREATE TABLE assets (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  asset_class TEXT NOT NULL DEFAULT 'equity',
  currency TEXT NOT NULL DEFAULT 'USD',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
);

-- Clustered on the primary key (WITHOUT ROWID), so a range read is one sequential scan.
-- bar_time holds UTC DateTime ticks: compact, and read without parsing text.
CREATE TABLE market_data (
  asset_id TEXT NOT NULL,
  timeframe TEXT NOT NULL,
  bar_time INTEGER NOT NULL,
  open REAL NOT NULL,
  high REAL NOT NULL,
  low REAL NOT NULL,
  close REAL NOT NULL,
  volume REAL NOT NULL,
  PRIMARY KEY (asset_id, timeframe, bar_time)
) WITHOUT ROWID;
