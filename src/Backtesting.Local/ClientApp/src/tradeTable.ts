// Every trade of a run: sortable by any column, paged, with a CSV export of all of them.
import { type Trade } from './api';
import { cell, download, el } from './dom';
import { day, formatNumber, formatPercent } from './format';

interface Column { key: string; label: string; value: (t: IndexedTrade) => string | number | null; show: (t: IndexedTrade) => string; numeric?: boolean }
type IndexedTrade = Trade & { number: number; bars_held: number | null };

const columns: Column[] = [
  { key: 'number', label: '#', value: t => t.number, show: t => String(t.number), numeric: true },
  { key: 'direction', label: 'Side', value: t => t.direction, show: t => t.direction },
  { key: 'entry_date', label: 'Entry', value: t => t.entry_date, show: t => day(t.entry_date) },
  { key: 'entry_price', label: 'Entry price', value: t => t.entry_price, show: t => formatNumber(t.entry_price), numeric: true },
  { key: 'exit_date', label: 'Exit', value: t => t.exit_date, show: t => t.exit_date ? day(t.exit_date) : 'open' },
  { key: 'exit_price', label: 'Exit price', value: t => t.exit_price, show: t => formatNumber(t.exit_price), numeric: true },
  { key: 'quantity', label: 'Qty', value: t => t.quantity, show: t => formatNumber(t.quantity, Number.isInteger(t.quantity) ? 0 : 4), numeric: true },
  { key: 'pnl', label: 'P&L', value: t => t.pnl, show: t => formatNumber(t.pnl), numeric: true },
  { key: 'pnl_percent', label: 'P&L %', value: t => t.pnl_percent, show: t => formatPercent(t.pnl_percent), numeric: true },
  { key: 'fees', label: 'Fees', value: t => t.fees, show: t => formatNumber(t.fees), numeric: true },
  { key: 'bars_held', label: 'Bars held', value: t => t.bars_held, show: t => t.bars_held === null ? '–' : String(t.bars_held), numeric: true },
  { key: 'exit_reason', label: 'Exit reason', value: t => t.exit_reason, show: t => t.exit_reason },
];

/** Bars held = bars from the entry bar to the exit bar (or to the last bar for an open trade), counted on the run's bar times. */
export function barsHeld(trade: Trade, barTimes: string[]): number | null {
  const index = (iso: string) => { const i = barTimes.findIndex(t => t >= iso); return i < 0 ? barTimes.length - 1 : i; };
  if (barTimes.length === 0) return null;
  return index(trade.exit_date ?? barTimes[barTimes.length - 1]) - index(trade.entry_date);
}

const csvCell = (v: string | number | null): string => {
  const text = v === null ? '' : String(v);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function tradeTable(trades: Trade[], barTimes: string[], fileName: string, pageSize = 25): HTMLElement {
  const rows: IndexedTrade[] = trades.map((t, i) => ({ ...t, number: i + 1, bars_held: barsHeld(t, barTimes) }));
  let sortKey = 'number', ascending = true, page = 0;
  const body = el('tbody');
  const status = el('span', { class: 'pager-status', 'aria-live': 'polite' });
  const previous = el('button', { type: 'button' }, '‹ Previous');
  const next = el('button', { type: 'button' }, 'Next ›');
  const heads = columns.map(c => {
    const button = el('button', { type: 'button', class: 'sort', 'data-key': c.key }, c.label);
    button.addEventListener('click', () => { ascending = sortKey === c.key ? !ascending : true; sortKey = c.key; page = 0; render(); });
    return el('th', { scope: 'col', 'aria-sort': 'none' }, button);
  });
  const sorted = (): IndexedTrade[] => {
    const column = columns.find(c => c.key === sortKey)!;
    return [...rows].sort((a, b) => {
      const x = column.value(a), y = column.value(b);
      const order = x === y ? a.number - b.number : x === null ? 1 : y === null ? -1 : x < y ? -1 : 1;
      return ascending || x === y ? order : -order;
    });
  };
  function render(): void {
    const pages = Math.max(1, Math.ceil(rows.length / pageSize));
    page = Math.min(page, pages - 1);
    body.replaceChildren(...sorted().slice(page * pageSize, (page + 1) * pageSize).map(t => el('tr', {},
      ...columns.map(c => cell(c.show(t), [c.numeric ? 'num' : '', c.key === 'pnl' || c.key === 'pnl_percent' ? (t.pnl >= 0 ? 'gain' : 'loss') : ''].join(' ').trim() || undefined)))));
    heads.forEach((h, i) => h.setAttribute('aria-sort', columns[i].key === sortKey ? (ascending ? 'ascending' : 'descending') : 'none'));
    status.textContent = `Trades ${rows.length === 0 ? 0 : page * pageSize + 1}–${Math.min(rows.length, (page + 1) * pageSize)} of ${rows.length} · page ${page + 1}/${pages}`;
    previous.disabled = page === 0;
    next.disabled = page >= pages - 1;
  }
  previous.addEventListener('click', () => { page--; render(); });
  next.addEventListener('click', () => { page++; render(); });
  const exportButton = el('button', { type: 'button' }, 'Export CSV');
  exportButton.addEventListener('click', () => download(fileName, [columns.map(c => c.key).join(','),
    ...rows.map(t => columns.map(c => csvCell(c.value(t))).join(','))].join('\n') + '\n'));
  render();
  return el('div', { class: 'trades' },
    el('div', { class: 'scroll' }, el('table', { 'data-testid': 'trade-table', id: 'tradeTable' }, el('thead', {}, el('tr', {}, ...heads)), body)),
    el('div', { class: 'pager' }, previous, status, next, exportButton));
}
