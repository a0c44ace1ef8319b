/** Base class of the errors this client throws itself (transport and protocol errors come from the MCP SDK). */
export class BacktestingClientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * The service answered 429 Too Many Requests (its per-user rate limit or concurrency limit) and the client will not
 * (or may no longer) retry: the retries are used up, or Retry-After asks for a longer wait than `maxRetryDelayMs`.
 */
export class RateLimitError extends BacktestingClientError {
  constructor(
    message: string,
    /** The wait the service asked for (Retry-After), in milliseconds; undefined when it named none. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
  }
}

/** A tool answered with isError: bad arguments (the text names the field and what is allowed), an unknown run, a limit. */
export class ToolError extends BacktestingClientError {
  constructor(
    readonly tool: string,
    /** The tool's text line, e.g. "run_backtest: invalid arguments (1 problem): parameters.fast_period: ...". */
    readonly text: string,
    /** The run's status when the answer carried one (e.g. getResults of a failed run). */
    readonly status?: string,
  ) {
    super(`${tool}: ${text}`);
  }
}

/** getResults of a run that is still pending or running: follow it with streamProgress first. */
export class NotCompletedError extends BacktestingClientError {
  constructor(
    readonly backtestId: string,
    readonly status: string,
  ) {
    super(`backtest ${backtestId} is ${status}, not completed; wait for it with streamProgress`);
  }
}
