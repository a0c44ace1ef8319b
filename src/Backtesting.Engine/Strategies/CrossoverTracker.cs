namespace Backtesting.Engine.Strategies;

/// <summary>
/// The contract's crossover rule: a cross up at t means d(t) &gt; 0 and the last non-zero d before t
/// was &lt; 0 (a bar with d = 0 neither makes nor clears a cross). Feed it sign(d) per defined bar.
/// </summary>
public struct CrossoverTracker
{
    private int _last;

    /// <summary>+1 for a cross up, -1 for a cross down, 0 otherwise.</summary>
    public sbyte Next(int sign)
    {
        sbyte cross = 0;
        if (sign > 0) { if (_last < 0) cross = 1; _last = 1; }
        else if (sign < 0) { if (_last > 0) cross = -1; _last = -1; }
        return cross;
    }
}
