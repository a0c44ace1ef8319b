using Backtesting.Engine.Data;
using Backtesting.Engine.Indicators;
using Backtesting.Engine.Strategies;

namespace Backtesting.Engine.Tests.Strategies;

/// <summary>
/// Independent expectations for the built-in strategies' signal kernels: each strategy's rule written the
/// plain way, bar by bar with the streaming indicators and <see cref="CrossoverTracker"/> (no shared series,
/// no prefix sums, no vectorised scans), as the contract in DESIGN section 4 states it.
/// </summary>
internal static class StreamingSignals
{
    public static sbyte[] For(string strategyId, ParameterSet p, BarSeries bars)
    {
        var signals = new sbyte[bars.Count];
        switch (strategyId)
        {
            case "sma_crossover":
                // exact comparison of window sums of integer-scaled closes
                WindowSums.Crossovers(PriceScale.ToScaled(bars.Close, bars.PriceDecimals), p.GetInt("fast_period"), p.GetInt("slow_period"), signals);
                break;
            case "ema_crossover":
                Ema(bars.Close, p.GetInt("fast_period"), p.GetInt("slow_period"), signals);
                break;
            case "macd_crossover":
                Macd(bars.Close, p.GetInt("fast_period"), p.GetInt("slow_period"), p.GetInt("signal_period"), signals);
                break;
            case "rsi_reversion":
                Rsi(bars.Close, p.GetInt("period"), p.GetDouble("oversold"), p.GetDouble("overbought"), signals);
                break;
            case "bollinger_reversion":
                Bollinger(bars.Close, p.GetInt("period"), p.GetDouble("num_std"), signals);
                break;
            case "donchian_breakout":
                Donchian(bars, p.GetInt("entry_period"), p.GetInt("exit_period"), signals);
                break;
            case "buy_and_hold":
                if (bars.Count > 0) signals[0] = 1;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(strategyId), strategyId, "no streaming reference for this strategy");
        }
        return signals;
    }

    private static void Ema(double[] close, int fastPeriod, int slowPeriod, sbyte[] signals)
    {
        var fast = new ExponentialMovingAverage(fastPeriod);
        var slow = new ExponentialMovingAverage(slowPeriod);
        var tracker = new CrossoverTracker();
        for (int i = 0; i < close.Length; i++)
        {
            fast.Update(close[i]);
            slow.Update(close[i]);
            signals[i] = fast.IsReady && slow.IsReady ? tracker.Next(Math.Sign(fast.Value - slow.Value)) : (sbyte)0;
        }
    }

    private static void Macd(double[] close, int fastPeriod, int slowPeriod, int signalPeriod, sbyte[] signals)
    {
        var macd = new MovingAverageConvergenceDivergence(fastPeriod, slowPeriod, signalPeriod);
        var tracker = new CrossoverTracker();
        for (int i = 0; i < close.Length; i++)
        {
            macd.Update(close[i]);
            signals[i] = macd.IsReady ? tracker.Next(Math.Sign(macd.Line - macd.Signal)) : (sbyte)0;
        }
    }

    private static void Rsi(double[] close, int period, double oversold, double overbought, sbyte[] signals)
    {
        var rsi = new RelativeStrengthIndex(period);
        CrossoverTracker low = new(), high = new();
        for (int i = 0; i < close.Length; i++)
        {
            rsi.Update(close[i]);
            if (!rsi.IsReady) continue;
            // a cross below oversold buys; a cross above overbought sells (and wins on a bar doing both)
            if (low.Next(Math.Sign(rsi.Value - oversold)) < 0) signals[i] = 1;
            if (high.Next(Math.Sign(rsi.Value - overbought)) > 0) signals[i] = -1;
        }
    }

    private static void Bollinger(double[] close, int period, double k, sbyte[] signals)
    {
        var bands = new BollingerBands(period, k);
        CrossoverTracker lower = new(), upper = new();
        for (int i = 0; i < close.Length; i++)
        {
            bands.Update(close[i]);
            if (!bands.IsReady) continue;
            if (lower.Next(Math.Sign(close[i] - bands.Lower)) < 0) signals[i] = 1;
            if (upper.Next(Math.Sign(close[i] - bands.Upper)) > 0) signals[i] = -1;
        }
    }

    private static void Donchian(BarSeries bars, int entryPeriod, int exitPeriod, sbyte[] signals)
    {
        var upper = new RollingExtreme(entryPeriod, keepMax: true);
        var lower = new RollingExtreme(exitPeriod, keepMax: false);
        for (int i = 0; i < bars.Count; i++)
        {
            // the channels hold the previous bars only: this bar joins after the comparison
            if (lower.IsReady && bars.Close[i] < lower.Extreme) signals[i] = -1;
            if (upper.IsReady && bars.Close[i] > upper.Extreme) signals[i] = 1;
            upper.Add(bars.High[i]);
            lower.Add(bars.Low[i]);
        }
    }
}
