// Views of the research jobs' results: optimization heatmap, walk-forward windows with stitched out-of-sample
// equity, Monte Carlo fan chart and histograms, portfolio breakdown, comparison ranking with overlaid equity.
import { allPages, api, type EquityPoint, type Json, type Metrics, path, type Results, type Run } from './api';
import { curvesChart, stepsChart, type Curve } from './charts';
import { append, cell, el, table } from './dom';
import { day, formatMetric, formatNumber, formatPercent, metricLabel } from './format';
import { fullEquity, metricsGrid } from './backtestView';

type Summary = Record<string, Json>;
type OpenRun = (id: string) => void;
interface Cell { index: number; params: Record<string, Json>; metrics: Metrics | null; below_min_trades?: boolean }

const asMetrics = (value: Json | undefined): Metrics => (value ?? {}) as Metrics;
const paramsText = (params: Json | undefined, only?: string[]): string => Object.entries((params ?? {}) as Record<string, Json>)
  .filter(([k]) => !only || only.length === 0 || only.includes(k)).map(([k, v]) => `${k}=${String(v)}`).join(', ');

/** Submits the backtest of one parameter set of a research run (same strategy, asset, window, capital) and opens it. */
async function runCell(run: Run, params: Record<string, Json>, openRun: OpenRun, strategyId = run.strategy_id): Promise<string> {
  const accepted = await api<{ backtest_id: string }>('/api/backtests', { method: 'POST', body: {
    strategy_id: strategyId, asset_symbol: run.asset_symbol, start_date: run.start_date, end_date: run.end_date,
    initial_capital: run.initial_capital, parameters: params,
  } });
  openRun(accepted.backtest_id);
  return accepted.backtest_id;
}

// red (worst) through yellow to green (best), as heatmaps of strategy testers do
const heatColour = (t: number): string => `hsl(${Math.round(t * 120)}, 70%, ${Math.round(52 + 8 * Math.abs(t - 0.5))}%)`;

