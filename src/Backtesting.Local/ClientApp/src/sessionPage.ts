// The trading session page (DESIGN section 10): start or resume a session, candles up to the current bar, an order
// ticket, step / play / pause, position and P&L, working orders, fills, autopilot and close into a backtest run.
// Everything is read from the REST answers (an advance returns its fills and the new state), so the page does not
// depend on the session events of the live channels.
import { api, ApiError, type Asset, type Bar, type Json, path, type Strategy } from './api';
import { metricsGrid } from './backtestView';
import { append, cell, el, fillSelect, table } from './dom';
import { clearErrors, field, showErrors } from './forms';
import { day, formatNumber } from './format';
import { SessionChart, type SessionFill, type SessionOrder } from './sessionChart';

interface SessionView {
  session_id: string; status: string; version: number; asset_symbol: string; timeframe: string; current_bar: Bar; bar_index: number;
  bars_remaining: number; initial_capital: number; cash: number; equity: number;
  position: { units: number; average_price: number | null; unrealized_pnl: number };
  open_orders: SessionOrder[]; realized_pnl: number; total_fees: number; run_id: string | null;
}
interface AdvanceView { bars_advanced: number; reached_end: boolean; message: string; fills: SessionFill[]; rejected: SessionOrder[]; session: SessionView }

const orderTypes = ['market', 'limit', 'stop', 'stop_limit'];
/** Bars read when a session is opened: the whole visible history up to the API's page limit. */
const historyBars = 10000;
const speeds: [string, string][] = [['800', 'Slow (0.8 s a bar)'], ['300', 'Normal (0.3 s a bar)'], ['80', 'Fast (0.08 s a bar)']];

const number = (id: string, attributes: Record<string, string | number> = {}) =>
  el('input', { id, name: id, type: 'number', step: 'any', inputmode: 'decimal', ...attributes });
const numberOrNull = (input: HTMLInputElement): number | null => (input.value.trim() === '' ? null : Number(input.value));
const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

export class SessionPage {
  private session: SessionView | null = null;
  private fills: SessionFill[] = [];
  private chart: SessionChart | null = null;
  private playing = false;
  private busy = false;
  private assets: Asset[] = [];

  private readonly startForm: HTMLFormElement;
  private readonly startErrors = el('span', { class: 'errors', role: 'alert' });
  private readonly asset = el('select', { id: 'ss-asset', name: 'asset_symbol' });
  private readonly start = el('input', { id: 'ss-start', name: 'start_date', type: 'date' });
  private readonly end = el('input', { id: 'ss-end', name: 'end_date', type: 'date' });
  private readonly capital = number('ss-capital', { min: 1, value: 10000 });
  private readonly commission = number('ss-commission', { min: 0, max: 0.1, value: 0.001 });
  private readonly warmup = number('ss-warmup', { min: 0, step: 1, value: 60 });
  private readonly resume = el('select', { id: 'ss-resume', 'aria-label': 'Your active sessions' });

  private readonly desk = el('div', { id: 'sessionDesk', hidden: true });
  private readonly title = el('h3', { id: 'sessionTitle' });
  private readonly message = el('p', { id: 'sessionMessage', class: 'help', role: 'status' });
  private readonly deskError = el('p', { id: 'sessionError', class: 'errors', role: 'alert' });
  private readonly chartBox = el('div', { class: 'chart', 'data-testid': 'session-chart' });
  private readonly stepBars = number('ss-bars', { min: 1, step: 1, value: 1 });
  private readonly stepButton = el('button', { type: 'button', id: 'ss-step' }, 'Step');
  private readonly playButton = el('button', { type: 'button', id: 'ss-play' }, 'Play');
  private readonly pauseButton = el('button', { type: 'button', id: 'ss-pause', disabled: true }, 'Pause');
  private readonly speed = el('select', { id: 'ss-speed', 'aria-label': 'Play speed' });
  private readonly ticket: HTMLFormElement;
  private readonly ticketErrors = el('span', { class: 'errors', role: 'alert' });
  private readonly side = el('select', { id: 'ot-side', name: 'side' });
  private readonly type = el('select', { id: 'ot-type', name: 'type' });
  private readonly sizeMode = el('select', { id: 'ot-size-mode', name: 'size_mode' });
  private readonly amount = number('ot-amount', { min: 0, value: 10 });
  private readonly limit = number('ot-limit', { min: 0 });
  private readonly stop = number('ot-stop', { min: 0 });
  private readonly stopLoss = number('ot-sl', { min: 0 });
  private readonly takeProfit = number('ot-tp', { min: 0 });
  private readonly position = el('dl', { class: 'metrics', 'data-testid': 'session-position' });
  private readonly orders = el('div', { 'data-testid': 'session-orders' });
  private readonly fillList = el('div', { 'data-testid': 'session-fills' });
  private readonly autopilotStrategy = el('select', { id: 'ap-strategy', 'aria-label': 'Autopilot strategy' });
  private readonly autopilotBars = number('ap-bars', { min: 1, step: 1, value: 20 });
  private readonly closeAt = el('select', { id: 'ss-close-at', 'aria-label': 'Close the position at' });
  private readonly closeButton = el('button', { type: 'button', id: 'ss-close' }, 'Close session');
  private readonly closed = el('div', { id: 'sessionClosed' });

