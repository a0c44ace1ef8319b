namespace Backtesting.Engine.Randomness;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014): the hash that derives independent seeds. Fixed arithmetic,
/// so a derived seed is the same on every machine and every .NET version.
/// </summary>
public static class SplitMix64
{
    /// <summary>The golden-ratio increment of the SplitMix64 stream.</summary>
    public const ulong Increment = 0x9E3779B97F4A7C15;

    /// <summary>The SplitMix64 finaliser: a bijective 64-bit mix.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>Advances <paramref name="state"/> and returns the next output of the stream.</summary>
    public static ulong Next(ref ulong state)
    {
        state += Increment;
        return Mix(state);
    }

    /// <summary>
    /// The seed of item <paramref name="index"/> (a Monte Carlo path, a random-search draw) of a run
    /// seeded with <paramref name="runSeed"/>: output index + 1 of the stream started at Mix(runSeed).
    /// It depends only on (runSeed, index), so any split of the items into batches sees the same seeds.
    /// </summary>
    public static ulong DeriveSeed(ulong runSeed, long index) => Mix(Mix(runSeed) + (ulong)(index + 1) * Increment);
}
