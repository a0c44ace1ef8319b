using Backtesting.Engine.Data;
using Backtesting.Engine.Randomness;

namespace Backtesting.Engine.MonteCarlo;

/// <summary>
/// Synthetic bar paths shaped like the data. Bar 0 is the actual first bar; every later bar t is
/// built from the previous close with a source bar j's relative moves: open = close(t-1) x gap_j,
/// high/low stretch beyond max/min(open, close) like bar j's wicks. The close is close(t-1) x
/// ret_j for the block bootstrap (j runs through blocks of consecutive source bars starting at
/// random bars, wrapping around) or close(t-1) x exp(mu + sigma z) for GBM (mu, sigma of the data's
/// close-to-close log returns; j drawn uniformly for the gap and wicks). Prices are rounded to the
/// data's decimals (so exact average comparisons still apply) and kept OHLC-consistent and > 0.
/// </summary>
internal sealed class PricePathGenerator
{
    private readonly BarSeries _data;
    private readonly double[] _gap, _return, _up, _down;
    private readonly double _mu, _sigma, _factor, _minimum;
    private readonly bool _gbm;
    private readonly int _blockLength;

    public PricePathGenerator(BarSeries data, bool gbm, int blockLength)
    {
        if (data.Count < 2) throw new ArgumentException("price paths need at least two bars", nameof(data));
        _data = data;
        _gbm = gbm;
        _blockLength = blockLength;
        int moves = data.Count - 1;
        _gap = new double[moves];
        _return = new double[moves];
        _up = new double[moves];
        _down = new double[moves];
        double[] o = data.Open, h = data.High, l = data.Low, c = data.Close;
        double sum = 0;
        for (int j = 1; j <= moves; j++)
        {
            _gap[j - 1] = o[j] / c[j - 1];
            _return[j - 1] = c[j] / c[j - 1];
            _up[j - 1] = h[j] / Math.Max(o[j], c[j]);
            _down[j - 1] = l[j] / Math.Min(o[j], c[j]);
            sum += Math.Log(_return[j - 1]);
        }
        _mu = sum / moves;
        double squares = 0;
        for (int j = 0; j < moves; j++)
        {
            double d = Math.Log(_return[j]) - _mu;
            squares += d * d;
        }
        _sigma = moves > 1 ? Math.Sqrt(squares / (moves - 1)) : 0;
        int decimals = Math.Clamp(data.PriceDecimals, 0, PriceScale.MaxDecimals);
        _factor = Math.Pow(10, decimals);
        _minimum = 1 / _factor;
        Decimals = decimals;
    }

    public int Decimals { get; }

    /// <summary>Fitted drift and volatility of log returns per bar.</summary>
    public (double Mu, double Sigma) LogReturnModel => (_mu, _sigma);

    /// <summary>Buffers for one thread: a bar series whose price arrays are rewritten for every path.</summary>
    public BarSeries CreateBuffers() => new(_data.Timestamps, new double[_data.Count], new double[_data.Count], new double[_data.Count],
        new double[_data.Count], _data.Volume, Decimals);

    /// <summary>Writes path <paramref name="index"/> of the run seeded <paramref name="seed"/> into <paramref name="path"/>.</summary>
    public void Generate(int index, ulong seed, BarSeries path)
    {
        var random = Xoshiro256StarStar.ForItem(seed, index);
        double[] o = path.Open, h = path.High, l = path.Low, c = path.Close;
        o[0] = _data.Open[0];
        h[0] = _data.High[0];
        l[0] = _data.Low[0];
        c[0] = _data.Close[0];
        int moves = _gap.Length, block = 0, source = 0;
        for (int t = 1; t < c.Length; t++)
        {
            int j;
            if (_gbm)
            {
                j = random.NextInt(moves);
            }
            else
            {
                if (block == 0) source = random.NextInt(moves);
                j = (source + block) % moves;
                block = block + 1 == _blockLength ? 0 : block + 1;
            }
            double previous = c[t - 1];
            double close = _gbm ? previous * Math.Exp(_mu + _sigma * random.NextNormal()) : previous * _return[j];
            double open = Math.Max(_minimum, Round(previous * _gap[j]));
            close = Math.Max(_minimum, Round(close));
            o[t] = open;
            c[t] = close;
            h[t] = Math.Max(Round(Math.Max(open, close) * _up[j]), Math.Max(open, close));
            l[t] = Math.Max(_minimum, Math.Min(Round(Math.Min(open, close) * _down[j]), Math.Min(open, close)));
        }
    }

    private double Round(double value) => Math.Round(value * _factor) / _factor;
}