  constructor(container: HTMLElement) {
    fillSelect(this.side, [['buy', 'Buy'], ['sell', 'Sell']]);
    fillSelect(this.type, orderTypes.map(t => [t, t.replace('_', ' ')]));
    fillSelect(this.sizeMode, [['percent_of_equity', '% of equity'], ['quantity', 'Units']]);
    fillSelect(this.speed, speeds);
    this.speed.value = '300';
    fillSelect(this.closeAt, [['next_open', 'at the next open'], ['close', 'at the current close']]);
    this.asset.addEventListener('change', () => this.followAsset());

    const resumeButton = el('button', { type: 'button', id: 'ss-resume-open' }, 'Resume');
    resumeButton.addEventListener('click', () => { if (this.resume.value) void this.open(this.resume.value); });
    this.startForm = el('form', { id: 'sessionStart', novalidate: true },
      el('div', { class: 'row' }, field('Asset', this.asset, 'asset_symbol'), field('Start', this.start, 'start_date'), field('End', this.end, 'end_date'),
        field('Capital', this.capital, 'initial_capital'), field('Commission', this.commission, 'commission', 'rate per fill, 0.001 = 0.1 %'),
        field('Warm-up bars', this.warmup, 'warmup_bars', 'history shown before the start')),
      el('div', { class: 'row' }, el('button', { type: 'submit' }, 'Start session'), this.startErrors),
      el('div', { class: 'row' }, this.resume, resumeButton));
    this.startForm.addEventListener('submit', e => { e.preventDefault(); void this.create(); });

    const fieldOf = (control: HTMLElement) => control.closest<HTMLElement>('.field')!;
    this.ticket = el('form', { id: 'orderTicket', class: 'ticket', 'data-testid': 'order-ticket', novalidate: true, 'aria-label': 'Order ticket' },
      el('div', { class: 'row' }, field('Side', this.side, 'side'), field('Type', this.type, 'type'), field('Size in', this.sizeMode, 'size_mode'),
        field('Size', this.amount, 'quantity', 'units, or percent of equity (0-100]')),
      el('div', { class: 'row' }, field('Limit price', this.limit, 'limit_price'), field('Stop price', this.stop, 'stop_price'),
        field('Stop loss', this.stopLoss, 'stop_loss', 'price; attached exit'), field('Take profit', this.takeProfit, 'take_profit', 'price; attached exit')),
      el('div', { class: 'row' }, el('button', { type: 'submit', id: 'ot-submit' }, 'Place order'), this.ticketErrors));
    const showPrices = () => {
      fieldOf(this.limit).hidden = !['limit', 'stop_limit'].includes(this.type.value);
      fieldOf(this.stop).hidden = !['stop', 'stop_limit'].includes(this.type.value);
    };
    this.type.addEventListener('change', showPrices);
    showPrices();
    this.ticket.addEventListener('submit', e => { e.preventDefault(); void this.placeOrder(); });

    this.stepButton.addEventListener('click', () => { void this.guard(async () => { await this.advance(Math.max(1, Number(this.stepBars.value) || 1)); }); });
    this.playButton.addEventListener('click', () => { void this.play(); });
    this.pauseButton.addEventListener('click', () => { this.playing = false; });
    const autopilot = el('button', { type: 'button', id: 'ap-run' }, 'Run autopilot');
    autopilot.addEventListener('click', () => { void this.guard(() => this.autopilot()); });
    this.closeButton.addEventListener('click', () => { void this.guard(() => this.close()); });

    append(this.desk, this.title, this.deskError,
      el('div', { class: 'toolbar wrap' }, this.stepButton, el('label', {}, 'bars ', this.stepBars), this.playButton, this.pauseButton, this.speed),
      this.message, this.chartBox,
      el('div', { class: 'desk' },
        el('div', {}, el('h3', {}, 'Order ticket'), this.ticket),
        el('div', {}, el('h3', {}, 'Position and P&L'), this.position)),
      el('h3', {}, 'Working orders'), this.orders,
      el('h3', {}, 'Fills'), this.fillList,
      el('h3', {}, 'Autopilot'),
      el('div', { class: 'toolbar wrap' }, this.autopilotStrategy, el('label', {}, 'bars ', this.autopilotBars), autopilot),
      el('h3', {}, 'Finish'),
      el('div', { class: 'toolbar wrap' }, this.closeAt, this.closeButton), this.closed);
    container.replaceChildren(el('h3', {}, 'Start a session'), this.startForm, this.desk);
  }

