namespace Backtesting.Engine.WalkForward;

/// <summary>How the in-sample window moves from one walk-forward step to the next.</summary>
public enum WalkForwardMode
{
    /// <summary>A fixed-length in-sample window that slides forward with the out-of-sample window.</summary>
    Rolling,

    /// <summary>The in-sample window always starts at the first bar and grows.</summary>
    Anchored,
}
