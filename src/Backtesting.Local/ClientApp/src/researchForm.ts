// The research page: one form per job kind (optimization, walk-forward, Monte Carlo, portfolio, comparison) over
// the shared run context and parameter inputs; a grid editor per numeric parameter where the kind searches a grid.
import { api, ApiError, type Asset, type Json, type ParameterSchema, type Strategy } from './api';
import { el, fillSelect } from './dom';
import { clearErrors, commonParameterNames, field, gridAxis, ParameterForm, RunContext, showErrors } from './forms';
import { metricLabel } from './format';

export const objectives = ['sharpe_ratio', 'sortino_ratio', 'calmar_ratio', 'total_return', 'annual_return', 'final_capital',
  'max_drawdown', 'profit_factor', 'win_rate', 'expectancy'];

interface Kind { id: string; label: string; endpoint: string; grid: boolean; asset: boolean; fields: () => HTMLElement[]; body: (f: HTMLFormElement) => Record<string, Json> }

const input = (id: string, attributes: Record<string, string | number> = {}) => el('input', { id, name: id, ...attributes });
function select(id: string, options: string[], labels: (v: string) => string = v => v): HTMLSelectElement {
  const s = el('select', { id, name: id });
  fillSelect(s, options.map(o => [o, labels(o)]));
  return s;
}
const value = (form: HTMLFormElement, id: string): string => (form.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)?.value ?? '').trim();
const numberOrNull = (text: string): number | null => (text === '' ? null : Number(text));
/** "30" is a bar count, "730d" a span: the API takes either. */
const lengthValue = (text: string): Json => (/^\d+$/.test(text) ? Number(text) : text);

const objectiveFields = () => [
  field('Objective', select('r-objective', objectives, o => `${metricLabel(o)} (${o})`), 'objective'),
  field('Direction', select('r-maximize', ['natural', 'maximize', 'minimize']), 'maximize', 'natural: maximize returns and ratios, minimize drawdowns'),
];
const objectiveBody = (f: HTMLFormElement) => ({
  objective: value(f, 'r-objective'), maximize: value(f, 'r-maximize') === 'natural' ? null : value(f, 'r-maximize') === 'maximize',
});

