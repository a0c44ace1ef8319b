using System.Globalization;
using Backtesting.Engine.Data;

namespace Backtesting.Engine.Tests.Reference;

/// <summary>
/// The built-in strategies' signals written again from their definitions (README table, DESIGN sections 4 and 9),
/// slowly and plainly, without any engine code: +1 bullish, -1 bearish, 0 nothing, decided at each bar's close.
/// </summary>
public static class ReferenceSignals
{
    public static sbyte[] For(string strategyId, ReferenceParameters p, BarSeries bars)
    {
        double[] close = bars.Close;
        return strategyId switch
        {
            "sma_crossover" => SmaCrossover(close, p.Integer("fast_period", 10), p.Integer("slow_period", 30)),
            "ema_crossover" => Crossings(Minus(Ema(close, p.Integer("fast_period", 12)), Ema(close, p.Integer("slow_period", 26)))),
            "macd_crossover" => MacdCrossover(close, p.Integer("fast_period", 12), p.Integer("slow_period", 26), p.Integer("signal_period", 9)),
            "rsi_reversion" => RsiReversion(close, p.Integer("period", 14), p.Number("oversold", 30), p.Number("overbought", 70)),
            "bollinger_reversion" => BollingerReversion(close, p.Integer("period", 20), p.Number("num_std", 2)),
            "donchian_breakout" => DonchianBreakout(bars, p.Integer("entry_period", 20), p.Integer("exit_period", 10)),
            "buy_and_hold" => [1, .. new sbyte[close.Length - 1]],
            _ => throw new NotSupportedException($"the reference model has no strategy '{strategyId}'"),
        };
    }

    /// <summary>
    /// DESIGN section 4: +1 at t when d(t) &gt; 0 and the last non-zero d before t was &lt; 0; -1 the mirror.
    /// NaN marks bars where d is not defined yet (skipped); d = 0 neither makes nor clears a cross.
    /// </summary>
    public static sbyte[] Crossings(double[] d)
    {
        var signals = new sbyte[d.Length];
        int lastNonZero = 0;
        for (int t = 0; t < d.Length; t++)
        {
            if (double.IsNaN(d[t]) || d[t] == 0) continue;
            int sign = d[t] > 0 ? 1 : -1;
            if (lastNonZero != 0 && sign != lastNonZero) signals[t] = (sbyte)sign;
            lastNonZero = sign;
        }
        return signals;
    }

