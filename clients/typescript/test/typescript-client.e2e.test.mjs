// End-to-end tests of the client package (built to ../dist) against the local host started as a process.
// Needs MCP_URL and MCP_KEYS (JSON: one API key per test user, so each test has its own rate-limit window and runs),
// and the host's per-user limit in MCP_REQUESTS_PER_MINUTE; set by TypeScriptClientPackageTests (dotnet test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { MCPBacktestingClient, NotCompletedError, RateLimitError, ToolError, retryAfterMs } from '../dist/index.js';

const url = required('MCP_URL');
const keys = JSON.parse(required('MCP_KEYS'));
const requestsPerMinute = Number(required('MCP_REQUESTS_PER_MINUTE'));

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run this suite through TypeScriptClientPackageTests (dotnet test)`);
  return value;
}

const clientFor = (user, options = {}) => new MCPBacktestingClient({ url, apiKey: keys[user], ...options });

const close = (actual, expected, digits) =>
  assert.ok(Math.abs(actual - expected) < 0.5 * 10 ** -digits, `${actual} is not ${expected} to ${digits} places`);

/** DESIGN section 6: GOOG, sma_crossover 10/20, long only, capital 10000, commission 0.002. */
const googParams = {
  strategyId: 'sma_crossover',
  assetSymbol: 'GOOG',
  initialCapital: 10000,
  parameters: { fast_period: 10, slow_period: 20, direction: 'long', position_size: 1, commission: 0.002 },
};

function assertReference(results) {
  const m = results.metrics;
  close(m.final_capital, 63341.19136, 4);
  close(m.total_return, 5.334119136, 8);
  close(m.sharpe_ratio, 1.08115269, 7);
  close(m.total_fees, 5908.84864, 5);
  assert.equal(m.total_trades, 46);
  assert.equal(m.open_trades, 1);
  const first = results.trades[0];
  assert.equal(first.quantity, 55);
  assert.equal(first.entry_date, '2004-12-06T00:00:00Z');
  close(first.entry_price, 179.13, 6);
  close(first.pnl, 118.1257, 4);
}

/** Buy and hold over the whole file, from the CSV itself: last close / first close - 1. */
function googBuyAndHoldReturn() {
  const rows = readFileSync(new URL('../../../samples/GOOG.csv', import.meta.url), 'utf8').trim().split('\n').slice(1);
  const closeOf = (row) => Number(row.split(',')[4]);
  return closeOf(rows.at(-1)) / closeOf(rows[0]) - 1;
}

test('retryAfterMs reads delta-seconds and HTTP dates (RFC 9110 10.2.3)', () => {
  assert.equal(retryAfterMs('7'), 7000);
  assert.equal(retryAfterMs(' 0 '), 0);
  const now = Date.parse('2026-01-05T12:00:30Z');
  assert.equal(retryAfterMs('Mon, 05 Jan 2026 12:01:00 GMT', now), 30_000);
  assert.equal(retryAfterMs('Mon, 05 Jan 2026 12:00:00 GMT', now), 0, 'a date in the past: retry now');
  assert.equal(retryAfterMs(null), undefined);
  assert.equal(retryAfterMs('soon'), undefined);
});

test('initialize: the server names itself and says how to use it', async () => {
  const client = clientFor('init');
  try {
    const info = await client.initialize();
    assert.equal(info.name, 'backtesting');
    assert.match(info.instructions ?? '', /run_backtest/);
  } finally {
    await client.close();
  }
});

test('platform flow: runBacktest -> streamProgress (MCP notifications) -> getResults gives GOOG 10/20 = 63341.19136', async () => {
  const client = clientFor('platform');
  try {
    const backtestId = await client.runBacktest({ ...googParams, chunks: 8 });
    assert.match(backtestId, /^bt-/);
    const updates = [];
    const final = await client.streamProgress(backtestId, (update) => updates.push(update));
    assert.equal(final.status, 'completed');
    assert.equal(final.backtestId, backtestId);
    assert.ok(updates.length >= 1, 'at least one progress update');
    assert.ok(updates.every((u) => u.source === 'mcp' && u.backtestId === backtestId));
    assert.ok(updates.every((u, i) => i === 0 || u.progress > updates[i - 1].progress), `rising: ${updates.map((u) => u.progress)}`);
    assert.equal(updates.at(-1).progress, 100);

    const results = await client.getResults(backtestId, { tradesLimit: 50, maxPoints: 500 });
    assertReference(results);
    assert.equal(results.tradesTotal, 47, '46 closed + 1 open');
    assert.equal(results.trades.length, 47);
    assert.equal(results.trades.at(-1).status, 'open');
    // the curve keeps its first and last points: it ends at final_capital and starts near the initial capital
    assert.ok(results.equityCurve.length > 2 && results.equityCurve.length <= 500);
    const [lastTime, lastEquity] = results.equityCurve.at(-1);
    assert.equal(lastTime, '2013-03-01T00:00:00Z');
    close(lastEquity, results.metrics.final_capital, 6);
    assert.equal(results.equityCurve[0][0], '2004-08-19T00:00:00Z');

    const picked = await client.getMetrics(backtestId, ['sharpe_ratio', 'max_drawdown']);
    assert.deepEqual(Object.keys(picked).sort(), ['max_drawdown', 'sharpe_ratio']);
    close(picked.max_drawdown, 0.2001734114, 9);
  } finally {
    await client.close();
  }
});

test('runBacktest with waitSeconds: progress to onProgress while the service waits, then results at once', async () => {
  const client = clientFor('waiting');
  try {
    const progress = [];
    const backtestId = await client.runBacktest({ ...googParams, chunks: 4 }, { waitSeconds: 60, onProgress: (p) => progress.push(p.progress) });
    assert.ok(progress.length >= 1 && progress.every((p, i) => i === 0 || p > progress[i - 1]), `progress ${progress}`);
    assert.equal((await client.getStatus(backtestId)).status, 'completed');
    assertReference(await client.getResults(backtestId));
  } finally {
    await client.close();
  }
});

test('streamProgress over the Server-Sent Events fallback ends with the run', async () => {
  const client = clientFor('sse', { progressSource: 'sse' });
  try {
    const backtestId = await client.runBacktest(googParams);
    const updates = [];
    const final = await client.streamProgress(backtestId, (update) => updates.push(update));
    assert.equal(final.status, 'completed');
    // the stream opens with where the run stands, then passes on each rise until backtest_complete
    assert.ok(updates.length >= 1 && updates.every((u) => u.source === 'sse' && u.backtestId === backtestId));
    assert.ok(updates.every((u, i) => u.progress <= 100 && (i === 0 || u.progress > updates[i - 1].progress)), `rising: ${updates.map((u) => u.progress)}`);
    close((await client.getResults(backtestId)).metrics.final_capital, 63341.19136, 4);
  } finally {
    await client.close();
  }
});

test('bad parameters: ToolError naming each field and what is allowed', async () => {
  const client = clientFor('errors');
  try {
    const error = await client.runBacktest({ ...googParams, parameters: { fast_period: 30, slow_period: 20 } }).then(
      () => assert.fail('an invalid config started a run'), (e) => e);
    assert.ok(error instanceof ToolError, String(error));
    assert.equal(error.tool, 'run_backtest');
    assert.match(error.text, /parameters\.fast_period: value 30 must be < slow_period \(20\)/);
    await assert.rejects(client.runBacktest({ ...googParams, parameters: { direction: 'up' } }),
      (e) => e instanceof ToolError && /parameters\.direction/.test(e.text) && /long_short/.test(e.text));
    await assert.rejects(client.getResults('bt-doesnotexist'), (e) => e instanceof ToolError && /bt-doesnotexist/.test(e.text));
  } finally {
    await client.close();
  }
});

test('research tools: optimization, walk-forward, Monte Carlo, portfolio and comparison complete with summaries', async () => {
  const client = clientFor('research');
  try {
    const wait = { waitSeconds: 110 };
    const optimization = await client.runOptimization({
      strategy_id: 'sma_crossover', asset_symbol: 'GOOG', parameters: { commission: 0.002 },
      grid: { fast_period: '10:10:1', slow_period: '20:30:10' }, objective: 'final_capital',
    }, wait);
    assert.equal(optimization.status, 'completed', optimization.text);
    assert.equal(optimization.kind, 'backtest_optimization');
    // the 10/20 cell is the reference run, so a grid holding it finds at least its final capital
    assert.ok(optimization.summary.best.metrics.final_capital >= 63341.19136 - 1e-4);
    assert.equal(optimization.summary.cells, 2);

    const comparison = await client.compareStrategies({
      asset_symbol: 'GOOG',
      candidates: [{ strategy_id: 'sma_crossover', parameters: { fast_period: 10, slow_period: 20, commission: 0.002 } }, { strategy_id: 'buy_and_hold' }],
      rank_by: 'final_capital',
    }, wait);
    assert.equal(comparison.status, 'completed', comparison.text);
    const sma = comparison.summary.candidates.find((c) => c.strategy_id === 'sma_crossover');
    close(sma.metrics.final_capital, 63341.19136, 4);
    close(sma.metrics.buy_and_hold_return, googBuyAndHoldReturn(), 9);

    const monteCarlo = await client.runMonteCarlo({
      strategy_id: 'sma_crossover', asset_symbol: 'GOOG', parameters: { fast_period: 10, slow_period: 20, commission: 0.002 },
      method: 'trade_reshuffle', paths: 200, seed: 7,
    }, wait);
    assert.equal(monteCarlo.status, 'completed', monteCarlo.text);
    assert.equal(monteCarlo.kind, 'backtest_monte_carlo');
    // a reshuffle keeps the closed trades' sum: every path ends at the same capital (README, Monte Carlo)
    assert.equal((await client.getResearchResults(monteCarlo.backtestId)).status, 'completed');

    const walkForward = await client.runWalkForward({
      strategy_id: 'sma_crossover', asset_symbol: 'GOOG', parameters: { commission: 0.002 },
      grid: { fast_period: '5:10:5', slow_period: '20:40:20' }, in_sample: '500', out_of_sample: '250',
    }, wait);
    assert.equal(walkForward.status, 'completed', walkForward.text);
    assert.equal(walkForward.kind, 'backtest_walk_forward');

    const portfolio = await client.runPortfolioBacktest({ assets: [{ symbol: 'GOOG', weight: 1 }] }, wait);
    assert.equal(portfolio.status, 'completed', portfolio.text);
    assert.equal(portfolio.kind, 'backtest_portfolio');
  } finally {
    await client.close();
  }
});

test('cancellation: an aborted signal starts nothing; an abort stops streamProgress; cancelBacktest stops the run', async () => {
  const client = clientFor('canceller');
  try {
    const before = (await client.callTool('list_backtests', {})).text;
    await assert.rejects(client.runBacktest(googParams, { signal: AbortSignal.abort() }), { name: 'AbortError' });
    assert.equal((await client.callTool('list_backtests', {})).text, before, 'no run was started');

    // 50,000 simulated price paths: long enough to be caught running
    const { backtestId } = await client.runMonteCarlo({
      strategy_id: 'sma_crossover', asset_symbol: 'GOOG', parameters: { fast_period: 10, slow_period: 20 }, method: 'gbm', paths: 50000, seed: 1,
    });
    const following = new AbortController();
    await assert.rejects(client.streamProgress(backtestId, () => following.abort(), { signal: following.signal }), { name: 'AbortError' },
      'the first update aborts');
    assert.ok(following.signal.aborted);

    const cancelled = await client.cancelBacktest(backtestId);
    assert.equal(cancelled.status, 'cancelled', cancelled.text);
    assert.equal((await client.streamProgress(backtestId, () => {})).status, 'cancelled');
    await assert.rejects(client.getResults(backtestId), (e) => e instanceof ToolError && e.status === 'cancelled');
  } finally {
    await client.close();
  }
});

test('429: retried after Retry-After; a wait beyond maxRetryDelayMs throws RateLimitError; an abort ends the wait', async () => {
  // every attempt below counts against the user's window; a loop uses it up whenever the minute has turned meanwhile
  const attempts = 4 * requestsPerMinute;

  // 1. an abort during the wait for Retry-After ends the call at once
  let aborting;
  const waits = [];
  const impatient = clientFor('throttled', { retry: { onRetry: (info) => { waits.push(info.delayMs); aborting.abort(); } } });
  let aborted;
  for (let i = 0; i < attempts && !aborted; i++) {
    aborting = new AbortController();
    const started = Date.now();
    await impatient.callTool('list_assets', {}, { signal: aborting.signal }).catch((error) => { aborted = { error, ms: Date.now() - started }; });
  }
  await impatient.close();
  assert.ok(aborted, 'the user was never throttled');
  assert.equal(aborted.error.name, 'AbortError');
  assert.equal(waits.length, 1);
  assert.ok(waits[0] >= 1000 && waits[0] <= 60_000, `Retry-After ${waits[0]} ms`);
  assert.ok(aborted.ms < waits[0], `the abort ended the call after ${aborted.ms} ms, not after the ${waits[0]} ms wait`);

  // 2. a Retry-After longer than the client will wait: RateLimitError with the service's wait
  const strict = clientFor('throttled', { retry: { maxRetryDelayMs: 0 } });
  let limited;
  for (let i = 0; i < attempts && !limited; i++) {
    await strict.callTool('list_assets', {}).catch((error) => { limited = error; });
  }
  await strict.close();
  assert.ok(limited instanceof RateLimitError, String(limited));
  assert.ok(limited.retryAfterMs >= 1000 && limited.retryAfterMs <= 60_000, `retryAfterMs ${limited.retryAfterMs}`);

  // 3. the default policy waits what Retry-After says and then succeeds
  const patient = [];
  const client = clientFor('throttled', { retry: { onRetry: (info) => patient.push(info) } });
  try {
    for (let i = 0; i < attempts && patient.length === 0; i++) {
      const started = Date.now();
      const answer = await client.callTool('list_assets', {});
      assert.match(answer.text, /GOOG/);
      if (patient.length > 0) {
        assert.equal(patient[0].error.retryAfterMs, patient[0].delayMs);
        assert.ok(Date.now() - started >= patient[0].delayMs - 5, 'it waited for Retry-After before retrying');
      }
    }
    assert.ok(patient.length >= 1, 'no call was retried');
  } finally {
    await client.close();
  }
});

test('a wrong API key is refused (401), not retried', async () => {
  const client = new MCPBacktestingClient({ url, apiKey: 'btk_not_a_key' });
  await assert.rejects(client.initialize(), /401|Unauthorized/i);
  await client.close();
});