export const kinds: Kind[] = [
  { id: 'optimization', label: 'Optimization', endpoint: '/api/optimizations', grid: true, asset: true,
    fields: () => [...objectiveFields(), field('Random samples', input('r-random', { type: 'number', min: 1, step: 1 }), 'random_samples', 'empty: every grid cell'),
      field('Min trades', input('r-min-trades', { type: 'number', min: 0, step: 1, placeholder: '0' }), 'min_trades', 'cells with fewer closed trades rank last')],
    body: f => ({ ...objectiveBody(f), random_samples: numberOrNull(value(f, 'r-random')), min_trades: numberOrNull(value(f, 'r-min-trades')) }) },
  { id: 'walk_forward', label: 'Walk-forward', endpoint: '/api/walk-forward', grid: true, asset: true,
    fields: () => [...objectiveFields(),
      field('In-sample', input('r-in-sample', { type: 'text', value: '500', inputmode: 'text' }), 'in_sample', 'bars (500) or a span (730d)'),
      field('Out-of-sample', input('r-out-of-sample', { type: 'text', value: '250' }), 'out_of_sample', 'bars (250) or a span (90d)'),
      field('Mode', select('r-mode', ['rolling', 'anchored']), 'mode')],
    body: f => ({ ...objectiveBody(f), in_sample: lengthValue(value(f, 'r-in-sample')), out_of_sample: lengthValue(value(f, 'r-out-of-sample')), mode: value(f, 'r-mode') }) },
  { id: 'monte_carlo', label: 'Monte Carlo', endpoint: '/api/monte-carlo', grid: false, asset: true,
    fields: () => [field('Method', select('r-method', ['trade_reshuffle', 'trade_bootstrap', 'block_bootstrap', 'gbm']), 'method'),
      field('Paths', input('r-paths', { type: 'number', min: 1, step: 1, value: 1000 }), 'paths'),
      field('Seed', input('r-seed', { type: 'number', step: 1, value: 1 }), 'seed'),
      field('Drawdown threshold', input('r-dd', { type: 'number', min: 0, max: 1, step: 'any', value: 0.2 }), 'drawdown_threshold', 'fraction, 0.2 = 20 %')],
    body: f => ({ method: value(f, 'r-method'), paths: numberOrNull(value(f, 'r-paths')), seed: numberOrNull(value(f, 'r-seed')), drawdown_threshold: numberOrNull(value(f, 'r-dd')) }) },
  { id: 'portfolio', label: 'Portfolio', endpoint: '/api/portfolios', grid: false, asset: false,
    fields: () => [field('Assets and weights', input('r-assets', { type: 'text', placeholder: 'GOOG=0.6, MSFT=0.4' }), 'assets', 'SYMBOL=weight, comma separated'),
      field('Rebalance', select('r-rebalance', ['none', 'daily', 'weekly', 'monthly', 'threshold']), 'rebalance'),
      field('Drift threshold', input('r-drift', { type: 'number', min: 0, max: 1, step: 'any' }), 'drift_threshold', 'for threshold rebalancing, 0.05 = 5 points')],
    body: f => ({
      assets: value(f, 'r-assets').split(',').map(s => s.trim()).filter(Boolean).map(s => { const [symbol, weight] = s.split('='); return { symbol: symbol.trim(), weight: numberOrNull((weight ?? '').trim()) }; }),
      rebalance: value(f, 'r-rebalance'), drift_threshold: numberOrNull(value(f, 'r-drift')), asset_symbol: null,
    }) },
  { id: 'comparison', label: 'Comparison', endpoint: '/api/comparisons', grid: false, asset: true,
    fields: () => [field('Candidates', el('fieldset', { id: 'r-candidates', class: 'checks' }), 'candidates', 'strategies compared with their default parameters'),
      field('Rank by', select('r-rank-by', objectives, o => `${metricLabel(o)} (${o})`), 'rank_by')],
    body: f => ({
      candidates: [...f.querySelectorAll<HTMLInputElement>('#r-candidates input:checked')].map(c => ({ strategy_id: c.value })),
      rank_by: value(f, 'r-rank-by'), strategy_id: null, parameters: null,
    }) },
];

/**
 * One text input per numeric parameter: "5,10,20" (values) or "5:50:5" (start:stop:step, stop inclusive); empty:
 * the fixed value. The strategy's own parameters come first, the common ones (costs, stops, sizing) are folded.
 */
function gridEditor(strategy: Strategy, common: Set<string>): HTMLElement {
  const numeric = Object.entries(strategy.parameters_schema.properties).filter(([, s]) => {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    return types.includes('integer') || types.includes('number');
  });
  const defaults: Record<string, string> = { fast_period: '5:20:5', slow_period: '20:60:10' };
  const axis = ([name, s]: [string, ParameterSchema]) => {
    const box = input(`grid-${name}`, { type: 'text', placeholder: `e.g. ${s.default ?? 1},${Number(s.default ?? 1) * 2} or start:stop:step`, 'data-grid': name });
    box.value = defaults[name] ?? '';
    return field(name.replace(/_/g, ' '), box, `grid.${name}`);
  };
  return el('fieldset', { class: 'grid-editor' }, el('legend', {}, 'Parameter grid (empty: use the fixed value below)'),
    ...numeric.filter(([n]) => !common.has(n)).map(axis),
    el('details', {}, el('summary', {}, 'Common parameters as axes'), el('div', { class: 'params' }, ...numeric.filter(([n]) => common.has(n)).map(axis))));
}

function gridValues(form: HTMLFormElement): Record<string, Json> {
  const grid: Record<string, Json> = {};
  for (const box of form.querySelectorAll<HTMLInputElement>('[data-grid]')) {
    const text = box.value.trim();
    if (!text) continue;
    grid[box.dataset.grid!] = gridAxis(text);
  }
  return grid;
}

