import { RateLimitError } from './errors.js';

/** The fetch signature the MCP SDK's transports accept. */
export type FetchLike = (url: string | URL, init?: RequestInit) => Promise<Response>;

/**
 * Retry-After in milliseconds: delta-seconds ("7") or an HTTP date; undefined when absent or unreadable.
 * RFC 9110 section 10.2.3.
 */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A fetch that turns a 429 answer into a {@link RateLimitError} carrying Retry-After, so a call can be retried whole. */
export function rateLimitAwareFetch(base: FetchLike): FetchLike {
  return async (url, init) => {
    const response = await base(url, init);
    if (response.status !== 429) return response;
    const wait = retryAfterMs(response.headers.get('retry-after'));
    const body = await response.text().catch(() => '');
    throw new RateLimitError(`429 Too Many Requests${wait === undefined ? '' : ` (Retry-After ${wait / 1000} s)`}: ${body}`, wait);
  };
}

/** How a call is retried after 429 answers. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** The longest Retry-After honoured; a longer one fails at once with the {@link RateLimitError}. */
  maxRetryDelayMs: number;
  /** The wait when a 429 names no Retry-After. */
  defaultDelayMs: number;
  /** Told before each wait (logging, metrics, tests). */
  onRetry?: (info: { attempt: number; delayMs: number; error: RateLimitError }) => void;
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Runs `attempt`, and again after each {@link RateLimitError} as the policy allows, waiting what the service asked. */
export async function withRateLimitRetries<T>(attempt: () => Promise<T>, policy: RetryPolicy, signal?: AbortSignal): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof RateLimitError) || retry >= policy.maxRetries) throw error;
      const wait = error.retryAfterMs ?? policy.defaultDelayMs;
      if (wait > policy.maxRetryDelayMs) throw error;
      policy.onRetry?.({ attempt: retry + 1, delayMs: wait, error });
      await delay(wait, signal);
    }
  }
}
