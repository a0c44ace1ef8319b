using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Backtesting.Engine.Strategies.Kernels;

/// <summary>Fixed levels on every bar (rsi_reversion's oversold and overbought).</summary>
internal readonly struct ConstantLevels(double lower, double upper) : IReversionLevels
{
    private readonly Vector256<double> _lower = Vector256.Create(lower), _upper = Vector256.Create(upper);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Lower(int i) => lower;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Upper(int i) => upper;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Lower4(int i) => _lower;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<double> Upper4(int i) => _upper;
}
