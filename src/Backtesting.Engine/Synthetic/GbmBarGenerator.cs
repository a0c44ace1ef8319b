using Backtesting.Engine.Data;

namespace Backtesting.Engine.Synthetic;

/// <summary>
/// Seeded geometric Brownian motion bars in the shape of the shared reference files: close follows
/// GBM, open gaps slightly from the previous close, wicks extend beyond open/close, volume is lognormal.
/// Prices are rounded to <see cref="GbmOptions.Decimals"/> and then kept OHLC-consistent. With
/// <see cref="GbmOptions.MeanReversion"/> the log price reverts to the start price instead of wandering.
/// </summary>
public static class GbmBarGenerator
{
    public static BarSeries Generate(GbmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Bars <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.Bars, "bars must be > 0");
        int n = options.Bars;
        var random = new Random(options.Seed);
        double dt = options.Interval.TotalDays / 365.0;
        double step = options.Volatility * Math.Sqrt(dt);
        double drift = (options.Drift - 0.5 * options.Volatility * options.Volatility) * dt;
        double factor = Math.Pow(10, options.Decimals);
        double Round(double v) => Math.Round(v * factor) / factor;

        var ts = new long[n];
        var o = new double[n];
        var h = new double[n];
        var l = new double[n];
        var c = new double[n];
        var v = new double[n];
        double previous = options.StartPrice;
        double minimum = 1 / factor;
        double anchor = Math.Log(options.StartPrice);
        for (int i = 0; i < n; i++)
        {
            // plain GBM keeps its exact arithmetic (the shared reference files); reversion adds a pull to the anchor
            double mean = options.MeanReversion == 0 ? drift : drift + options.MeanReversion * (anchor - Math.Log(previous)) * dt;
            double close = previous * Math.Exp(mean + step * Normal(random));
            double open = previous * Math.Exp(0.1 * step * Normal(random));
            double high = Math.Max(open, close) * Math.Exp(Math.Abs(0.5 * step * Normal(random)));
            double low = Math.Min(open, close) * Math.Exp(-Math.Abs(0.5 * step * Normal(random)));
            double oR = Math.Max(minimum, Round(open)), cR = Math.Max(minimum, Round(close));
            ts[i] = options.Start.Ticks + i * options.Interval.Ticks;
            o[i] = oR;
            c[i] = cR;
            h[i] = Math.Max(Round(high), Math.Max(oR, cR));
            l[i] = Math.Max(minimum, Math.Min(Round(low), Math.Min(oR, cR)));
            v[i] = Math.Round(Math.Exp(8.0 + 0.5 * Normal(random)));
            previous = close;
        }
        return new BarSeries(ts, o, h, l, c, v, options.Decimals);
    }

    private static double Normal(Random random)
    {
        // Box-Muller; 1 - NextDouble() keeps the log argument in (0, 1]
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
