-- Users' own strategies (see the PostgreSQL script). SQLite cannot drop a primary key, so the table is
-- rebuilt with the same columns plus owner_user_id and definition; built-in rows are copied unchanged.
CREATE TABLE trading_strategies_0006 (
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  strategy_type TEXT NOT NULL,
  parameters_schema TEXT NOT NULL CHECK (json_valid(parameters_schema)),
  default_parameters TEXT CHECK (default_parameters IS NULL OR json_valid(default_parameters)),
  is_active INTEGER DEFAULT 1,
  created_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
  updated_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
  owner_user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
  definition TEXT CHECK (definition IS NULL OR json_valid(definition)),
  CHECK ((owner_user_id IS NULL) = (definition IS NULL))
);
INSERT INTO trading_strategies_0006 (id, name, description, strategy_type, parameters_schema, default_parameters, is_active, created_at, updated_at)
  SELECT id, name, description, strategy_type, parameters_schema, default_parameters, is_active, created_at, updated_at FROM trading_strategies;
DROP TABLE trading_strategies;
ALTER TABLE trading_strategies_0006 RENAME TO trading_strategies;
CREATE UNIQUE INDEX ux_trading_strategies_builtin ON trading_strategies (id) WHERE owner_user_id IS NULL;
CREATE UNIQUE INDEX ux_trading_strategies_owner ON trading_strategies (owner_user_id, id) WHERE owner_user_id IS NOT NULL;
