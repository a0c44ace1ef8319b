-- Users, their hashed API keys, assets and bars. Timestamps are UTC wall-clock values.

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  is_admin BOOLEAN NOT NULL DEFAULT false,
  created_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc')
);

-- Only the SHA-256 of a key is stored; the prefix lets a user recognise a key without revealing it.
CREATE TABLE api_keys (
  key_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  key_prefix TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
  revoked_at TIMESTAMP
);
CREATE INDEX ix_api_keys_user_id ON api_keys (user_id);

-- An asset's id is its symbol.
CREATE TABLE assets (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  asset_class TEXT NOT NULL DEFAULT 'equity',
  currency TEXT NOT NULL DEFAULT 'USD',
  created_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc')
);

-- One row per asset, timeframe and bar. The primary key is the range-read path
-- (asset_id, timeframe, bar_time BETWEEN ...). Prices are doubles, exactly as the engine holds them.
-- No foreign key to assets: its per-row check would slow bulk imports several-fold, and the
-- importer creates the asset in the same transaction as the bars. The key's text columns compare
-- bytewise (COLLATE "C"): symbols are ASCII, and a linguistic collation (the default on managed
-- servers) makes every key comparison of an import or range read several times slower.
CREATE TABLE market_data (
  asset_id TEXT COLLATE "C" NOT NULL,
  timeframe TEXT COLLATE "C" NOT NULL,
  bar_time TIMESTAMP NOT NULL,
  open DOUBLE PRECISION NOT NULL,
  high DOUBLE PRECISION NOT NULL,
  low DOUBLE PRECISION NOT NULL,
  close DOUBLE PRECISION NOT NULL,
  volume DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (asset_id, timeframe, bar_time)
);