    /// <summary>
    /// SMA(fast) vs SMA(slow) compared exactly: closes as decimals (their shortest round-trip text, i.e. the CSV
    /// figures), window sums compared as sum_fast x n_slow vs sum_slow x n_fast.
    /// </summary>
    public static sbyte[] SmaCrossover(double[] close, int fast, int slow)
    {
        decimal[] exact = close.Select(c => decimal.Parse(c.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
        var d = new double[close.Length];
        for (int t = 0; t < close.Length; t++)
        {
            if (t < Math.Max(fast, slow) - 1) { d[t] = double.NaN; continue; }
            decimal sumFast = 0, sumSlow = 0;
            for (int k = t - fast + 1; k <= t; k++) sumFast += exact[k];
            for (int k = t - slow + 1; k <= t; k++) sumSlow += exact[k];
            d[t] = Math.Sign(sumFast * slow - sumSlow * fast);
        }
        return Crossings(d);
    }

    /// <summary>
    /// EMA with alpha = 2 / (n + 1), seeded with the simple mean of the first n defined values (NaN before);
    /// written as alpha x value + (1 - alpha) x previous.
    /// </summary>
    public static double[] Ema(double[] x, int n)
    {
        var ema = Enumerable.Repeat(double.NaN, x.Length).ToArray();
        int first = Array.FindIndex(x, v => !double.IsNaN(v));
        if (first < 0) return ema;
        double alpha = 2.0 / (n + 1);
        for (int t = first + n - 1; t < x.Length; t++)
        {
            if (t == first + n - 1)
            {
                double sum = 0;
                for (int k = first; k <= t; k++) sum += x[k];
                ema[t] = sum / n;
            }
            else
            {
                ema[t] = alpha * x[t] + (1 - alpha) * ema[t - 1];
            }
        }
        return ema;
    }

    /// <summary>MACD line = EMA(fast) - EMA(slow) from the bar both exist; signal line = EMA(signal) of the MACD line.</summary>
    public static sbyte[] MacdCrossover(double[] close, int fast, int slow, int signal)
    {
        double[] line = Minus(Ema(close, fast), Ema(close, slow));
        return Crossings(Minus(line, Ema(line, signal)));
    }

    /// <summary>
    /// Wilder's RSI: changes from bar 1; average gain and loss of the first n changes are simple means, then
    /// avg = (avg x (n - 1) + x) / n; RSI = 100 - 100 / (1 + gain / loss), 100 without losses, 50 when flat.
    /// </summary>
    public static double[] Rsi(double[] close, int n)
    {
        var rsi = Enumerable.Repeat(double.NaN, close.Length).ToArray();
        double avgGain = 0, avgLoss = 0;
        for (int t = 1; t < close.Length; t++)
        {
            double change = close[t] - close[t - 1];
            double gain = Math.Max(change, 0), loss = Math.Max(-change, 0);
            if (t < n)
            {
                avgGain += gain;
                avgLoss += loss;
                continue;
            }
            if (t == n)
            {
                avgGain = (avgGain + gain) / n;
                avgLoss = (avgLoss + loss) / n;
            }
            else
            {
                avgGain = (avgGain * (n - 1) + gain) / n;
                avgLoss = (avgLoss * (n - 1) + loss) / n;
            }
            rsi[t] = avgLoss == 0 ? (avgGain == 0 ? 50 : 100) : 100 - 100 / (1 + avgGain / avgLoss);
        }
        return rsi;
    }

    /// <summary>Buy when RSI crosses below oversold, sell when it crosses above overbought.</summary>
    public static sbyte[] RsiReversion(double[] close, int period, double oversold, double overbought)
    {
        double[] rsi = Rsi(close, period);
        sbyte[] below = Crossings(rsi.Select(r => r - oversold).ToArray());
        sbyte[] above = Crossings(rsi.Select(r => r - overbought).ToArray());
        return Enumerable.Range(0, close.Length).Select(t => (sbyte)(above[t] > 0 ? -1 : below[t] < 0 ? 1 : 0)).ToArray();
    }

    /// <summary>Bands = SMA(n) -/+ k x population standard deviation (two passes over the window).</summary>
    public static (double[] Lower, double[] Upper) BollingerBands(double[] close, int n, double k)
    {
        var lower = Enumerable.Repeat(double.NaN, close.Length).ToArray();
        var upper = Enumerable.Repeat(double.NaN, close.Length).ToArray();
        for (int t = n - 1; t < close.Length; t++)
        {
            double mean = 0;
            for (int j = t - n + 1; j <= t; j++) mean += close[j];
            mean /= n;
            double squares = 0;
            for (int j = t - n + 1; j <= t; j++) squares += (close[j] - mean) * (close[j] - mean);
            double sd = Math.Sqrt(squares / n);
            lower[t] = mean - k * sd;
            upper[t] = mean + k * sd;
        }
        return (lower, upper);
    }

    /// <summary>Buy when the close crosses below the lower band, sell when it crosses above the upper band.</summary>
    public static sbyte[] BollingerReversion(double[] close, int n, double k)
    {
        var (lower, upper) = BollingerBands(close, n, k);
        sbyte[] below = Crossings(Minus(close, lower));
        sbyte[] above = Crossings(Minus(close, upper));
        return Enumerable.Range(0, close.Length).Select(t => (sbyte)(above[t] > 0 ? -1 : below[t] < 0 ? 1 : 0)).ToArray();
    }

    /// <summary>Buy when the close is above the highest high of the previous N bars; sell when below the lowest low of the previous M bars.</summary>
    public static sbyte[] DonchianBreakout(BarSeries bars, int entry, int exit)
    {
        var signals = new sbyte[bars.Count];
        for (int t = 0; t < bars.Count; t++)
        {
            if (t >= entry && bars.Close[t] > bars.High[(t - entry)..t].Max()) signals[t] = 1;
            else if (t >= exit && bars.Close[t] < bars.Low[(t - exit)..t].Min()) signals[t] = -1;
        }
        return signals;
    }

    private static double[] Minus(double[] a, double[] b) => a.Zip(b, (x, y) => x - y).ToArray();
}
