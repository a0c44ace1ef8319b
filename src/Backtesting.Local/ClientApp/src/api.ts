// The REST API as the dashboard uses it: the key (localStorage; none in local-development mode), JSON calls whose
// failures carry the API's field errors, and live progress read from the Server-Sent Events stream through fetch
// (EventSource cannot send the Authorization header).

export interface FieldError { field: string; value?: string | null; message: string }

export class ApiError extends Error {
  constructor(message: string, readonly status: number, readonly errors: FieldError[]) { super(message); }
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Metrics = Record<string, number | null>;

export interface ParameterSchema {
  type?: string | string[]; description?: string; minimum?: number; maximum?: number;
  exclusiveMinimum?: number; exclusiveMaximum?: number; default?: Json; enum?: Json[];
}
export interface Strategy {
  id: string; name: string; description: string; strategy_type: string;
  parameters_schema: { properties: Record<string, ParameterSchema> }; default_parameters: Record<string, Json>;
  /** builtin, or user for the caller's own rules strategies (which carry their definition). */
  owner?: string; definition?: Json; updated_at?: string;
}
export interface BarRange { symbol: string; timeframe: string; count: number; first: string; last: string }
export interface Asset { symbol: string; name: string; asset_class: string; currency: string; timeframes: BarRange[] }
export interface Run {
  backtest_id: string; kind: string; status: string; strategy_id: string; asset_symbol: string; start_date: string; end_date: string;
  initial_capital: number; parameters: Record<string, Json> | null; progress: number; error: string | null; created_at: string;
}
export interface Trade {
  entry_date: string; exit_date: string | null; direction: string; entry_price: number; exit_price: number | null; quantity: number;
  pnl: number; pnl_percent: number; fees: number; status: string; exit_reason: string;
}
export interface Page<T> { items: T[]; total: number; offset: number; limit: number }
export type EquityPoint = [time: string, equity: number];
export interface Results {
  backtest_id: string; status: string; progress: number; metrics: Metrics | null; summary: Record<string, Json> | null;
  trades: Page<Trade> | null; equity_curve: EquityPoint[] | null; equity_points_total: number; error: string | null;
}
export interface Bar { time: string; open: number; high: number; low: number; close: number; volume: number }

const keyStorage = 'backtesting.apiKey';
export const storedKey = (): string => localStorage.getItem(keyStorage) ?? '';
export const storeKey = (key: string): void => localStorage.setItem(keyStorage, key.trim());

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const key = storedKey();
  return key ? { ...extra, Authorization: `Bearer ${key}` } : extra;
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    headers: headers(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  let body: unknown = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = null; }
  if (!response.ok) {
    const problem = (body ?? {}) as { detail?: string; title?: string; errors?: FieldError[] };
    throw new ApiError(problem.detail ?? problem.title ?? `${response.status} ${response.statusText}`, response.status,
      Array.isArray(problem.errors) ? problem.errors : []);
  }
  return body as T;
}

export const path = (template: TemplateStringsArray, ...values: string[]): string =>
  template.reduce((out, part, i) => out + part + (i < values.length ? encodeURIComponent(values[i]) : ''), '');

/** Every page of a paged list (trades: 1000 a page, bars: 10000). */
export async function allPages<T>(base: string, pageSize: number, offsetName = 'offset', limitName = 'limit'): Promise<T[]> {
  const items: T[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const separator = base.includes('?') ? '&' : '?';
    const page = await api<Page<T>>(`${base}${separator}${offsetName}=${offset}&${limitName}=${pageSize}`);
    items.push(...page.items);
    if (page.items.length < pageSize || items.length >= page.total) return items;
  }
}

export interface ProgressEvent { type: string; data: { progress?: number; status?: string } }

/** Follows a run's events until backtest_complete (or the signal aborts), reporting each progress event. */
export async function followRun(id: string, onProgress: (percent: number) => void, signal: AbortSignal): Promise<void> {
  const response = await fetch(path`/api/backtests/${id}/events`, { headers: headers(), signal });
  if (!response.ok || !response.body) throw new ApiError(`progress stream of ${id}: ${response.status}`, response.status, []);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const data = block.split('\n').find(line => line.startsWith('data: '));
      if (!data) continue;
      const message = JSON.parse(data.slice(6)) as ProgressEvent;
      if (message.type === 'backtest_progress' && typeof message.data.progress === 'number') onProgress(message.data.progress);
      if (message.type === 'backtest_complete') { await reader.cancel().catch(() => undefined); return; }
    }
  }
}
