// Indicator lines drawn over the candles for the strategies whose indicators are plain moving averages of closes
// (cheap to recompute for display; the engine's own values decide the trades). Other strategies show candles only.
import { type Bar, type Json } from './api';
import { type Overlay } from './charts';

function sma(closes: number[], period: number): (number | null)[] {
  let sum = 0;
  return closes.map((c, i) => { sum += c; if (i >= period) sum -= closes[i - period]; return i >= period - 1 ? sum / period : null; });
}

function ema(closes: number[], period: number): (number | null)[] {
  const k = 2 / (period + 1);
  let value = 0;
  // seeded with the simple average of the first `period` closes
  return closes.map((c, i) => {
    if (i < period - 1) { value += c; return null; }
    value = i === period - 1 ? (value + c) / period : c * k + value * (1 - k);
    return value;
  });
}

const builders: Record<string, (closes: number[], p: Record<string, Json>) => Overlay[]> = {
  sma_crossover: (c, p) => [{ name: `SMA ${p.fast_period}`, values: sma(c, Number(p.fast_period)) }, { name: `SMA ${p.slow_period}`, values: sma(c, Number(p.slow_period)) }],
  ema_crossover: (c, p) => [{ name: `EMA ${p.fast_period}`, values: ema(c, Number(p.fast_period)) }, { name: `EMA ${p.slow_period}`, values: ema(c, Number(p.slow_period)) }],
};

export function overlaysFor(strategyId: string, parameters: Record<string, Json>, bars: Bar[]): Overlay[] {
  const build = builders[strategyId];
  if (!build || bars.length === 0) return [];
  return build(bars.map(b => b.close), parameters).filter(o => o.values.some(v => v !== null));
}
