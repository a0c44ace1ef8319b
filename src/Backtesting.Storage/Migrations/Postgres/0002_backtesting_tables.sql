-- The platform's tables with their columns and types as specified, plus the columns the job
-- runner needs (kind, progress, error, request, parent run, updated_at) and trade ordering.

CREATE TABLE trading_strategies (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT,
  strategy_type TEXT NOT NULL, -- 'trend', 'mean_reversion', 'momentum', etc.
  parameters_schema JSONB NOT NULL,
  default_parameters JSONB,
  is_active BOOLEAN DEFAULT true,
  created_at TIMESTAMP DEFAULT (now() AT TIME ZONE 'utc'),
  updated_at TIMESTAMP DEFAULT (now() AT TIME ZONE 'utc')
);

CREATE TABLE backtest_runs (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  strategy_id TEXT NOT NULL,
  asset_id TEXT NOT NULL,
  start_date TIMESTAMP NOT NULL,
  end_date TIMESTAMP NOT NULL,
  initial_capital DECIMAL NOT NULL,
  parameters JSONB,
  status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
  created_at TIMESTAMP DEFAULT (now() AT TIME ZONE 'utc'),
  completed_at TIMESTAMP,
  kind TEXT NOT NULL DEFAULT 'backtest_strategy' CHECK (kind IN ('backtest_strategy', 'backtest_optimization',
    'backtest_monte_carlo', 'backtest_walk_forward', 'backtest_portfolio', 'backtest_comparison')),
  progress DOUBLE PRECISION NOT NULL DEFAULT 0,
  current_bar_date TIMESTAMP,
  trades_executed INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  request JSONB,
  parent_run_id TEXT REFERENCES backtest_runs (id),
  updated_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
  FOREIGN KEY (user_id) REFERENCES users (id),
  FOREIGN KEY (asset_id) REFERENCES assets (id)
);
-- A user's runs newest first (optionally filtered by status or kind).
CREATE INDEX ix_backtest_runs_user_created ON backtest_runs (user_id, created_at DESC, id DESC);
-- Unfinished runs, for resuming after a restart and for the per-user concurrency limit.
CREATE INDEX ix_backtest_runs_unfinished ON backtest_runs (created_at, id) WHERE status IN ('pending', 'running');
CREATE INDEX ix_backtest_runs_user_unfinished ON backtest_runs (user_id) WHERE status IN ('pending', 'running');
-- Children of a parent job, oldest first.
CREATE INDEX ix_backtest_runs_parent ON backtest_runs (parent_run_id, created_at, id) WHERE parent_run_id IS NOT NULL;

CREATE TABLE backtest_results (
  id TEXT PRIMARY KEY,
  backtest_run_id TEXT NOT NULL,
  final_capital DECIMAL NOT NULL,
  total_return DECIMAL NOT NULL,
  sharpe_ratio DECIMAL,
  max_drawdown DECIMAL,
  win_rate DECIMAL,
  total_trades INTEGER,
  winning_trades INTEGER,
  losing_trades INTEGER,
  avg_win DECIMAL,
  avg_loss DECIMAL,
  profit_factor DECIMAL,
  metrics JSONB,
  equity_curve JSONB,
  created_at TIMESTAMP DEFAULT (now() AT TIME ZONE 'utc'),
  curve_blob TEXT,
  FOREIGN KEY (backtest_run_id) REFERENCES backtest_runs (id)
);
-- One result per run, found by run.
CREATE UNIQUE INDEX ux_backtest_results_run ON backtest_results (backtest_run_id);

CREATE TABLE backtest_trades (
  id TEXT PRIMARY KEY,
  backtest_run_id TEXT NOT NULL,
  entry_date TIMESTAMP NOT NULL,
  exit_date TIMESTAMP,
  direction TEXT NOT NULL CHECK (direction IN ('long', 'short')),
  entry_price DECIMAL NOT NULL,
  exit_price DECIMAL,
  quantity DECIMAL NOT NULL,
  pnl DECIMAL,
  pnl_percent DECIMAL,
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  sequence INTEGER NOT NULL,
  fees DECIMAL NOT NULL DEFAULT 0,
  exit_reason TEXT,
  FOREIGN KEY (backtest_run_id) REFERENCES backtest_runs (id)
);
-- A run's trades in order, paged.
CREATE UNIQUE INDEX ux_backtest_trades_run_sequence ON backtest_trades (backtest_run_id, sequence);
