-- Keys may expire (see the PostgreSQL script); UTC text like the other timestamps.
ALTER TABLE api_keys ADD COLUMN expires_at TEXT;
