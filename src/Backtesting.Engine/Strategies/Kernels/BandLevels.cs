using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Backtesting.Engine.Strategies.Kernels;

/// <summary>
/// Bollinger bands of one width from a shared series holding the middle band in [0, n) and the window deviation in
/// [n, 2n), computed where they are read with <see cref="Indicators.BollingerBands"/>'s expressions: width = k x sd,
/// bands = middle -/+ width.
/// </summary>
internal readonly struct BandLevels(double[] series, int n, double k) : IReversionLevels
{
    private readonly Vector256<double> _k = Vector256.Create(k);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Lower(int i) => series[i] - k * series[n + i];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Upper(int i) => series[i] + k * series[n + i];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Lower4(int i) => Vector256.Create(series.AsSpan(i, 4)) - _k * Vector256.Create(series.AsSpan(n + i, 4));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Upper4(int i) => Vector256.Create(series.AsSpan(i, 4)) + _k * Vector256.Create(series.AsSpan(n + i, 4));
}