  load(strategies: Strategy[], assets: Asset[]): void {
    const chosen = this.asset.value;
    this.assets = assets;
    fillSelect(this.asset, assets.map(a => [a.symbol, `${a.symbol} – ${a.name}`]));
    if (assets.some(a => a.symbol === chosen)) this.asset.value = chosen; else this.followAsset();
    fillSelect(this.autopilotStrategy, strategies.map(s => [s.id, `${s.name} (${s.id})`]));
    void this.loadSessions();
  }

  /** Dates bounded by the asset's daily range; a session starts a year before the end by default. */
  private followAsset(): void {
    const range = this.assets.find(a => a.symbol === this.asset.value)?.timeframes.find(t => t.timeframe === '1d');
    if (!range) return;
    const first = range.first.slice(0, 10), last = range.last.slice(0, 10);
    for (const input of [this.start, this.end]) { input.min = first; input.max = last; }
    const yearBefore = new Date(Date.parse(last) - 365 * 86400_000).toISOString().slice(0, 10);
    this.start.value = yearBefore > first ? yearBefore : first;
    this.end.value = last;
  }

  private async loadSessions(): Promise<void> {
    const sessions = await api<SessionView[]>('/api/sessions');
    const active = sessions.filter(s => s.status === 'active');
    fillSelect(this.resume, active.map(s => [s.session_id, `${s.session_id} ${s.asset_symbol} at ${day(s.current_bar.time)}`]));
    this.resume.disabled = active.length === 0;
  }

  private async create(): Promise<void> {
    clearErrors(this.startForm, this.startErrors);
    try {
      const session = await api<SessionView>('/api/sessions', { method: 'POST', body: {
        asset_symbol: this.asset.value, start_date: this.start.value || null, end_date: this.end.value || null,
        initial_capital: numberOrNull(this.capital), commission: numberOrNull(this.commission), warmup_bars: numberOrNull(this.warmup),
      } });
      await this.open(session.session_id);
    } catch (e) {
      if (e instanceof ApiError) showErrors(this.startForm, this.startErrors, e.message, e.errors);
      else this.startErrors.textContent = String(e);
    }
  }

  private async open(id: string): Promise<void> {
    this.playing = false;
    const [session, bars, fills] = await Promise.all([
      api<SessionView>(path`/api/sessions/${id}`), api<Bar[]>(path`/api/sessions/${id}/bars` + `?lookback=${historyBars}`),
      api<SessionFill[]>(path`/api/sessions/${id}/fills`)]);
    this.desk.hidden = false;
    this.closed.replaceChildren();
    this.message.textContent = '';
    this.deskError.textContent = '';
    if (!this.chart) this.chart = new SessionChart(this.chartBox);
    this.chart.setBars(bars);
    this.fills = fills;
    this.render(session);
    void this.loadSessions();
  }

