import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Progress } from '@modelcontextprotocol/sdk/types.js';
import { NotCompletedError } from './errors.js';
import { type FetchLike, type RetryPolicy, rateLimitAwareFetch, withRateLimitRetries } from './rateLimit.js';
import { readServerSentEvents } from './serverSentEvents.js';
import { type ToolAnswer, readToolAnswer, statusResource } from './toolAnswer.js';
import {
  type BacktestMetrics,
  type BacktestParams,
  type BacktestResults,
  type ComparisonArguments,
  type MonteCarloArguments,
  type OptimizationArguments,
  type PortfolioArguments,
  type ProgressCallback,
  type ResearchRun,
  type ResultsOptions,
  type RunOptions,
  type RunState,
  type RunStatus,
  type StrategyInfo,
  type Trade,
  type EquityPoint,
  type WalkForwardArguments,
  terminalStatuses,
} from './types.js';

/** How to reach the service. */
export interface MCPBacktestingClientOptions {
  /** The MCP endpoint, e.g. http://localhost:5080/mcp or https://<app>.azurewebsites.net/mcp. */
  url: string | URL;
  /** An API key (`backtest users create` prints one); sent as "Authorization: Bearer <key>". */
  apiKey?: string;
  /** Where the REST API lives, for streamProgress's Server-Sent Events fallback. Default: the MCP URL's origin. */
  restBaseUrl?: string | URL;
  /** 429 handling: 3 retries, honouring Retry-After up to 60 s (5 s when the answer names none). */
  retry?: Partial<RetryPolicy>;
  /** Longest wait for one MCP request without progress, in ms. Default 180000 (tools wait up to 120 s). */
  requestTimeoutMs?: number;
  /**
   * The channel of streamProgress: 'mcp' (progress notifications of get_backtest_status with wait_seconds), 'sse'
   * (GET /api/backtests/{id}/events), or 'auto' (default): MCP when the server's get_backtest_status takes wait_seconds.
   */
  progressSource?: 'auto' | 'mcp' | 'sse';
  /** A fetch to use instead of the global one (proxies, tests). */
  fetch?: FetchLike;
  clientInfo?: { name: string; version: string };
}

/** What initialize() learns about the server. */
export interface ServerInfo {
  name: string;
  version: string;
  instructions?: string;
}

/** The longest wait_seconds the service accepts. */
const maxWaitSeconds = 120;

/**
 * The platform's client of the backtesting service over MCP (Streamable HTTP): initialize(), runBacktest(params),
 * getResults(backtestId), streamProgress(backtestId, callback), plus status, metrics, cancellation, the catalog and the
 * research tools. Every call retries 429 answers after the Retry-After they carry and takes an AbortSignal; a tool's
 * isError answer throws {@link ToolError} with the service's message (it names the field and what is allowed).
 */
export class MCPBacktestingClient {
  private readonly url: URL;
  private readonly headers: Record<string, string>;
  private readonly fetchFn: FetchLike;
  private readonly policy: RetryPolicy;
  private readonly timeoutMs: number;
  private connecting?: Promise<Client>;
  private statusWaits?: Promise<boolean>;

  constructor(private readonly options: MCPBacktestingClientOptions) {
    this.url = new URL(options.url);
    this.headers = options.apiKey ? { Authorization: `Bearer ${options.apiKey}` } : {};
    this.fetchFn = rateLimitAwareFetch(options.fetch ?? ((url, init) => fetch(url, init)));
    this.policy = { maxRetries: 3, maxRetryDelayMs: 60_000, defaultDelayMs: 5_000, ...options.retry };
    this.timeoutMs = options.requestTimeoutMs ?? 180_000;
  }

  /** Connects and negotiates the protocol (every other method does it on first use too). */
  async initialize(signal?: AbortSignal): Promise<ServerInfo> {
    const client = await this.connection(signal);
    const server = client.getServerVersion();
    return { name: server?.name ?? '', version: server?.version ?? '', instructions: client.getInstructions() };
  }