export class ResearchPage {
  private kind = kinds[0];
  private strategies: Strategy[] = [];
  private assets: Asset[] = [];
  private readonly tabs: HTMLButtonElement[];

  constructor(tabList: HTMLElement, private readonly form: HTMLFormElement, private readonly openRun: (id: string) => void) {
    this.tabs = kinds.map(k => {
      const tab = el('button', { type: 'button', role: 'tab', id: `kind-${k.id}`, 'data-kind': k.id, 'aria-selected': 'false' }, k.label);
      tab.addEventListener('click', () => this.select(k.id));
      return tab;
    });
    tabList.replaceChildren(...this.tabs);
    form.addEventListener('submit', e => { e.preventDefault(); void this.submit(); });
  }

  load(strategies: Strategy[], assets: Asset[]): void {
    this.strategies = strategies;
    this.assets = assets;
    this.select(this.kind.id);
  }

  select(id: string): void {
    this.kind = kinds.find(k => k.id === id) ?? kinds[0];
    this.tabs.forEach(t => t.setAttribute('aria-selected', String(t.dataset.kind === this.kind.id)));
    const contextBox = el('div', { class: 'row' });
    const context = new RunContext(contextBox, 'r-', { asset: this.kind.asset });
    const own = el('div', { class: 'params' }), common = el('div', { class: 'params' });
    const gridBox = el('div');
    const errors = el('span', { class: 'errors', role: 'alert', id: 'researchErrors' });
    this.form.replaceChildren(contextBox, el('div', { class: 'row' }, ...this.kind.fields()), gridBox,
      el('h3', {}, 'Fixed parameters'), own, el('details', {}, el('summary', {}, 'Common parameters'), common),
      el('div', { class: 'row' }, el('button', { type: 'submit' }, `Start ${this.kind.label.toLowerCase()}`), errors));
    context.load(this.strategies, this.assets);
    if (this.kind.id === 'portfolio') {
      context.strategy.value = this.strategies.some(s => s.id === 'buy_and_hold') ? 'buy_and_hold' : context.strategy.value;
      this.form.querySelector<HTMLInputElement>('#r-assets')!.value = this.assets.slice(0, 3).map(a => `${a.symbol}=${(1 / Math.min(3, this.assets.length)).toFixed(2)}`).join(', ');
    }
    const candidates = this.form.querySelector('#r-candidates');
    candidates?.replaceChildren(...this.strategies.map((s, i) => el('label', {}, Object.assign(el('input', { type: 'checkbox', value: s.id }), { checked: i < 2 }), ` ${s.name}`)));
    const parameters = new ParameterForm(own, common, 'r-param-');
    const renderStrategy = () => {
      const strategy = this.strategies.find(s => s.id === context.strategy.value);
      if (!strategy) return;
      gridBox.replaceChildren(this.kind.grid ? gridEditor(strategy, commonParameterNames(this.strategies)) : el('span'));
      this.refreshFixed = () => parameters.render(strategy, commonParameterNames(this.strategies), new Set(Object.keys(gridValues(this.form))));
      this.refreshFixed();
    };
    context.strategy.addEventListener('change', renderStrategy);
    gridBox.addEventListener('change', () => this.refreshFixed());
    renderStrategy();
    this.collect = () => ({ ...context.body(), parameters: parameters.values(), ...(this.kind.grid ? { grid: gridValues(this.form) } : {}), ...this.kind.body(this.form) });
    this.errorBox = errors;
  }

  private refreshFixed: () => void = () => undefined;
  private collect: () => Record<string, Json> = () => ({});
  private errorBox: HTMLElement = el('span');

  private async submit(): Promise<void> {
    clearErrors(this.form, this.errorBox);
    try {
      const accepted = await api<{ backtest_id: string }>(this.kind.endpoint, { method: 'POST', body: this.collect() });
      this.openRun(accepted.backtest_id);
    } catch (e) {
      if (e instanceof ApiError) showErrors(this.form, this.errorBox, e.message, e.errors);
      else this.errorBox.textContent = String(e);
    }
  }
}
