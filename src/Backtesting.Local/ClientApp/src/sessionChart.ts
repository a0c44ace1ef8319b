// The trading session's candles: only the bars the session has shown (never a later one), a marker at every fill,
// and a price line at the position's average price and at each working order's level, as a broker's chart has.
import { CandlestickSeries, createSeriesMarkers, LineStyle, type IChartApi, type IPriceLine, type ISeriesApi, type ISeriesMarkersPluginApi, type Time } from 'lightweight-charts';
import { type Bar } from './api';
import { baseChart, toTime } from './charts';
import { el } from './dom';
import { formatNumber } from './format';

export interface SessionFill { fill_id: string; order_id: string; time: string; side: string; quantity: number; price: number; fee: number }
export interface SessionOrder {
  order_id: string; side: string; type: string; status: string; quantity: number | null; percent_of_equity: number | null;
  limit_price: number | null; stop_price: number | null; stop_loss: number | null; take_profit: number | null; source: string;
  placed_at: string; reason: string | null;
}

export class SessionChart {
  private readonly chart: IChartApi;
  private readonly candles: ISeriesApi<'Candlestick'>;
  private readonly markers: ISeriesMarkersPluginApi<Time>;
  private readonly legend: HTMLElement;
  private lines: IPriceLine[] = [];
  private bars: Bar[] = [];

  constructor(container: HTMLElement) {
    const chart = this.chart = baseChart(container, 360);
    this.candles = chart.addSeries(CandlestickSeries, { upColor: '#26a69a', downColor: '#ef5350', borderVisible: false, wickUpColor: '#26a69a', wickDownColor: '#ef5350' });
    this.markers = createSeriesMarkers(this.candles, []);
    this.legend = el('div', { class: 'legend' });
    container.append(this.legend);
    chart.subscribeCrosshairMove(param => {
      const hovered = param.time === undefined ? undefined : this.bars.find(b => toTime(b.time) === param.time);
      this.describe(hovered ?? this.bars.at(-1));
    });
  }

  /** Replaces the bars (a session opened or resumed). */
  setBars(bars: Bar[]): void {
    this.bars = [...bars];
    this.candles.setData(bars.map(b => ({ time: toTime(b.time), open: b.open, high: b.high, low: b.low, close: b.close })));
    this.chart.timeScale().fitContent();
    this.describe(this.bars.at(-1));
  }

  /** Adds the bars after the last one shown (an advance). */
  addBars(bars: Bar[]): void {
    const last = this.bars.at(-1)?.time ?? '';
    for (const b of bars.filter(b => b.time > last)) {
      this.bars.push(b);
      this.candles.update({ time: toTime(b.time), open: b.open, high: b.high, low: b.low, close: b.close });
    }
    this.describe(this.bars.at(-1));
  }

  get lastTime(): string | undefined { return this.bars.at(-1)?.time; }

  show(fills: SessionFill[], orders: SessionOrder[], averagePrice: number | null): void {
    this.markers.setMarkers(fills.map(f => ({
      time: toTime(f.time), position: f.side === 'buy' ? 'belowBar' : 'aboveBar', shape: f.side === 'buy' ? 'arrowUp' : 'arrowDown',
      color: f.side === 'buy' ? '#2f6fed' : '#e8710a', text: `${f.side} ${formatNumber(f.quantity, 0)}`,
    } as const)).sort((a, b) => (a.time as number) - (b.time as number)));
    for (const line of this.lines) this.candles.removePriceLine(line);
    const level = (o: SessionOrder) => o.limit_price ?? o.stop_price;
    this.lines = [
      ...(averagePrice === null ? [] : [this.candles.createPriceLine({ price: averagePrice, color: '#5f6368', lineStyle: LineStyle.Dotted, lineWidth: 1, title: 'avg' })]),
      ...orders.filter(o => level(o) !== null).map(o => this.candles.createPriceLine({
        price: level(o)!, color: o.side === 'buy' ? '#2f6fed' : '#e8710a', lineStyle: LineStyle.Dashed, lineWidth: 1, title: `${o.side} ${o.type}`,
      })),
    ];
  }

  private describe(bar: Bar | undefined): void {
    this.legend.textContent = bar ? `${bar.time.slice(0, 10)} O ${formatNumber(bar.open)} H ${formatNumber(bar.high)} L ${formatNumber(bar.low)} C ${formatNumber(bar.close)}` : '';
  }
}
