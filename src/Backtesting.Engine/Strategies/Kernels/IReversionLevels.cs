using System.Runtime.Intrinsics;

namespace Backtesting.Engine.Strategies.Kernels;

/// <summary>
/// The lower and upper levels a mean-reversion scan compares a series with, bar by bar or four bars at a time. A
/// struct implementation is inlined into <see cref="ReversionScan"/>, so levels computed on the fly cost no array.
/// Both forms must give the same values bit for bit (lane-wise the same IEEE operations, no fused multiply-add).
/// </summary>
internal interface IReversionLevels
{
    double Lower(int i);

    double Upper(int i);

    Vector256<double> Lower4(int i);

    Vector256<double> Upper4(int i);
}
