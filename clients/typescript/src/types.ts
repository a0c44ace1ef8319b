/** Run status, as in the platform's schema plus cancellation. */
export type RunStatus = 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';

/** The statuses a run never leaves. */
export const terminalStatuses: readonly RunStatus[] = ['completed', 'failed', 'cancelled'];

/** Strategy parameters by name (`fast_period`, `commission`, ...); see listStrategies for each strategy's schema. */
export type StrategyParameters = Record<string, number | string | boolean>;

/** What the platform's worker sends for one backtest (its BacktestTask payload, with the date range spelled out). */
export interface BacktestParams {
  /** Strategy id, e.g. 'sma_crossover' (listStrategies). */
  strategyId: string;
  /** Stored asset, e.g. 'GOOG' (listAssets). */
  assetSymbol: string;
  /** First bar: ISO 8601 date or UTC date-time; omitted: the first stored bar. */
  startDate?: string;
  /** Last bar, inclusive; omitted: the last stored bar. */
  endDate?: string;
  /** Starting cash (default 10000). */
  initialCapital?: number;
  parameters?: StrategyParameters;
  /** Annual risk-free rate as a fraction in [-1, 1] for sharpe_ratio and sortino_ratio (default 0). */
  riskFreeRate?: number;
  /** Bar timeframe of the stored data (default '1d'). */
  timeframe?: string;
  /** Split the simulation into this many time chunks (more progress steps; same results). */
  chunks?: number;
}

/** The metrics of a run, under the service's names (fractions, not percent; DESIGN section 5). */
export interface BacktestMetrics {
  final_capital: number;
  total_return: number;
  annual_return: number;
  max_drawdown: number;
  max_drawdown_duration: number;
  sharpe_ratio: number | null;
  sortino_ratio: number | null;
  calmar_ratio: number | null;
  total_trades: number;
  open_trades: number;
  winning_trades: number;
  losing_trades: number;
  win_rate: number | null;
  avg_win: number | null;
  avg_loss: number | null;
  profit_factor: number | null;
  expectancy: number | null;
  total_fees: number;
  exposure: number;
  buy_and_hold_return: number;
  periods_per_year: number;
  risk_free_rate: number;
  [name: string]: number | null | undefined;
}

/** One trade; an open one has no exit yet. pnl is net of both legs' commission. */
export interface Trade {
  entry_date: string;
  exit_date: string | null;
  entry_price: number;
  exit_price: number | null;
  quantity: number;
  pnl: number | null;
  pnl_percent: number | null;
  status: 'open' | 'closed';
  exit_reason?: string | null;
  [field: string]: unknown;
}

/** One point of the (downsampled) equity curve: [ISO 8601 UTC time, equity]. */
export type EquityPoint = [time: string, equity: number];

/** The results of a completed backtest: every metric, one page of trades and the downsampled equity curve. */
export interface BacktestResults {
  backtestId: string;
  metrics: BacktestMetrics;
  trades: Trade[];
  equityCurve: EquityPoint[];
  /** Trades in the whole run (the page holds trades.length of them from tradesOffset). */
  tradesTotal: number;
}

/** getResults' paging of trades and downsampling of the curve. */
export interface ResultsOptions {
  /** First trade (0-based; default 0). */
  tradesOffset?: number;
  /** Trades per page, 1-500 (default 20). */
  tradesLimit?: number;
  /** Most curve points, 2-2000 (default 100). */
  maxPoints?: number;
  signal?: AbortSignal;
}

/** A run's status with what the service tells about its progress. */
export interface RunState {
  backtestId: string;
  status: RunStatus;
  /** Percent done, 0-100. */
  progress?: number;
  /** The last bar date simulated. */
  currentDate?: string | null;
  tradesExecuted?: number;
  /** Why it failed. */
  error?: string | null;
  /** The tool's text line. */
  text?: string;
}

/** One progress report of a run, whichever channel brought it. */
export interface ProgressUpdate {
  backtestId: string;
  /** Percent done, 0-100. */
  progress: number;
  /** The service's description, e.g. "running: 50 % (2008-08-29 reached, 23 trades)" (MCP notifications). */
  message?: string;
  currentDate?: string | null;
  tradesExecuted?: number;
  /** MCP progress notifications, or the REST endpoint's Server-Sent Events (the fallback). */
  source: 'mcp' | 'sse';
}

export type ProgressCallback = (update: ProgressUpdate) => void;

/** Options of the calls that start a run. */
export interface RunOptions {
  /**
   * Seconds (0-120) the service waits for the run before answering; progress notifications come meanwhile
   * (to `onProgress`). Default 0: the id comes back at once.
   */
  waitSeconds?: number;
  onProgress?: (update: Omit<ProgressUpdate, 'backtestId'> & { backtestId?: string }) => void;
  signal?: AbortSignal;
}

/** The answer of a research tool: the run's id and status and, once completed, its summary. */
export interface ResearchRun<TSummary = Record<string, unknown>> {
  backtestId: string;
  status: RunStatus;
  kind?: string;
  /** The tool's text line with the headline numbers. */
  text: string;
  /** The summary (README "Research results: definitions"), present once completed. */
  summary?: TSummary;
}

/** An integer grid axis: start, stop (inclusive), step. "5:50:5" is accepted too. */
export type GridAxis = { start: number; stop: number; step: number } | string | number[];

/** Arguments of the research tools, under their MCP names (tools/list has every one with its description). */
export interface OptimizationArguments {
  strategy_id: string;
  asset_symbol: string;
  grid: Record<string, GridAxis>;
  objective?: string;
  [argument: string]: unknown;
}

export interface WalkForwardArguments {
  strategy_id: string;
  asset_symbol: string;
  grid: Record<string, GridAxis>;
  /** In-sample length: bars ('500') or a duration ('730d'). */
  in_sample: string;
  /** Out-of-sample length, as in_sample. */
  out_of_sample: string;
  mode?: 'rolling' | 'anchored';
  [argument: string]: unknown;
}

export interface MonteCarloArguments {
  strategy_id: string;
  asset_symbol: string;
  method?: 'trade_reshuffle' | 'trade_bootstrap' | 'block_bootstrap' | 'gbm';
  paths?: number;
  seed?: number;
  [argument: string]: unknown;
}

export interface PortfolioArguments {
  assets: { symbol: string; weight?: number; strategy_id?: string; parameters?: StrategyParameters }[];
  [argument: string]: unknown;
}

export interface ComparisonArguments {
  asset_symbol: string;
  candidates: { strategy_id: string; parameters?: StrategyParameters; label?: string }[];
  [argument: string]: unknown;
}

/** A strategy of the catalog with its JSON schema. */
export interface StrategyInfo {
  id: string;
  name: string;
  description: string;
  strategy_type: string;
  parameters_schema: Record<string, unknown>;
  default_parameters: StrategyParameters;
  [field: string]: unknown;
}