export function heatmap(cells: Cell[], [xAxis, yAxis]: string[], objective: string, maximize: boolean, bestIndex: number,
  onPick: (c: Cell) => void): HTMLElement {
  const xs = [...new Set(cells.map(c => c.params[xAxis]))].sort((a, b) => Number(a) - Number(b));
  const ys = [...new Set(cells.map(c => c.params[yAxis]))].sort((a, b) => Number(b) - Number(a));
  const values = cells.map(c => c.metrics?.[objective]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const lo = Math.min(...values), hi = Math.max(...values);
  const score = (v: number) => (hi === lo ? 1 : maximize ? (v - lo) / (hi - lo) : (hi - v) / (hi - lo));
  const grid = el('div', { class: 'heatmap-grid', role: 'grid', 'aria-label': `${objective} by ${xAxis} and ${yAxis}` });
  grid.style.gridTemplateColumns = `auto repeat(${xs.length}, minmax(2.2rem, 1fr))`;
  for (const y of ys) {
    grid.append(el('div', { class: 'axis', role: 'rowheader' }, String(y)));
    for (const x of xs) {
      const c = cells.find(k => k.params[xAxis] === x && k.params[yAxis] === y);
      const v = c?.metrics?.[objective];
      if (!c) { grid.append(el('div', { class: 'empty' })); continue; }
      const best = c.index === bestIndex;
      const below = c.below_min_trades ? ' (below min trades)' : '';
      const label = `${xAxis} ${String(x)}, ${yAxis} ${String(y)}: ${objective} ${formatMetric(objective, v)}${best ? ' (best)' : ''}${below}`;
      const button = el('button', { type: 'button', class: `hcell${best ? ' best' : ''}${below ? ' below' : ''}`, title: `${label}. Open its backtest`, 'aria-label': label, 'data-cell': c.index },
        `${best ? '★ ' : ''}${formatMetric(objective, v)}`);
      button.style.backgroundColor = typeof v === 'number' ? heatColour(score(v)) : '#e6e8ee';
      button.addEventListener('click', () => onPick(c));
      grid.append(button);
    }
  }
  grid.append(el('div', {}), ...xs.map(x => el('div', { class: 'axis', role: 'columnheader' }, String(x))));
  const bar = el('div', { class: 'legend-bar' });
  bar.style.background = `linear-gradient(to right, ${heatColour(0)}, ${heatColour(0.5)}, ${heatColour(1)})`;
  return el('figure', { class: 'heatmap', 'data-testid': 'heatmap' },
    el('figcaption', {}, `${metricLabel(objective)} (${objective}) by ${xAxis} (columns) and ${yAxis} (rows); ★ best cell; click a cell to run its backtest`),
    el('div', { class: 'scroll' }, grid),
    el('div', { class: 'legend-scale' }, el('span', {}, formatMetric(objective, maximize ? lo : hi)), bar, el('span', {}, formatMetric(objective, maximize ? hi : lo))));
}

async function optimizationView(container: HTMLElement, run: Run, summary: Summary, openRun: OpenRun): Promise<void> {
  // every cell of the table comes marked below_min_trades by the engine (absent: not below)
  const cells = await allPages<Cell>(path`/api/optimizations/${run.backtest_id}/cells`, 1000);
  const objective = String(summary.objective), maximize = summary.maximize !== false;
  const best = summary.best as { index: number; params: Record<string, Json> } | null;
  const scored = cells.filter(c => c.metrics);
  const axes = scored.length ? Object.keys(scored[0].params).filter(k => new Set(scored.map(c => String(c.params[k]))).size > 1) : [];
  const pick = (c: Cell) => { void runCell(run, c.params, openRun); };
  const top = ((summary.top ?? []) as unknown as Cell[]);
  container.append(
    el('p', { 'data-testid': 'optimization-summary' }, `${summary.evaluated} of ${summary.cells} cells evaluated, ${summary.skipped} skipped; objective ${objective} (${maximize ? 'maximized' : 'minimized'})`
      + (Number(summary.min_trades) > 0 ? `; ${summary.below_min_trades} cells with fewer than ${summary.min_trades} closed trades rank last (hatched).` : '.')),
    axes.length === 2 ? heatmap(scored, axes, objective, maximize, best?.index ?? -1, pick)
      : el('p', { class: 'help' }, `The heatmap needs exactly two varied parameters (this grid varies ${axes.length}); the best cells are listed below.`),
    el('h3', {}, 'Best cells'),
    table(['#', 'Parameters', metricLabel(objective), 'Final capital', 'Max drawdown', 'Trades', ''], top.map(c => {
      const open = el('button', { type: 'button' }, 'Backtest');
      open.addEventListener('click', () => pick(c));
      return [c.index, paramsText(c.params, axes), cell(formatMetric(objective, c.metrics?.[objective]), 'num'),
        cell(formatMetric('final_capital', c.metrics?.final_capital), 'num'), cell(formatMetric('max_drawdown', c.metrics?.max_drawdown), 'num'),
        cell(formatMetric('total_trades', c.metrics?.total_trades) + (c.below_min_trades ? ' (below min)' : ''), 'num'), el('td', {}, open)];
    })));
}

async function walkForwardView(container: HTMLElement, run: Run, summary: Summary, results: Results): Promise<void> {
  const windows = (summary.window_results ?? []) as Record<string, Json>[];
  const span = (w: Json) => { const s = w as { start: string; end: string; bars: number }; return `${day(s.start)} → ${day(s.end)} (${s.bars} bars)`; };
  const equityBox = el('div', { class: 'chart', 'data-testid': 'equity-chart' });
  container.append(
    el('p', {}, `${summary.windows} ${summary.mode} windows (in-sample ${summary.in_sample}, out-of-sample ${summary.out_of_sample}); walk-forward efficiency ${formatPercent(summary.walk_forward_efficiency as number | null)}.`),
    el('h3', {}, 'Stitched out-of-sample metrics'), metricsGrid(asMetrics(summary.out_of_sample_metrics)),
    el('h3', {}, 'Stitched out-of-sample equity'), equityBox,
    el('h3', {}, 'Windows'),
    table(['#', 'In-sample', 'Out-of-sample', 'Chosen parameters', 'IS objective', 'OOS objective', 'OOS return', 'OOS trades', 'Efficiency'],
      windows.map(w => [w.index as number, span(w.in_sample), span(w.out_of_sample), paramsText(w.best_params),
        cell(formatNumber(w.in_sample_objective as number, 3), 'num'), cell(formatNumber(w.out_of_sample_objective as number, 3), 'num'),
        cell(formatPercent(w.out_of_sample_return as number), 'num'), cell(String(w.out_of_sample_trades), 'num'), cell(formatPercent(w.efficiency as number | null), 'num')]),
      { 'data-testid': 'walk-forward-windows' }));
  curvesChart(equityBox, [{ name: 'Out-of-sample equity', points: await fullEquity(run.backtest_id, results.equity_points_total) }]);
}

interface Distribution { count: number; min: number; max: number; baseline: number; mean: number; histogram?: { edges: number[]; counts: number[] } | null; [p: string]: unknown }

/** A histogram of the paths themselves: the engine's equal-width bins and their path counts, bar heights in proportion. */
export function pathHistogram(name: string, d: Distribution, histogram: { edges: number[]; counts: number[] }): HTMLElement {
  const top = Math.max(...histogram.counts, 1);
  const bars = el('div', { class: 'histogram-bars' });
  histogram.counts.forEach((count, i) => {
    const from = histogram.edges[i], to = histogram.edges[i + 1];
    const bar = el('div', { class: 'hbar', 'data-count': count,
      title: `${formatMetric(name, from)} – ${formatMetric(name, to)}: ${count} of ${d.count} paths (${formatPercent(count / Math.max(d.count, 1), 1)})` });
    bar.style.flexGrow = '1';
    bar.style.height = `${count === 0 ? 0 : Math.max(2, Math.round(count / top * 100))}%`;
    bars.append(bar);
  });
  const baseline = typeof d.baseline === 'number' && d.max > d.min ? (d.baseline - d.min) / (d.max - d.min) : null;
  const marker = baseline !== null && baseline >= 0 && baseline <= 1 ? el('div', { class: 'baseline-mark', title: `baseline ${formatMetric(name, d.baseline)}` }) : null;
  if (marker) marker.style.left = `${(baseline! * 100).toFixed(2)}%`;
  return el('figure', { class: 'histogram', 'data-testid': `histogram-${name}` },
    el('figcaption', {}, `${metricLabel(name)}: ${d.count} paths in ${histogram.counts.length} bins (baseline ${formatMetric(name, d.baseline)}, mean ${formatMetric(name, d.mean)}; the line marks the baseline)`),
    el('div', { class: 'histogram-plot' }, bars, marker),
    el('div', { class: 'histogram-axis' }, el('span', {}, formatMetric(name, d.min)), el('span', {}, formatMetric(name, d.max))));
}

/**
 * A histogram drawn from a distribution's percentiles: each bar spans two neighbouring percentiles (min and max at
 * the ends) and its area is the share of paths between them, so its height is share / width.
 */
export function quantileHistogram(name: string, d: Distribution, levels: number[]): HTMLElement {
  const edges = [{ at: 0, v: d.min }, ...levels.map(p => ({ at: p, v: d[`p${p}`] as number })), { at: 100, v: d.max }].filter(e => typeof e.v === 'number');
  const bins = edges.slice(1).map((e, i) => ({ from: edges[i], to: e, share: (e.at - edges[i].at) / 100 }));
  const width = (d.max - d.min) || 1;
  const density = bins.map(b => b.share / Math.max((b.to.v - b.from.v) / width, 1e-9));
  const top = Math.max(...density);
  const bars = el('div', { class: 'histogram-bars' });
  bins.forEach((b, i) => {
    const bar = el('div', { class: 'hbar', title: `${formatMetric(name, b.from.v)} – ${formatMetric(name, b.to.v)}: ${Math.round(b.share * 100)} % of paths (p${b.from.at}–p${b.to.at})` });
    bar.style.flexGrow = String(Math.max((b.to.v - b.from.v) / width, 0.002));
    bar.style.height = `${Math.max(2, Math.round(density[i] / top * 100))}%`;
    bars.append(bar);
  });
  return el('figure', { class: 'histogram', 'data-testid': `histogram-${name}` },
    el('figcaption', {}, `${metricLabel(name)}: distribution over ${d.count} paths (baseline ${formatMetric(name, d.baseline)}, mean ${formatMetric(name, d.mean)})`),
    bars, el('div', { class: 'histogram-axis' }, el('span', {}, formatMetric(name, d.min)), el('span', {}, formatMetric(name, d.max))));
}

async function monteCarloView(container: HTMLElement, summary: Summary): Promise<void> {
  const distributions = (summary.distributions ?? {}) as unknown as Record<string, Distribution>;
  const levels = (summary.percentiles ?? []) as number[];
  const bands = summary.bands as { axis: string; steps: number[]; [p: string]: number[] | string } | null;
  const fanBox = el('div', { class: 'chart', 'data-testid': 'fan-chart' });
  container.append(
    el('p', {}, `${summary.paths} paths (${summary.method}, seed ${summary.seed}); probability of a loss ${formatPercent(summary.probability_of_loss as number)}; `
      + `probability of a drawdown beyond ${formatPercent(summary.drawdown_threshold as number, 0)}: ${formatPercent(summary.probability_of_drawdown_beyond_threshold as number)} (drawdowns measured by ${summary.drawdown_basis}).`),
    el('h3', {}, 'Equity fan chart (percentile bands)'), fanBox,
    el('div', { class: 'histograms' }, ...['final_capital', 'max_drawdown'].filter(n => distributions[n]).map(n => {
      // runs stored before the summary carried histograms are drawn from their percentiles
      const d = distributions[n];
      return d.histogram ? pathHistogram(n, d, d.histogram) : quantileHistogram(n, d, levels);
    })),
    el('h3', {}, 'Percentiles'),
    table(['Metric', 'Baseline', ...levels.map(p => `p${p}`), 'Mean'], Object.entries(distributions).map(([name, d]) =>
      [el('span', { title: name }, metricLabel(name)), cell(formatMetric(name, d.baseline), 'num'), ...levels.map(p => cell(formatMetric(name, d[`p${p}`]), 'num')), cell(formatMetric(name, d.mean), 'num')])));
  if (bands) stepsChart(fanBox, bands.steps, levels.filter(p => Array.isArray(bands[`p${p}`])).map(p => ({ name: `p${p}`, values: bands[`p${p}`] as number[] })), String(bands.axis));
}

async function portfolioView(container: HTMLElement, run: Run, summary: Summary, results: Results): Promise<void> {
  const assets = (summary.assets ?? []) as Record<string, Json>[];
  const equityBox = el('div', { class: 'chart', 'data-testid': 'equity-chart' });
  container.append(
    el('p', {}, `Rebalancing: ${summary.rebalance} (${summary.rebalances} rebalances).`),
    metricsGrid(asMetrics(summary.portfolio_metrics)),
    el('h3', {}, 'Per asset'),
    table(['Asset', 'Strategy', 'Target weight', 'Final weight', 'P&L', 'Contribution', 'Fees', 'Closed trades', 'Open trades', 'Exposure', 'Buy & hold'],
      assets.map(a => [String(a.symbol), String(a.strategy_id), cell(formatPercent(a.target_weight as number), 'num'), cell(formatPercent(a.final_weight as number), 'num'),
        cell(formatNumber(a.pnl as number), 'num'), cell(formatPercent(a.contribution as number), 'num'), cell(formatNumber(a.fees as number), 'num'),
        cell(String(a.closed_trades), 'num'), cell(String(a.open_trades), 'num'), cell(formatPercent(a.exposure as number), 'num'), cell(formatPercent(a.buy_and_hold_return as number), 'num')]),
      { 'data-testid': 'portfolio-assets' }),
    el('h3', {}, 'Portfolio equity'), equityBox);
  curvesChart(equityBox, [{ name: 'Portfolio equity', points: await fullEquity(run.backtest_id, results.equity_points_total) }]);
}

async function comparisonView(container: HTMLElement, run: Run, summary: Summary, results: Results, openRun: OpenRun): Promise<void> {
  const rankBy = String(summary.rank_by);
  const candidates = (summary.candidates ?? []) as { index: number; label: string; strategy_id: string; params: Record<string, Json>; rank: number; metrics: Metrics }[];
  const ranked = [...candidates].sort((a, b) => a.rank - b.rank);
  const shown = ['final_capital', 'total_return', 'annual_return', 'max_drawdown', 'sharpe_ratio', 'total_trades', 'win_rate'];
  const correlation = summary.correlation as { labels: string[]; matrix: number[][] } | null;
  const overlayBox = el('div', { class: 'chart', 'data-testid': 'comparison-chart', hidden: true });
  const overlay = el('button', { type: 'button' }, 'Overlay equity curves');
  overlay.addEventListener('click', async () => {
    overlay.disabled = true;
    overlay.textContent = 'Loading the candidates\' curves…';
    // the comparison stored every candidate's equity (last of each day): read, never re-run; a candidate has at most
    // one point per bar, as many as the run's own curve
    const maxPoints = Math.max(2, results.equity_points_total);
    const curves: Curve[] = await Promise.all(ranked.map(async c => ({ name: c.label,
      points: (await api<{ points: EquityPoint[] }>(path`/api/comparisons/${run.backtest_id}/candidates/${String(c.index)}/equity` + `?max_points=${maxPoints}`)).points })));
    overlayBox.hidden = false;
    overlayBox.dataset.series = String(curves.length);
    curvesChart(overlayBox, curves);
    overlay.remove();
  });
  append(container,
    el('h3', {}, `Ranking by ${metricLabel(rankBy)} (${rankBy})`),
    table(['Rank', 'Candidate', 'Parameters', ...shown.map(m => el('span', { title: m }, metricLabel(m))), ''], ranked.map(c => {
      const open = el('button', { type: 'button' }, 'Backtest');
      open.addEventListener('click', () => { void runCell(run, c.params, openRun, c.strategy_id); });
      return [cell(c.rank, 'num'), c.label, paramsText(c.params), ...shown.map(m => cell(formatMetric(m, c.metrics[m]), 'num')), el('td', {}, open)];
    }), { 'data-testid': 'comparison-ranking' }),
    correlation ? el('h3', {}, 'Correlation of daily returns') : null,
    correlation ? table(['', ...correlation.labels], correlation.matrix.map((row, i) => [correlation.labels[i], ...row.map(v => cell(formatNumber(v, 2), 'num'))])) : null,
    el('h3', {}, 'Equity curves'), overlay, overlayBox);
}

export async function renderResearch(container: HTMLElement, run: Run, results: Results, openRun: OpenRun): Promise<void> {
  const summary = results.summary ?? {};
  const views: Record<string, () => Promise<void>> = {
    backtest_optimization: () => optimizationView(container, run, summary, openRun),
    backtest_walk_forward: () => walkForwardView(container, run, summary, results),
    backtest_monte_carlo: () => monteCarloView(container, summary),
    backtest_portfolio: () => portfolioView(container, run, summary, results),
    backtest_comparison: () => comparisonView(container, run, summary, results, openRun),
  };
  container.replaceChildren(el('div', { class: 'research-view', 'data-testid': `research-${run.kind}` }));
  const view = views[run.kind];
  if (view) await view();
  else container.append(el('p', {}, `No view for ${run.kind} yet.`));
}
