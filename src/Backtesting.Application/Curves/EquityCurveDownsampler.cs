namespace Backtesting.Application.Curves;

/// <summary>
/// Reduces a curve to at most <c>maxPoints</c> while keeping its shape: the first and last points and,
/// per time bucket, the lowest and highest point (so every peak and trough that matters for
/// drawdown survives, including the global extremes).
/// </summary>
public static class EquityCurveDownsampler
{
    public static EquityCurve Downsample(EquityCurve curve, int maxPoints)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (maxPoints < 2) throw new ArgumentOutOfRangeException(nameof(maxPoints), maxPoints, "must be >= 2");
        int n = curve.Count;
        if (n <= maxPoints) return curve;

        var keep = new List<int>(maxPoints) { 0 };
        int buckets = (maxPoints - 2) / 2;
        if (buckets > 0)
        {
            double width = (n - 2) / (double)buckets;
            for (int b = 0; b < buckets; b++)
            {
                int start = 1 + (int)(b * width);
                int end = Math.Min(n - 1, 1 + (int)((b + 1) * width));
                if (start >= end) continue;
                int lo = start, hi = start;
                for (int i = start + 1; i < end; i++)
                {
                    if (curve.Values[i] < curve.Values[lo]) lo = i;
                    if (curve.Values[i] > curve.Values[hi]) hi = i;
                }
                keep.Add(Math.Min(lo, hi));
                if (hi != lo) keep.Add(Math.Max(lo, hi));
            }
        }
        keep.Add(n - 1);
        return new EquityCurve(keep.Select(i => curve.Timestamps[i]).ToArray(), keep.Select(i => curve.Values[i]).ToArray());
    }
}
