// Price, equity and research charts on TradingView's lightweight-charts. The attribution logo stays off: it
// injects an inline <style> that the dashboard's Content-Security-Policy refuses; the footer credits the library.
import {
  AreaSeries, CandlestickSeries, ColorType, createChart, createSeriesMarkers, CrosshairMode, LineSeries, LineStyle, PriceScaleMode,
  type BarData, type IChartApi, type ISeriesApi, type MouseEventParams, type SeriesMarker, type SeriesType, type Time, type UTCTimestamp,
} from 'lightweight-charts';
import { type Bar, type EquityPoint, type Trade } from './api';
import { el } from './dom';
import { formatNumber } from './format';

export const toTime = (iso: string): UTCTimestamp => Math.floor(Date.parse(iso) / 1000) as UTCTimestamp;
const isoDay = (time: Time): string => typeof time === 'number' ? new Date(time * 1000).toISOString().slice(0, 10) : String(time);

export const palette = ['#2f6fed', '#e8710a', '#188038', '#a142f4', '#d93025', '#12b5cb', '#795548', '#5f6368'];

export function baseChart(container: HTMLElement, height: number): IChartApi {
  container.style.height = `${height}px`;
  return createChart(container, {
    autoSize: true,
    layout: { background: { type: ColorType.Solid, color: '#ffffff' }, textColor: '#303849', attributionLogo: false, fontSize: 11 },
    grid: { vertLines: { color: '#eef0f4' }, horzLines: { color: '#eef0f4' } },
    crosshair: { mode: CrosshairMode.Normal },
    rightPriceScale: { borderColor: '#d5d9e2' },
    timeScale: { borderColor: '#d5d9e2' },
  });
}

/** A legend line over the chart that shows the values under the crosshair (the last values when it leaves). */
function legend(container: HTMLElement, chart: IChartApi, describe: (param: MouseEventParams | null) => string): void {
  const box = el('div', { class: 'legend', 'aria-live': 'off' });
  container.append(box);
  box.textContent = describe(null);
  chart.subscribeCrosshairMove(param => { box.textContent = describe(param.time === undefined ? null : param); });
}

function valueAt(param: MouseEventParams | null, series: ISeriesApi<SeriesType>): number | undefined {
  const data = param?.seriesData.get(series);
  return data && 'value' in data ? data.value : undefined;
}

export interface Overlay { name: string; values: (number | null)[] }

/** Candles, the strategy's indicator overlays, and a marker at every entry and exit. */
export function priceChart(container: HTMLElement, bars: Bar[], trades: Trade[], overlays: Overlay[]): IChartApi {
  const chart = baseChart(container, 380);
  const candles = chart.addSeries(CandlestickSeries, { upColor: '#26a69a', downColor: '#ef5350', borderVisible: false, wickUpColor: '#26a69a', wickDownColor: '#ef5350' });
  candles.setData(bars.map(b => ({ time: toTime(b.time), open: b.open, high: b.high, low: b.low, close: b.close })));
  const lines = overlays.map((overlay, i) => {
    const line = chart.addSeries(LineSeries, { color: palette[(i + 1) % palette.length], lineWidth: 1, priceLineVisible: false, lastValueVisible: false, title: overlay.name });
    line.setData(bars.flatMap((b, j) => overlay.values[j] === null ? [] : [{ time: toTime(b.time), value: overlay.values[j] as number }]));
    return { name: overlay.name, line };
  });
  const markers: SeriesMarker<Time>[] = [];
  trades.forEach((t, i) => {
    const long = t.direction === 'long';
    markers.push({ time: toTime(t.entry_date), position: long ? 'belowBar' : 'aboveBar', shape: long ? 'arrowUp' : 'arrowDown', color: '#2f6fed', id: `entry-${i + 1}` });
    if (t.exit_date) markers.push({ time: toTime(t.exit_date), position: long ? 'aboveBar' : 'belowBar', shape: long ? 'arrowDown' : 'arrowUp', color: t.pnl >= 0 ? '#188038' : '#d93025', id: `exit-${i + 1}` });
  });
  markers.sort((a, b) => (a.time as number) - (b.time as number));
  createSeriesMarkers(candles, markers);
  legend(container, chart, param => {
    const hovered = param?.seriesData.get(candles);
    const bar = hovered && 'open' in hovered ? hovered as BarData : bars.length ? { ...bars[bars.length - 1], time: toTime(bars[bars.length - 1].time) } : undefined;
    if (!bar) return '';
    const extra = lines.map(({ name, line }) => { const v = valueAt(param, line); return v === undefined ? '' : ` ${name} ${formatNumber(v)}`; }).join('');
    return `${isoDay(param?.time ?? bar.time)} O ${formatNumber(bar.open)} H ${formatNumber(bar.high)} L ${formatNumber(bar.low)} C ${formatNumber(bar.close)}${extra}`;
  });
  chart.timeScale().fitContent();
  return chart;
}