  /**
   * Starts a backtest and returns its id. With `waitSeconds` the service answers when the run ends (or the wait runs
   * out), sending progress to `onProgress` meanwhile; either way the results come from getResults.
   */
  async runBacktest(params: BacktestParams, options: RunOptions = {}): Promise<string> {
    const args: Record<string, unknown> = {
      strategy_id: params.strategyId,
      asset_symbol: params.assetSymbol,
      start_date: params.startDate,
      end_date: params.endDate,
      initial_capital: params.initialCapital,
      parameters: params.parameters,
      risk_free_rate: params.riskFreeRate,
      timeframe: params.timeframe,
      chunks: params.chunks,
      wait_seconds: options.waitSeconds,
    };
    const answer = await this.callTool('run_backtest', args, options);
    return statusResource(answer).json.backtest_id;
  }

  /** Status and progress of a run (any kind). */
  async getStatus(backtestId: string, signal?: AbortSignal): Promise<RunState> {
    return runState(await this.callTool('get_backtest_status', { backtest_id: backtestId }, { signal }));
  }

  /**
   * The results of a completed backtest (or research run's representative backtest): every metric, a page of trades and
   * the downsampled equity curve. A pending or running run throws {@link NotCompletedError}; a failed or cancelled one
   * {@link ToolError} saying why.
   */
  async getResults(backtestId: string, options: ResultsOptions = {}): Promise<BacktestResults> {
    const answer = await this.callTool('get_backtest_results', {
      backtest_id: backtestId,
      trades_offset: options.tradesOffset,
      trades_limit: options.tradesLimit,
      max_points: options.maxPoints,
    }, options);
    const results = answer.resources.get(`backtest://${backtestId}/results`);
    if (!results) throw new NotCompletedError(backtestId, statusResource(answer).json.status);
    const json = results.json as { metrics: BacktestMetrics; trades: Trade[]; equity_curve: EquityPoint[] };
    const tradesTotal = typeof results.meta?.trades_total === 'number' ? results.meta.trades_total : json.trades.length;
    return { backtestId, metrics: json.metrics, trades: json.trades, equityCurve: json.equity_curve, tradesTotal };
  }

  /** Named metrics of a completed run, e.g. ['sharpe_ratio', 'max_drawdown']. */
  async getMetrics(backtestId: string, names: string[], signal?: AbortSignal): Promise<Partial<BacktestMetrics>> {
    const answer = await this.callTool('get_metrics', { backtest_id: backtestId, metrics: names }, { signal });
    return (answer.resources.get(`backtest://${backtestId}/metrics`)?.json.metrics ?? {}) as Partial<BacktestMetrics>;
  }

  /** Cancels a pending or running run on the service (aborting a call's signal only stops waiting for it). */
  async cancelBacktest(backtestId: string, signal?: AbortSignal): Promise<RunState> {
    return runState(await this.callTool('cancel_backtest', { backtest_id: backtestId }, { signal }));
  }

  /**
   * Follows a run until it ends, calling `callback` with each rise in progress, and resolves with its final state.
   * Fed by MCP progress notifications (get_backtest_status waiting up to 120 s per call, again until the run ends);
   * when the server cannot wait on a run (or `progressSource` says so) by the REST endpoint's Server-Sent Events.
   * Aborting `signal` stops following (the run goes on; cancelBacktest stops it).
   */
  async streamProgress(backtestId: string, callback: ProgressCallback, options: { signal?: AbortSignal } = {}): Promise<RunState> {
    const source = this.options.progressSource ?? 'auto';
    const useMcp = source === 'mcp' || (source === 'auto' && (await this.serverWaitsOnStatus(options.signal)));
    return useMcp ? this.streamOverMcp(backtestId, callback, options.signal) : this.streamOverSse(backtestId, callback, options.signal);
  }

