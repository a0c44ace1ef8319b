-- The annual risk-free rate of a schedule's optimizations (see the PostgreSQL script).
ALTER TABLE backtest_schedules ADD COLUMN risk_free_rate REAL NOT NULL DEFAULT 0;
