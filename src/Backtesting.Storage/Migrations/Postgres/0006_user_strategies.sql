-- Users' own strategies (DESIGN section 9) are rows of trading_strategies too: a built-in row has no owner
-- and no definition (it stays as it was); a user's row names its owner and keeps the definition (rules)
-- it was created from. Ids are unique among the built-ins and per owner, so the primary key on id alone goes.
ALTER TABLE trading_strategies DROP CONSTRAINT trading_strategies_pkey;
ALTER TABLE trading_strategies ADD COLUMN owner_user_id TEXT REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE trading_strategies ADD COLUMN definition JSONB;
ALTER TABLE trading_strategies ADD CONSTRAINT ck_trading_strategies_owned_definition
  CHECK ((owner_user_id IS NULL) = (definition IS NULL));
CREATE UNIQUE INDEX ux_trading_strategies_builtin ON trading_strategies (id) WHERE owner_user_id IS NULL;
CREATE UNIQUE INDEX ux_trading_strategies_owner ON trading_strategies (owner_user_id, id) WHERE owner_user_id IS NOT NULL;
