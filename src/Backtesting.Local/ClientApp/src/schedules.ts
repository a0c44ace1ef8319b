// Scheduled optimizations: the caller's schedules with their next slot, a form to create one, delete per row.
import { api, ApiError, path, type Json, type Strategy } from './api';
import { cell, el, fillSelect } from './dom';
import { clearErrors, field, gridAxis, showErrors } from './forms';
import { day } from './format';
import { objectives } from './researchForm';

interface Schedule {
  schedule_id: string; name: string; cron: string; strategy_id: string; parameter_grid: Record<string, Json>; assets: string[];
  next_run_at: string | null; last_run_at: string | null; last_run_ids: string[];
}

const when = (iso: string | null): string => (iso ? iso.replace('T', ' ').slice(0, 16) + ' UTC' : '–');

export class SchedulesPage {
  private readonly errors = el('span', { class: 'errors', role: 'alert' });

  constructor(private readonly form: HTMLFormElement, private readonly body: HTMLTableSectionElement, private readonly openRun: (id: string) => void) {
    form.addEventListener('submit', e => { e.preventDefault(); void this.create(); });
  }

  render(strategies: Strategy[], assetSymbols: string[]): void {
    const strategy = el('select', { id: 's-strategy' });
    fillSelect(strategy, strategies.map(s => [s.id, s.name]));
    const objective = el('select', { id: 's-objective' });
    fillSelect(objective, objectives.map(o => [o, o]));
    this.form.replaceChildren(el('div', { class: 'row' },
      field('Name', el('input', { id: 's-name', type: 'text', value: 'Nightly optimization' }), 'name'),
      field('Cron (UTC)', el('input', { id: 's-cron', type: 'text', value: '0 6 * * 1-5' }), 'cron', 'minute hour day month weekday'),
      field('Strategy', strategy, 'strategy_id'),
      field('Assets', el('input', { id: 's-assets', type: 'text', value: assetSymbols.slice(0, 1).join(', ') }), 'assets', 'comma separated symbols'),
      field('Grid', el('input', { id: 's-grid', type: 'text', value: 'fast_period=5:20:5; slow_period=20:60:10' }), 'parameter_grid', 'name=start:stop:step or name=a,b,c; separated by ;'),
      field('Lookback days', el('input', { id: 's-lookback', type: 'number', min: 1, step: 1, value: 365 }), 'lookback_days'),
      field('Objective', objective, 'objective')),
      el('div', { class: 'row' }, el('button', { type: 'submit' }, 'Create schedule'), this.errors));
    void this.load();
  }

  async load(): Promise<void> {
    const schedules = await api<Schedule[]>('/api/schedules');
    this.body.replaceChildren(...schedules.map(s => {
      const remove = el('button', { type: 'button', 'aria-label': `Delete schedule ${s.name}` }, 'Delete');
      remove.addEventListener('click', async () => { await api(path`/api/schedules/${s.schedule_id}`, { method: 'DELETE' }); await this.load(); });
      const last = s.last_run_ids[0];
      const lastCell = last ? el('button', { type: 'button', class: 'link' }, `${day(s.last_run_at)} (${s.last_run_ids.length} runs)`) : null;
      lastCell?.addEventListener('click', () => this.openRun(last));
      return el('tr', { 'data-schedule': s.schedule_id }, cell(s.name), cell(s.cron), cell(s.strategy_id), cell(s.assets.join(', ')),
        cell(Object.entries(s.parameter_grid).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join('; ')), cell(when(s.next_run_at)),
        el('td', {}, lastCell ?? '–'), el('td', {}, remove));
    }));
  }

  private async create(): Promise<void> {
    clearErrors(this.form, this.errors);
    const text = (id: string) => this.form.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)!.value.trim();
    const grid: Record<string, Json> = {};
    for (const part of text('s-grid').split(';').map(p => p.trim()).filter(Boolean)) {
      const [name, values] = part.split('=').map(x => x.trim());
      grid[name] = gridAxis(values ?? '');
    }
    try {
      await api('/api/schedules', { method: 'POST', body: {
        name: text('s-name'), cron: text('s-cron'), strategy_id: text('s-strategy'), parameter_grid: grid,
        assets: text('s-assets').split(',').map(a => a.trim()).filter(Boolean), lookback_days: text('s-lookback') === '' ? null : Number(text('s-lookback')),
        objective: text('s-objective'),
      } });
      await this.load();
    } catch (e) {
      if (e instanceof ApiError) showErrors(this.form, this.errors, e.message, e.errors);
      else this.errors.textContent = String(e);
    }
  }
}
