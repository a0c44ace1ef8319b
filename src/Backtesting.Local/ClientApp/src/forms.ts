// Form building blocks shared by every page: labelled fields with an error slot each, the API's field errors
// shown next to their field, and the run context (strategy, asset, dates following the asset, capital).
import { type Asset, type FieldError, type Json, type ParameterSchema, type Strategy } from './api';
import { el, fillSelect, type Child } from './dom';

/** A labelled control with its help text and the slot where the API's error for `errorKey` appears. */
export function field(label: string, control: HTMLElement, errorKey: string, help?: string): HTMLElement {
  const helpId = help ? `${control.id}-help` : undefined;
  if (helpId) control.setAttribute('aria-describedby', helpId);
  return el('div', { class: 'field' },
    el('label', { for: control.id }, label), control,
    help ? el('small', { id: helpId, class: 'help' }, help) : null,
    el('span', { class: 'field-error', 'data-error-for': errorKey, role: 'alert' }));
}

export function clearErrors(form: HTMLElement, general: HTMLElement): void {
  for (const slot of form.querySelectorAll<HTMLElement>('[data-error-for]')) slot.textContent = '';
  form.querySelectorAll('[aria-invalid]').forEach(c => c.removeAttribute('aria-invalid'));
  general.textContent = '';
}

/** Each error next to its field (exact key, else its parent key: grid.fast_period → grid); the rest in `general`. */
export function showErrors(form: HTMLElement, general: HTMLElement, message: string, errors: FieldError[]): void {
  clearErrors(form, general);
  const slots = [...form.querySelectorAll<HTMLElement>('[data-error-for]')];
  const unplaced: string[] = [];
  for (const error of errors) {
    const key = error.field;
    const slot = slots.find(s => s.dataset.errorFor === key) ?? slots.find(s => key.startsWith(`${s.dataset.errorFor}.`) || key.startsWith(`${s.dataset.errorFor}[`));
    const text = `${key}: ${error.message}`;
    if (!slot) { unplaced.push(text); continue; }
    slot.textContent = slot.textContent ? `${slot.textContent}; ${text}` : text;
    slot.parentElement?.querySelector('input, select, textarea')?.setAttribute('aria-invalid', 'true');
  }
  general.textContent = errors.length === 0 ? message : unplaced.join('\n');
  const first = slots.find(s => s.textContent)?.parentElement?.querySelector<HTMLElement>('input, select, textarea');
  first?.focus();
}

const typesOf = (schema: ParameterSchema): string[] => (Array.isArray(schema.type) ? schema.type : [schema.type ?? 'string']);

/** One input generated from a parameter's JSON schema: bounds, default and help come from the schema. */
export function parameterInput(name: string, schema: ParameterSchema, value: Json, idPrefix: string): HTMLElement {
  const id = `${idPrefix}${name}`;
  const types = typesOf(schema);
  const help = [schema.description,
    schema.minimum !== undefined ? `min ${schema.minimum}` : schema.exclusiveMinimum !== undefined ? `> ${schema.exclusiveMinimum}` : '',
    schema.maximum !== undefined ? `max ${schema.maximum}` : schema.exclusiveMaximum !== undefined ? `< ${schema.exclusiveMaximum}` : '',
    `default ${schema.default === null || schema.default === undefined ? 'none' : String(schema.default)}`].filter(Boolean).join(' · ');
  let control: HTMLInputElement | HTMLSelectElement;
  if (schema.enum) {
    control = el('select', { id, name });
    fillSelect(control, schema.enum.map(v => [String(v), String(v)]));
    control.value = String(value ?? schema.default ?? '');
  } else if (types.includes('boolean')) {
    control = el('input', { id, name, type: 'checkbox' });
    control.checked = value === true;
  } else if (types.includes('integer') || types.includes('number')) {
    const min = schema.minimum ?? schema.exclusiveMinimum, max = schema.maximum ?? schema.exclusiveMaximum;
    control = el('input', { id, name, type: 'number', step: types.includes('integer') ? 1 : 'any', min, max,
      placeholder: types.includes('null') ? 'none' : undefined, inputmode: 'decimal' });
    control.value = value === null || value === undefined ? '' : String(value);
  } else {
    control = el('input', { id, name, type: 'text' });
    control.value = value === null || value === undefined ? '' : String(value);
  }
  control.dataset.testid = `param-${name}`;
  control.dataset.param = name;
  return field(name.replace(/_/g, ' '), control, `parameters.${name}`, help);
}

/** The value of a generated parameter input as the API expects it (null for an empty optional number). */
export function parameterValue(control: HTMLInputElement | HTMLSelectElement, schema: ParameterSchema): Json {
  const types = typesOf(schema);
  if (control instanceof HTMLInputElement && control.type === 'checkbox') return control.checked;
  if (control instanceof HTMLInputElement && control.type === 'number') {
    if (control.value.trim() === '') return types.includes('null') ? null : control.value;
    return Number(control.value);
  }
  return control.value;
}

/** Parameters every strategy has (sizing, direction, stops, costs, fills): folded away under "common parameters". */
export const commonParameterNames = (strategies: Strategy[]): Set<string> => new Set(strategies.length === 0 ? [] :
  Object.keys(strategies[0].parameters_schema.properties).filter(name => strategies.every(s => name in s.parameters_schema.properties)));

