// The strategy editor: a rules strategy (DESIGN section 9) written as JSON, validated while typing (debounced) with
// every problem pointed at its line and column, saved as one of the user's own strategies, listed, deleted, and run
// on the backtest page (whose form is generated from the saved strategy's parameter schema).
import { api, ApiError, type FieldError, path, type Strategy } from './api';
import { el } from './dom';
import { JsonSyntaxError, locate, parseJsonSource, positionOf, type JsonSource } from './jsonSource';
import calmTrend from '../../../../samples/strategies/atr_volatility_filter.json';
import bollingerRsi from '../../../../samples/strategies/bollinger_rsi_reversion.json';
import channelBreakout from '../../../../samples/strategies/donchian_breakout_rules.json';
import emaTrend from '../../../../samples/strategies/ema_trend_rsi_exit.json';
import macdLongShort from '../../../../samples/strategies/macd_long_short.json';
import smaCrossRules from '../../../../samples/strategies/sma_crossover_rules.json';

/** The samples of samples/strategies, bundled as starting points. */
const samples: { id: string; name: string }[] = [smaCrossRules, emaTrend, bollingerRsi, channelBreakout, calmTrend, macdLongShort];

interface Problem { field: string; message: string; offset: number | null }

const debounceMs = 350;

export class StrategyEditorPage {
  private readonly source: HTMLTextAreaElement;
  private readonly status: HTMLElement;
  private readonly problems: HTMLOListElement;
  private readonly saveButton: HTMLButtonElement;
  private readonly runButton: HTMLButtonElement;
  private readonly list: HTMLTableSectionElement;
  private own: Strategy[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Answers of older validations are dropped: only the latest text's problems are shown. */
  private generation = 0;
  private savedId: string | null = null;

  constructor(container: HTMLElement, private readonly onChanged: () => Promise<void>, private readonly onRun: (strategyId: string) => void) {
    const sample = el('select', { id: 'editorSample', 'aria-label': 'Sample strategy' });
    sample.replaceChildren(...samples.map(s => new Option(`${s.name} (${s.id})`, s.id)));
    const load = el('button', { type: 'button', id: 'editorLoadSample' }, 'Start from this sample');
    load.addEventListener('click', () => {
      const chosen = samples.find(s => s.id === sample.value);
      if (chosen) this.setText(JSON.stringify(chosen, null, 2));
    });
    this.source = el('textarea', { id: 'strategySource', class: 'code', rows: 22, spellcheck: 'false', autocomplete: 'off', autocapitalize: 'off',
      'aria-label': 'Strategy definition (JSON)', 'aria-describedby': 'editorStatus' });
    this.source.addEventListener('input', () => this.schedule());
    this.status = el('p', { id: 'editorStatus', class: 'help', role: 'status' });
    this.problems = el('ol', { id: 'editorErrors', class: 'problems', 'aria-label': 'Problems' });
    this.saveButton = el('button', { type: 'submit', id: 'editorSave' }, 'Save');
    this.runButton = el('button', { type: 'button', id: 'editorRun', disabled: true }, 'Run backtest');
    this.runButton.addEventListener('click', () => { if (this.savedId) this.onRun(this.savedId); });
    const form = el('form', { id: 'editorForm', novalidate: true },
      el('div', { class: 'row' }, sample, load),
      el('p', { class: 'help' }, 'Rules long_entry, long_exit, short_entry, short_exit are expressions over open, high, low, close, volume, the parameters and '
        + 'sma ema wma rsi stdev bb_upper bb_lower macd macd_signal atr highest lowest prev roc abs min max crosses_above crosses_below.'),
      this.source, this.status, this.problems,
      el('div', { class: 'row' }, this.saveButton, this.runButton));
    form.addEventListener('submit', e => { e.preventDefault(); void this.save(); });
    this.list = el('tbody');
    container.replaceChildren(form, el('h3', {}, 'Your strategies'),
      el('div', { class: 'scroll' }, el('table', { id: 'ownStrategies' },
        el('thead', {}, el('tr', {}, el('th', {}, 'Id'), el('th', {}, 'Name'), el('th', {}, 'Type'), el('th', {}, 'Updated'), el('th', {}, ''))), this.list)));
    this.setText(JSON.stringify(smaCrossRules, null, 2));
  }

  /** The caller's own strategies from the catalog (built-ins are not editable). */
  load(strategies: Strategy[]): void {
    this.own = strategies.filter(s => s.owner === 'user');
    this.list.replaceChildren(...this.own.map(s => {
      const edit = el('button', { type: 'button' }, 'Edit'), run = el('button', { type: 'button' }, 'Run'), remove = el('button', { type: 'button' }, 'Delete');
      edit.addEventListener('click', () => { this.setText(JSON.stringify(s.definition ?? {}, null, 2)); this.markSaved(s.id); this.source.focus(); });
      run.addEventListener('click', () => this.onRun(s.id));
      remove.addEventListener('click', async () => {
        if (!confirm(`Delete the strategy ${s.id}?`)) return;
        await api(path`/api/strategies/${s.id}`, { method: 'DELETE' });
        if (this.savedId === s.id) this.markSaved(null);
        await this.onChanged();
      });
      return el('tr', { 'data-id': s.id }, el('td', {}, s.id), el('td', {}, s.name), el('td', {}, s.strategy_type),
        el('td', {}, (s.updated_at ?? '').replace('T', ' ').slice(0, 16)), el('td', { class: 'actions' }, edit, run, remove));
    }));
  }

  private setText(text: string): void {
    this.source.value = text;
    this.markSaved(null);
    this.schedule(0);
  }

  private markSaved(id: string | null): void {
    this.savedId = id;
    this.runButton.disabled = id === null;
    this.runButton.textContent = id ? `Run ${id}` : 'Run backtest';
  }

  private schedule(delay = debounceMs): void {
    clearTimeout(this.timer);
    this.markSaved(null);
    this.timer = setTimeout(() => { void this.validate(); }, delay);
  }

  /** Parses the text (syntax errors located here) and asks the API for the rest; null when the text does not parse. */
  private parse(): JsonSource | null {
    try {
      return parseJsonSource(this.source.value);
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e;
      this.show([{ field: 'JSON', message: e.message, offset: e.offset }], 'The text is not valid JSON.');
      return null;
    }
  }

  private async validate(): Promise<void> {
    const generation = ++this.generation;
    const parsed = this.parse();
    if (!parsed) return;
    this.status.textContent = 'Checking…';
    try {
      const answer = await api<{ valid: boolean; errors: FieldError[]; resolved_parameters: Record<string, unknown> | null }>(
        '/api/strategies/validate', { method: 'POST', body: { definition: parsed.value } });
      if (generation !== this.generation) return;
      if (answer.valid) this.show([], `Valid. Parameters: ${Object.keys(answer.resolved_parameters ?? {}).join(', ') || 'none'}.`);
      else this.showApiErrors(parsed, answer.errors);
    } catch (e) {
      if (generation === this.generation) this.status.textContent = e instanceof Error ? e.message : String(e);
    }
  }

  private showApiErrors(parsed: JsonSource, errors: FieldError[]): void {
    this.show(errors.map(e => ({ field: e.field, message: e.message, offset: locate(this.source.value, parsed, e.field, e.message) })),
      `${errors.length} problem${errors.length === 1 ? '' : 's'}.`);
  }

  /** Each problem with its line and column, the line's text and a caret under the column; a click puts the cursor there. */
  private show(problems: Problem[], summary: string): void {
    this.status.textContent = summary;
    const text = this.source.value;
    if (problems.length) this.source.setAttribute('aria-invalid', 'true'); else this.source.removeAttribute('aria-invalid');
    this.problems.replaceChildren(...problems.map(p => {
      if (p.offset === null) return el('li', { class: 'problem' }, `${p.field}: ${p.message}`);
      const { line, column } = positionOf(text, p.offset);
      const lineText = text.split('\n')[line - 1] ?? '';
      const jump = el('button', { type: 'button', class: 'link' }, `Line ${line}, column ${column}`);
      jump.addEventListener('click', () => { this.source.focus(); this.source.setSelectionRange(p.offset!, p.offset! + 1); });
      return el('li', { class: 'problem', 'data-line': line, 'data-column': column, 'data-field': p.field },
        jump, ` ${p.field}: ${p.message}`,
        el('pre', { class: 'excerpt' }, `${lineText}\n${' '.repeat(column - 1)}^`));
    }));
  }

  private async save(): Promise<void> {
    clearTimeout(this.timer);
    const generation = ++this.generation;
    const parsed = this.parse();
    if (!parsed) return;
    const definition = parsed.value as { id?: unknown };
    const id = typeof definition.id === 'string' ? definition.id : '';
    const exists = this.own.some(s => s.id === id);
    try {
      const saved = await api<Strategy>(exists ? path`/api/strategies/${id}` : '/api/strategies', { method: exists ? 'PUT' : 'POST', body: parsed.value });
      if (generation !== this.generation) return;
      await this.onChanged();
      this.show([], `Saved ${saved.id}${exists ? ' (replaced)' : ''}. Run it on the backtest page.`);
      this.markSaved(saved.id);
    } catch (e) {
      if (e instanceof ApiError && e.errors.length) this.showApiErrors(parsed, e.errors);
      else this.status.textContent = e instanceof Error ? e.message : String(e);
    }
  }
}