export interface Curve { name: string; points: EquityPoint[] }

/** Lines on one time axis (equity with its benchmark, stitched out-of-sample equity, overlaid comparisons). */
export function curvesChart(container: HTMLElement, curves: Curve[], height = 320): IChartApi {
  const chart = baseChart(container, height);
  const series = curves.map((curve, i) => {
    const line = chart.addSeries(LineSeries, { color: palette[i % palette.length], lineWidth: i === 0 ? 2 : 1, priceLineVisible: false, title: curve.name,
      lineStyle: curve.name.startsWith('Buy') ? LineStyle.Dashed : LineStyle.Solid });
    line.setData(curve.points.map(([t, v]) => ({ time: toTime(t), value: v })));
    return { curve, line };
  });
  legend(container, chart, param => series.map(({ curve, line }) => {
    const v = param ? valueAt(param, line) : curve.points[curve.points.length - 1]?.[1];
    return `${curve.name} ${formatNumber(v)}`;
  }).join('   '));
  chart.timeScale().fitContent();
  return chart;
}

/** The underwater curve: how far equity is below its running peak, in percent. */
export function drawdownChart(container: HTMLElement, points: EquityPoint[]): IChartApi {
  const chart = baseChart(container, 160);
  const area = chart.addSeries(AreaSeries, { lineColor: '#d93025', topColor: 'rgba(217,48,37,0.05)', bottomColor: 'rgba(217,48,37,0.35)', lineWidth: 1,
    priceFormat: { type: 'custom', formatter: (v: number) => `${v.toFixed(1)} %` }, invertFilledArea: true });
  let peak = -Infinity;
  area.setData(points.map(([t, v]) => { peak = Math.max(peak, v); return { time: toTime(t), value: peak > 0 ? (v / peak - 1) * 100 : 0 }; }));
  legend(container, chart, param => { const v = valueAt(param, area); return v === undefined ? 'Drawdown' : `Drawdown ${v.toFixed(2)} %`; });
  chart.timeScale().fitContent();
  return chart;
}

/** Keeps the time axes of charts that show the same period scrolled and zoomed together. */
export function syncTimeScales(charts: IChartApi[]): void {
  let syncing = false;
  for (const source of charts) {
    source.timeScale().subscribeVisibleTimeRangeChange(range => {
      if (syncing || !range) return;
      syncing = true;
      for (const target of charts) if (target !== source) { try { target.timeScale().setVisibleRange(range); } catch { /* no data yet */ } }
      syncing = false;
    });
  }
}

export function setLogScale(chart: IChartApi, on: boolean): void {
  chart.priceScale('right').applyOptions({ mode: on ? PriceScaleMode.Logarithmic : PriceScaleMode.Normal });
}

/** Lines over a step axis that is not time (Monte Carlo bands over trade or bar numbers). */
export function stepsChart(container: HTMLElement, steps: number[], lines: { name: string; values: number[] }[], axis: string): IChartApi {
  const chart = baseChart(container, 300);
  const label = (time: Time) => `${axis} ${time as number}`;
  chart.applyOptions({ localization: { timeFormatter: label }, timeScale: { tickMarkFormatter: (time: Time) => String(time as number) } });
  const series = lines.map((line, i) => {
    const middle = i === Math.floor(lines.length / 2);
    const s = chart.addSeries(LineSeries, { color: middle ? '#2f6fed' : '#8fa9e8', lineWidth: middle ? 2 : 1, priceLineVisible: false, lastValueVisible: false, title: line.name });
    s.setData(steps.map((step, j) => ({ time: step as UTCTimestamp, value: line.values[j] })));
    return { line, s };
  });
  legend(container, chart, param => (param ? `${label(param.time as Time)}: ` : '') + series.map(({ line, s }) => {
    const v = param ? valueAt(param, s) : line.values[line.values.length - 1];
    return `${line.name} ${formatNumber(v)}`;
  }).join('  '));
  chart.timeScale().fitContent();
  return chart;
}
