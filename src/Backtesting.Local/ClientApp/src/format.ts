// How metric values are shown: fractions as percentages, money with two decimals, counts as integers. The raw
// metric name stays available as the label's tooltip.

const percentMetrics = new Set(['total_return', 'annual_return', 'max_drawdown', 'win_rate', 'exposure', 'buy_and_hold_return',
  'risk_free_rate', 'probability_of_loss', 'probability_of_drawdown_beyond_threshold', 'walk_forward_efficiency', 'drawdown_threshold',
  'pnl_percent', 'contribution', 'target_weight', 'final_weight', 'out_of_sample_return', 'efficiency']);
const moneyMetrics = new Set(['final_capital', 'initial_capital', 'avg_win', 'avg_loss', 'expectancy', 'total_fees', 'pnl', 'fees']);
const countMetrics = new Set(['total_trades', 'open_trades', 'winning_trades', 'losing_trades', 'bars', 'periods_per_year',
  'max_drawdown_duration', 'closed_trades']);

const labels: Record<string, string> = {
  final_capital: 'Final capital', total_return: 'Total return', annual_return: 'Annual return (CAGR)', max_drawdown: 'Max drawdown',
  max_drawdown_duration: 'Max drawdown duration (bars)', sharpe_ratio: 'Sharpe ratio', sortino_ratio: 'Sortino ratio',
  calmar_ratio: 'Calmar ratio', total_trades: 'Closed trades', open_trades: 'Open trades', winning_trades: 'Winning trades',
  losing_trades: 'Losing trades', win_rate: 'Win rate', avg_win: 'Average win', avg_loss: 'Average loss', profit_factor: 'Profit factor',
  expectancy: 'Expectancy per trade', total_fees: 'Fees paid', exposure: 'Time in market', buy_and_hold_return: 'Buy & hold return',
  bars: 'Bars', periods_per_year: 'Periods per year', risk_free_rate: 'Risk-free rate', initial_capital: 'Initial capital',
};

export const metricLabel = (name: string): string => labels[name] ?? name.replace(/_/g, ' ').replace(/^./, c => c.toUpperCase());

const number = (v: number, digits: number): string => v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function formatMetric(name: string, value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return String(value);
  if (percentMetrics.has(name)) return `${number(value * 100, 2)} %`;
  if (moneyMetrics.has(name)) return number(value, 2);
  if (countMetrics.has(name)) return number(value, 0);
  return number(value, Number.isInteger(value) ? 0 : 3);
}

export const formatNumber = (value: number | null | undefined, digits = 2): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '–' : number(value, digits);

export const formatPercent = (fraction: number | null | undefined, digits = 2): string =>
  fraction === null || fraction === undefined || !Number.isFinite(fraction) ? '–' : `${number(fraction * 100, digits)} %`;

export const day = (iso: string | null | undefined): string => (iso ? iso.slice(0, 10) : '');