  /** Grid or seeded random search of a strategy's parameters (tool run_optimization). */
  runOptimization(args: OptimizationArguments, options: RunOptions = {}): Promise<ResearchRun> {
    return this.research('run_optimization', args, options);
  }

  /** Walk-forward analysis: grid search in sample, then out of sample, window by window (tool run_walk_forward). */
  runWalkForward(args: WalkForwardArguments, options: RunOptions = {}): Promise<ResearchRun> {
    return this.research('run_walk_forward', args, options);
  }

  /** Monte Carlo: trade reshuffles or bootstraps, or simulated price paths (tool run_monte_carlo). */
  runMonteCarlo(args: MonteCarloArguments, options: RunOptions = {}): Promise<ResearchRun> {
    return this.research('run_monte_carlo', args, options);
  }

  /** Several assets in one cash account (tool run_portfolio_backtest). */
  runPortfolioBacktest(args: PortfolioArguments, options: RunOptions = {}): Promise<ResearchRun> {
    return this.research('run_portfolio_backtest', args, options);
  }

  /** Strategies side by side on one asset, ranked and correlated (tool compare_strategies). */
  compareStrategies(args: ComparisonArguments, options: RunOptions = {}): Promise<ResearchRun> {
    return this.research('compare_strategies', args, options);
  }

  /** Status and, once completed, the summary of a research run. */
  async getResearchResults(backtestId: string, signal?: AbortSignal): Promise<ResearchRun> {
    return researchRun(await this.callTool('get_research_results', { backtest_id: backtestId }, { signal }));
  }

  /** The strategy catalog with each strategy's parameter schema and defaults. */
  async listStrategies(signal?: AbortSignal): Promise<StrategyInfo[]> {
    const answer = await this.callTool('list_strategies', {}, { signal });
    const [resource] = answer.resources.values();
    const json = resource?.json as { strategies?: StrategyInfo[] } | undefined;
    return json?.strategies ?? [];
  }

  /**
   * Calls any tool of the service by name with its MCP arguments and returns its text line and JSON resources;
   * retries 429s like every other method, throws {@link ToolError} on an isError answer.
   */
  async callTool(name: string, args: Record<string, unknown>, options: Pick<RunOptions, 'signal' | 'onProgress'> = {}): Promise<ToolAnswer> {
    const definedArgs = Object.fromEntries(Object.entries(args).filter(([, value]) => value !== undefined));
    const onprogress = options.onProgress ? (p: Progress) => options.onProgress!({ progress: p.progress, message: p.message, source: 'mcp' }) : undefined;
    try {
      return await withRateLimitRetries(async () => {
        const client = await this.connection(options.signal);
        const result = await client.callTool({ name, arguments: definedArgs }, undefined, {
          signal: options.signal,
          onprogress,
          timeout: this.timeoutMs,
          resetTimeoutOnProgress: true,
        });
        return readToolAnswer(name, result);
      }, this.policy, options.signal);
    } catch (error) {
      // the SDK reports an abort after sending as an McpError; callers get the signal's own reason (an AbortError) every time
      if (options.signal?.aborted) throw options.signal.reason;
      throw error;
    }
  }

  /** Closes the connection (a stateless server keeps nothing of it). */
  async close(): Promise<void> {
    const connecting = this.connecting;
    this.connecting = undefined;
    if (connecting) await (await connecting.catch(() => undefined))?.close();
  }

  private research(tool: string, args: object, options: RunOptions): Promise<ResearchRun> {
    return this.callTool(tool, { ...args, wait_seconds: options.waitSeconds }, options).then(researchRun);
  }

  private connection(signal?: AbortSignal): Promise<Client> {
    this.connecting ??= withRateLimitRetries(() => this.connect(signal), this.policy, signal).catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }

