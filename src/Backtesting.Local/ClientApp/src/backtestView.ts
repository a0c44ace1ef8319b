// A completed backtest: formatted metrics, candles with trades and indicators, equity against buy-and-hold with
// its underwater curve (log scale on demand), monthly returns and every trade.
import { allPages, api, type Bar, type EquityPoint, path, type Results, type Run, type Strategy, type Trade } from './api';
import { curvesChart, drawdownChart, priceChart, setLogScale, syncTimeScales } from './charts';
import { el } from './dom';
import { formatMetric, metricLabel } from './format';
import { monthlyReturnsTable } from './monthlyReturns';
import { overlaysFor } from './overlays';
import { tradeTable } from './tradeTable';

export function metricsGrid(metrics: Record<string, number | null | undefined>): HTMLElement {
  return el('dl', { class: 'metrics' }, ...Object.entries(metrics).map(([name, value]) =>
    el('div', { class: 'metric', 'data-testid': `metric-${name}` },
      el('dt', { title: name }, metricLabel(name)), el('dd', { class: 'value' }, formatMetric(name, value)))));
}

export async function loadBars(symbol: string, from: string, to: string): Promise<Bar[]> {
  return allPages<Bar>(path`/api/assets/${symbol}/bars` + `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, 10000);
}

export async function fullEquity(id: string, total: number): Promise<EquityPoint[]> {
  return (await api<{ points: EquityPoint[] }>(path`/api/backtests/${id}/equity` + `?max_points=${Math.max(2, total)}`)).points;
}

/** Buy-and-hold of the same capital over the same bars, on the equity curve's time points. */
export function buyAndHold(bars: Bar[], initial: number): EquityPoint[] {
  if (bars.length === 0) return [];
  const first = bars[0].close;
  return bars.map(b => [b.time, initial * b.close / first]);
}

export async function renderBacktest(container: HTMLElement, run: Run, results: Results, strategy: Strategy | undefined): Promise<void> {
  const id = run.backtest_id;
  const [bars, trades, equity] = await Promise.all([
    loadBars(run.asset_symbol, run.start_date, run.end_date),
    allPages<Trade>(path`/api/backtests/${id}/trades`, 1000),
    fullEquity(id, results.equity_points_total),
  ]);
  const initial = results.metrics?.initial_capital ?? run.initial_capital;
  const logToggle = el('input', { type: 'checkbox', id: 'logScale' });
  const priceBox = el('div', { class: 'chart', 'data-testid': 'price-chart' });
  const equityBox = el('div', { class: 'chart', 'data-testid': 'equity-chart' });
  const drawdownBox = el('div', { class: 'chart', 'data-testid': 'drawdown-chart' });
  container.replaceChildren(
    metricsGrid(results.metrics ?? {}),
    el('div', { class: 'toolbar' }, el('label', {}, logToggle, ' Log scale')),
    el('h3', {}, `${run.asset_symbol} price and trades`), priceBox,
    el('h3', {}, 'Equity and buy & hold'), equityBox,
    el('h3', {}, 'Drawdown (underwater)'), drawdownBox,
    el('h3', {}, 'Monthly returns'), monthlyReturnsTable(equity),
    el('h3', {}, `Trades (${trades.length})`), tradeTable(trades, bars.map(b => b.time), `${id}-trades.csv`));
  const parameters = { ...(strategy?.default_parameters ?? {}), ...(run.parameters ?? {}) };
  const price = priceChart(priceBox, bars, trades, overlaysFor(run.strategy_id, parameters, bars));
  const equityChart = curvesChart(equityBox, [{ name: 'Equity', points: equity }, { name: 'Buy & hold', points: buyAndHold(bars, initial) }]);
  const drawdown = drawdownChart(drawdownBox, equity);
  syncTimeScales([price, equityChart, drawdown]);
  logToggle.addEventListener('change', () => { setLogScale(price, logToggle.checked); setLogScale(equityChart, logToggle.checked); });
}