  /** One action at a time (a click while an advance is under way waits for nothing and does nothing). */
  private async guard(action: () => Promise<void>): Promise<void> {
    if (this.busy || !this.session) return;
    this.busy = true;
    this.deskError.textContent = '';
    try { await action(); } catch (e) { this.deskError.textContent = e instanceof Error ? e.message : String(e); } finally { this.busy = false; this.enable(); }
  }

  private async advance(bars: number): Promise<AdvanceView> {
    const moved = await api<AdvanceView>(path`/api/sessions/${this.session!.session_id}/advance`, { method: 'POST', body: { bars } });
    await this.applyMove(moved);
    return moved;
  }

  private async autopilot(): Promise<void> {
    const bars = Math.max(1, Number(this.autopilotBars.value) || 1);
    const moved = await api<AdvanceView>(path`/api/sessions/${this.session!.session_id}/autopilot`, { method: 'POST',
      body: { strategy_id: this.autopilotStrategy.value, parameters: {}, bars } });
    await this.applyMove(moved);
  }

  /** The new bars (only up to the new current bar), the fills and the state an advance or autopilot answered. */
  private async applyMove(moved: AdvanceView): Promise<void> {
    if (moved.bars_advanced > 0) {
      const bars = await api<Bar[]>(path`/api/sessions/${moved.session.session_id}/bars` + `?lookback=${Math.min(historyBars, moved.bars_advanced)}`);
      this.chart?.addBars(bars);
    }
    this.fills.push(...moved.fills);
    const rejected = moved.rejected.map(o => `order ${o.order_id} rejected: ${o.reason ?? 'no reason given'}`);
    this.message.textContent = [moved.message, ...moved.fills.map(f => `filled ${f.side} ${formatNumber(f.quantity, 4).replace(/\.?0+$/, '')} @ ${formatNumber(f.price)} (fee ${formatNumber(f.fee)})`), ...rejected].join(' · ');
    this.render(moved.session);
  }

  private async play(): Promise<void> {
    if (this.playing || this.busy || !this.session) return;
    this.playing = true;
    this.enable();
    try {
      while (this.playing && this.session && this.session.status === 'active' && this.session.bars_remaining > 0) {
        this.busy = true;
        const moved = await this.advance(1).finally(() => { this.busy = false; });
        if (moved.reached_end) break;
        await pause(Number(this.speed.value));
      }
    } catch (e) {
      this.deskError.textContent = e instanceof Error ? e.message : String(e);
    } finally {
      this.playing = false;
      this.enable();
    }
  }

  private async placeOrder(): Promise<void> {
    if (!this.session) return;
    clearErrors(this.ticket, this.ticketErrors);
    const size = numberOrNull(this.amount);
    const body: Record<string, Json> = {
      side: this.side.value, type: this.type.value,
      quantity: this.sizeMode.value === 'quantity' ? size : null, percent_of_equity: this.sizeMode.value === 'percent_of_equity' ? size : null,
      limit_price: ['limit', 'stop_limit'].includes(this.type.value) ? numberOrNull(this.limit) : null,
      stop_price: ['stop', 'stop_limit'].includes(this.type.value) ? numberOrNull(this.stop) : null,
      stop_loss: numberOrNull(this.stopLoss), take_profit: numberOrNull(this.takeProfit),
    };
    try {
      const order = await api<SessionOrder>(path`/api/sessions/${this.session.session_id}/orders`, { method: 'POST', body });
      this.message.textContent = `order ${order.order_id} working: ${order.side} ${order.type}; it can fill from the next bar on`;
      await this.refresh();
    } catch (e) {
      // percent_of_equity errors belong to the one size field
      if (e instanceof ApiError) showErrors(this.ticket, this.ticketErrors, e.message, e.errors.map(x => x.field === 'percent_of_equity' ? { ...x, field: 'quantity' } : x));
      else this.ticketErrors.textContent = String(e);
    }
  }

  private async refresh(): Promise<void> {
    this.render(await api<SessionView>(path`/api/sessions/${this.session!.session_id}`));
  }

