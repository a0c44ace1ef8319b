// Monthly returns from the full equity curve: each month's return is its last equity over the previous month's
// last equity (the first month: over the first point), compounded into the year's total.
import { type EquityPoint } from './api';
import { el } from './dom';
import { formatPercent } from './format';

export function monthlyReturns(points: EquityPoint[]): Map<number, (number | null)[]> {
  const years = new Map<number, (number | null)[]>();
  if (points.length === 0) return years;
  let previous = points[0][1];
  const closes = new Map<string, number>();
  for (const [time, equity] of points) closes.set(time.slice(0, 7), equity);
  for (const [month, close] of closes) {
    const year = Number(month.slice(0, 4)), m = Number(month.slice(5, 7)) - 1;
    if (!years.has(year)) years.set(year, Array<number | null>(12).fill(null));
    years.get(year)![m] = previous > 0 ? close / previous - 1 : null;
    previous = close;
  }
  return years;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function monthlyReturnsTable(points: EquityPoint[]): HTMLElement {
  const rows = [...monthlyReturns(points)].map(([year, values]) => {
    const total = values.reduce<number>((acc, v) => (v === null ? acc : acc * (1 + v)), 1) - 1;
    return el('tr', {}, el('th', { scope: 'row' }, year),
      ...values.map(v => el('td', { class: v === null ? 'num' : v >= 0 ? 'num gain' : 'num loss' }, v === null ? '' : formatPercent(v, 1))),
      el('td', { class: total >= 0 ? 'num gain total' : 'num loss total' }, formatPercent(total, 1)));
  });
  return el('div', { class: 'scroll' }, el('table', { class: 'monthly', 'data-testid': 'monthly-returns' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Year'), ...months.map(m => el('th', {}, m)), el('th', {}, 'Year'))), el('tbody', {}, ...rows)));
}
