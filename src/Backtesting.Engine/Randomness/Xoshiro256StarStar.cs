namespace Backtesting.Engine.Randomness;

/// <summary>
/// xoshiro256** (Blackman, Vigna 2018): a small, fast generator with a fixed, documented algorithm
/// (unlike <see cref="Random"/>, whose algorithm is unspecified), seeded through SplitMix64.
/// A mutable struct: pass it by reference.
/// </summary>
public struct Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>A generator whose state is the first four SplitMix64 outputs from <paramref name="seed"/>.</summary>
    public Xoshiro256StarStar(ulong seed)
    {
        ulong state = seed;
        _s0 = SplitMix64.Next(ref state);
        _s1 = SplitMix64.Next(ref state);
        _s2 = SplitMix64.Next(ref state);
        _s3 = SplitMix64.Next(ref state);
    }

    /// <summary>The generator of item <paramref name="index"/> of a run: seeded with <see cref="SplitMix64.DeriveSeed"/>.</summary>
    public static Xoshiro256StarStar ForItem(ulong runSeed, long index) => new(SplitMix64.DeriveSeed(runSeed, index));

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, <paramref name="bound"/>) without modulo bias (Lemire's multiply-shift with rejection).</summary>
    public int NextInt(int bound)
    {
        if (bound <= 0) throw new ArgumentOutOfRangeException(nameof(bound), bound, "must be > 0");
        ulong m = (NextUInt64() >> 32) * (ulong)bound;
        uint low = (uint)m;
        if (low < (uint)bound)
        {
            uint threshold = (uint)-bound % (uint)bound;
            while (low < threshold)
            {
                m = (NextUInt64() >> 32) * (ulong)bound;
                low = (uint)m;
            }
        }
        return (int)(m >> 32);
    }

    /// <summary>Standard normal by Box-Muller (one value per call; 1 - u keeps the logarithm finite).</summary>
    public double NextNormal()
    {
        double u1 = 1.0 - NextDouble(), u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