  private async connect(signal?: AbortSignal): Promise<Client> {
    const client = new Client(this.options.clientInfo ?? { name: 'backtesting-client', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(this.url, { requestInit: { headers: this.headers }, fetch: this.fetchFn });
    try {
      await client.connect(transport, { signal, timeout: this.timeoutMs });
    } catch (error) {
      await client.close().catch(() => undefined);
      throw error;
    }
    return client;
  }

  /** Whether get_backtest_status can wait on a run (and so send its progress as MCP notifications). */
  private serverWaitsOnStatus(signal?: AbortSignal): Promise<boolean> {
    this.statusWaits ??= withRateLimitRetries(async () => (await this.connection(signal)).listTools(undefined, { signal }), this.policy, signal)
      .then(({ tools }) => {
        const properties = tools.find((tool) => tool.name === 'get_backtest_status')?.inputSchema.properties ?? {};
        return 'wait_seconds' in properties;
      })
      .catch((error: unknown) => {
        this.statusWaits = undefined;
        throw error;
      });
    return this.statusWaits;
  }

  private async streamOverMcp(backtestId: string, callback: ProgressCallback, signal?: AbortSignal): Promise<RunState> {
    let reported = -1;
    for (;;) {
      const answer = await this.callTool('get_backtest_status', { backtest_id: backtestId, wait_seconds: maxWaitSeconds }, {
        signal,
        // each call starts by repeating where the run stands: pass on rises only
        onProgress: (update) => {
          if (update.progress <= reported) return;
          reported = update.progress;
          callback({ ...update, backtestId });
        },
      });
      const state = runState(answer);
      if (isTerminal(state.status)) return state;
    }
  }

  private async streamOverSse(backtestId: string, callback: ProgressCallback, signal?: AbortSignal): Promise<RunState> {
    const base = new URL(this.options.restBaseUrl ?? this.url.origin);
    const url = new URL(`api/backtests/${encodeURIComponent(backtestId)}/events`, base.href.endsWith('/') ? base : new URL(`${base.href}/`));
    let reported = -1;
    return withRateLimitRetries(async () => {
      for await (const { event, data } of readServerSentEvents(this.fetchFn, url, this.headers, signal)) {
        const message = (data as { data?: Record<string, unknown> }).data ?? {};
        if (event === 'backtest_progress' && typeof message.progress === 'number' && message.progress > reported) {
          reported = message.progress;
          callback({
            backtestId,
            progress: message.progress,
            currentDate: message.currentDate as string | null | undefined,
            tradesExecuted: message.tradesExecuted as number | undefined,
            source: 'sse',
          });
        } else if (event === 'backtest_complete') {
          return {
            backtestId,
            status: message.status as RunStatus,
            error: (message.error as string | undefined) ?? null,
            progress: reported >= 0 ? reported : undefined,
          };
        }
      }
      // the stream ended without the final event (e.g. a proxy closed it): ask once
      return this.getStatus(backtestId, signal);
    }, this.policy, signal);
  }
}

function isTerminal(status: string): boolean {
  return (terminalStatuses as readonly string[]).includes(status);
}

/** The state in a run answer: backtest://{id} has {backtest_id, status}, its _meta the whole run. */
function runState(answer: ToolAnswer): RunState {
  const { json, meta } = statusResource(answer);
  return {
    backtestId: json.backtest_id,
    status: json.status as RunStatus,
    progress: typeof meta?.progress === 'number' ? meta.progress : undefined,
    currentDate: (meta?.current_date as string | null | undefined) ?? null,
    tradesExecuted: typeof meta?.trades_executed === 'number' ? meta.trades_executed : undefined,
    error: (meta?.error as string | null | undefined) ?? null,
    text: answer.text,
  };
}

function researchRun(answer: ToolAnswer): ResearchRun {
  const { json } = statusResource(answer);
  const summary = answer.resources.get(`backtest://${json.backtest_id}/summary`)?.json as { kind?: string; summary?: Record<string, unknown> } | undefined;
  return { backtestId: json.backtest_id, status: json.status as RunStatus, kind: summary?.kind, text: answer.text, summary: summary?.summary };
}