  private async close(): Promise<void> {
    this.playing = false;
    const answer = await api<{ run_id: string; session: SessionView; metrics: Record<string, number | null> }>(
      path`/api/sessions/${this.session!.session_id}/close`, { method: 'POST', body: { at: this.closeAt.value } });
    this.fills = await api<SessionFill[]>(path`/api/sessions/${this.session!.session_id}/fills`);
    this.render(answer.session);
    this.closed.replaceChildren(
      el('p', {}, 'Closed into the backtest run ', el('a', { href: `#${answer.run_id}`, id: 'sessionRunLink' }, answer.run_id),
        ': its trades, equity and metrics read like any backtest.'),
      metricsGrid(answer.metrics));
    void this.loadSessions();
  }

  private enable(): void {
    const active = this.session?.status === 'active';
    const canStep = active && !this.playing && (this.session?.bars_remaining ?? 0) > 0;
    this.stepButton.disabled = !canStep;
    this.playButton.disabled = !canStep;
    this.pauseButton.disabled = !this.playing;
    this.closeButton.disabled = !active || this.playing;
    for (const control of this.ticket.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>('input, select, button')) control.disabled = !active;
  }

  private render(session: SessionView): void {
    this.session = session;
    const bar = session.current_bar;
    this.title.textContent = `${session.session_id}: ${session.asset_symbol} ${session.timeframe} at ${day(bar.time)} (bar ${session.bar_index}, ${session.bars_remaining} to go, ${session.status})`;
    const money = (v: number | null) => formatNumber(v);
    const entries: [string, string, string][] = [
      ['equity', 'Equity', money(session.equity)], ['cash', 'Cash', money(session.cash)],
      ['units', 'Position (units)', formatNumber(session.position.units, Number.isInteger(session.position.units) ? 0 : 4)],
      ['average_price', 'Average price', money(session.position.average_price)],
      ['unrealized_pnl', 'Unrealized P&L', money(session.position.unrealized_pnl)], ['realized_pnl', 'Realized P&L', money(session.realized_pnl)],
      ['total_fees', 'Fees paid', money(session.total_fees)], ['return', 'Return', `${formatNumber((session.equity / session.initial_capital - 1) * 100)} %`],
    ];
    this.position.replaceChildren(...entries.map(([name, label, value]) => el('div', { class: 'metric', 'data-testid': `session-${name}` },
      el('dt', { title: name }, label), el('dd', { class: 'value' }, value))));
    this.orders.replaceChildren(session.open_orders.length === 0 ? el('p', { class: 'help' }, 'No working orders.') : table(
      ['Order', 'Side', 'Type', 'Size', 'Limit', 'Stop', 'SL', 'TP', 'Source', 'Placed', ''],
      session.open_orders.map(o => {
        const cancel = el('button', { type: 'button', 'data-order': o.order_id }, 'Cancel');
        cancel.addEventListener('click', () => { void this.guard(async () => {
          await api(path`/api/sessions/${session.session_id}/orders/${o.order_id}`, { method: 'DELETE' });
          await this.refresh();
        }); });
        return [o.order_id, o.side, o.type.replace('_', ' '), o.quantity !== null ? formatNumber(o.quantity, 0) : `${formatNumber(o.percent_of_equity)} %`,
          cell(formatNumber(o.limit_price), 'num'), cell(formatNumber(o.stop_price), 'num'), cell(formatNumber(o.stop_loss), 'num'), cell(formatNumber(o.take_profit), 'num'),
          o.source.replace('_', ' '), day(o.placed_at), el('td', {}, cancel)];
      }), { id: 'sessionOrders' }));
    this.fillList.replaceChildren(this.fills.length === 0 ? el('p', { class: 'help' }, 'No fills yet.') : table(
      ['Fill', 'Order', 'Time', 'Side', 'Quantity', 'Price', 'Fee'],
      [...this.fills].reverse().map(f => [f.fill_id, f.order_id, day(f.time), f.side, cell(formatNumber(f.quantity, Number.isInteger(f.quantity) ? 0 : 4), 'num'),
        cell(formatNumber(f.price), 'num'), cell(formatNumber(f.fee), 'num')]), { id: 'sessionFills' }));
    this.chart?.show(this.fills, session.open_orders, session.position.average_price);
    this.enable();
  }
}