/** A strategy's parameter inputs: its own ones in `own`, the common ones in `common` (folded). */
export class ParameterForm {
  private strategy: Strategy | undefined;
  constructor(private readonly own: HTMLElement, private readonly common: HTMLElement, private readonly idPrefix: string) {}

  render(strategy: Strategy, commonNames: Set<string>, exclude: Set<string> = new Set()): void {
    this.strategy = strategy;
    const entries = Object.entries(strategy.parameters_schema.properties).filter(([name]) => !exclude.has(name));
    const input = ([name, schema]: [string, ParameterSchema]) => parameterInput(name, schema, strategy.default_parameters[name] ?? null, this.idPrefix);
    this.own.replaceChildren(...entries.filter(([n]) => !commonNames.has(n)).map(input));
    this.common.replaceChildren(...entries.filter(([n]) => commonNames.has(n)).map(input));
  }

  /** The parameters as entered; `skip` leaves out parameters another editor (the grid) sets. */
  values(skip: Set<string> = new Set()): Record<string, Json> {
    const properties = this.strategy?.parameters_schema.properties ?? {};
    const out: Record<string, Json> = {};
    for (const control of [...this.own.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-param]'),
      ...this.common.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-param]')]) {
      const name = control.dataset.param!;
      if (!skip.has(name)) out[name] = parameterValue(control, properties[name] ?? {});
    }
    return out;
  }
}

/** Strategy, asset, start, end and capital; the dates follow the chosen asset's stored range. */
export class RunContext {
  readonly strategy: HTMLSelectElement;
  readonly asset: HTMLSelectElement;
  readonly start: HTMLInputElement;
  readonly end: HTMLInputElement;
  readonly capital: HTMLInputElement;
  private assets: Asset[] = [];

  constructor(container: HTMLElement, idPrefix: string, options: { asset?: boolean } = {}) {
    this.strategy = el('select', { id: `${idPrefix}strategy`, name: 'strategy_id' });
    this.asset = el('select', { id: `${idPrefix}asset`, name: 'asset_symbol' });
    this.start = el('input', { id: `${idPrefix}start`, name: 'start_date', type: 'date' });
    this.end = el('input', { id: `${idPrefix}end`, name: 'end_date', type: 'date' });
    this.capital = el('input', { id: `${idPrefix}capital`, name: 'initial_capital', type: 'number', min: 1, step: 'any', value: 10000 });
    const fields: Child[] = [field('Strategy', this.strategy, 'strategy_id'),
      options.asset === false ? null : field('Asset', this.asset, 'asset_symbol'),
      field('Start', this.start, 'start_date'), field('End', this.end, 'end_date'), field('Capital', this.capital, 'initial_capital')];
    container.replaceChildren(...fields.filter((f): f is HTMLElement => f instanceof HTMLElement));
    this.asset.addEventListener('change', () => this.followAsset());
  }

  load(strategies: Strategy[], assets: Asset[]): void {
    const chosenStrategy = this.strategy.value, chosenAsset = this.asset.value;
    this.assets = assets;
    fillSelect(this.strategy, strategies.map(s => [s.id, `${s.name} (${s.id})`]));
    if (strategies.some(s => s.id === chosenStrategy)) this.strategy.value = chosenStrategy;
    fillSelect(this.asset, assets.map(a => [a.symbol, `${a.symbol} – ${a.name}`]));
    if (assets.some(a => a.symbol === chosenAsset)) this.asset.value = chosenAsset;
    // runs from these forms use daily bars: start on the first asset that has them (not, say, an hourly-only one)
    else {
      const daily = assets.find(a => a.timeframes.some(t => t.timeframe === '1d'));
      if (daily) this.asset.value = daily.symbol;
    }
    if (!chosenAsset) this.followAsset();
  }

  /** Start and end bounded by, and reset to, the asset's first and last stored daily bar. */
  followAsset(symbol = this.asset.value): void {
    const range = this.assets.find(a => a.symbol === symbol)?.timeframes.find(t => t.timeframe === '1d')
      ?? this.assets.find(a => a.symbol === symbol)?.timeframes[0];
    if (!range) return;
    const first = range.first.slice(0, 10), last = range.last.slice(0, 10);
    for (const input of [this.start, this.end]) { input.min = first; input.max = last; }
    this.start.value = first;
    this.end.value = last;
  }

  body(): Record<string, Json> {
    return {
      strategy_id: this.strategy.value, asset_symbol: this.asset.value, start_date: this.start.value || null,
      end_date: this.end.value || null, initial_capital: this.capital.value === '' ? null : Number(this.capital.value),
    };
  }
}

/** A grid axis as typed: "5:50:5" becomes {start, stop, step} (stop inclusive), "5,10,20" a list of values. */
export function gridAxis(text: string): Json {
  const trimmed = text.trim();
  if (trimmed.includes(':')) {
    const [start, stop, step] = trimmed.split(':').map(v => Number(v.trim()));
    return { start, stop, step: step ?? 1 };
  }
  return trimmed.split(',').map(v => v.trim()).filter(Boolean).map(Number);
}
