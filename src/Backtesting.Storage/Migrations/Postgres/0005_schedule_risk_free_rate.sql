-- The annual risk-free rate of a schedule's optimizations (Sharpe and Sortino on excess returns);
-- schedules created before it existed keep 0, the rate they ran with.
ALTER TABLE backtest_schedules ADD COLUMN risk_free_rate DOUBLE PRECISION NOT NULL DEFAULT 0;
