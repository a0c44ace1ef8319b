-- The platform's tables (see the PostgreSQL script) with the job runner's extra columns.

CREATE TABLE trading_strategies (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT,
  strategy_type TEXT NOT NULL,
  parameters_schema TEXT NOT NULL CHECK (json_valid(parameters_schema)),
  default_parameters TEXT CHECK (default_parameters IS NULL OR json_valid(default_parameters)),
  is_active INTEGER DEFAULT 1,
  created_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
  updated_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
);

CREATE TABLE backtest_runs (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  strategy_id TEXT NOT NULL,
  asset_id TEXT NOT NULL REFERENCES assets (id),
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  initial_capital TEXT NOT NULL,
  parameters TEXT CHECK (parameters IS NULL OR json_valid(parameters)),
  status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
  created_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
  completed_at TEXT,
  kind TEXT NOT NULL DEFAULT 'backtest_strategy' CHECK (kind IN ('backtest_strategy', 'backtest_optimization',
    'backtest_monte_carlo', 'backtest_walk_forward', 'backtest_portfolio', 'backtest_comparison')),
  progress REAL NOT NULL DEFAULT 0,
  current_bar_date TEXT,
  trades_executed INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  request TEXT CHECK (request IS NULL OR json_valid(request)),
  parent_run_id TEXT REFERENCES backtest_runs (id),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now'))
);
CREATE INDEX ix_backtest_runs_user_created ON backtest_runs (user_id, created_at DESC, id DESC);
CREATE INDEX ix_backtest_runs_unfinished ON backtest_runs (created_at, id) WHERE status IN ('pending', 'running');
CREATE INDEX ix_backtest_runs_user_unfinished ON backtest_runs (user_id) WHERE status IN ('pending', 'running');
CREATE INDEX ix_backtest_runs_parent ON backtest_runs (parent_run_id, created_at, id) WHERE parent_run_id IS NOT NULL;

CREATE TABLE backtest_results (
  id TEXT PRIMARY KEY,
  backtest_run_id TEXT NOT NULL REFERENCES backtest_runs (id),
  final_capital TEXT NOT NULL,
  total_return TEXT NOT NULL,
  sharpe_ratio TEXT,
  max_drawdown TEXT,
  win_rate TEXT,
  total_trades INTEGER,
  winning_trades INTEGER,
  losing_trades INTEGER,
  avg_win TEXT,
  avg_loss TEXT,
  profit_factor TEXT,
  metrics TEXT CHECK (metrics IS NULL OR json_valid(metrics)),
  equity_curve TEXT CHECK (equity_curve IS NULL OR json_valid(equity_curve)),
  created_at TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
  curve_blob TEXT
);
CREATE UNIQUE INDEX ux_backtest_results_run ON backtest_results (backtest_run_id);

CREATE TABLE backtest_trades (
  id TEXT PRIMARY KEY,
  backtest_run_id TEXT NOT NULL REFERENCES backtest_runs (id),
  entry_date TEXT NOT NULL,
  exit_date TEXT,
  direction TEXT NOT NULL CHECK (direction IN ('long', 'short')),
  entry_price TEXT NOT NULL,
  exit_price TEXT,
  quantity TEXT NOT NULL,
  pnl TEXT,
  pnl_percent TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  sequence INTEGER NOT NULL,
  fees TEXT NOT NULL DEFAULT '0',
  exit_reason TEXT
);
CREATE UNIQUE INDEX ux_backtest_trades_run_sequence ON backtest_trades (backtest_run_id, sequence);
