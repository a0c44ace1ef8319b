namespace Backtesting.Engine.Indicators;

/// <summary>A streaming indicator: O(1) work per bar, defined once <see cref="IsReady"/>.</summary>
public interface IIndicator
{
    /// <summary>True once enough bars have been seen for the value to be defined.</summary>
    bool IsReady { get; }

    /// <summary>Bars needed before the first defined value.</summary>
    int WarmUpPeriod { get; }

    /// <summary>Bars seen so far.</summary>
    int Samples { get; }

    /// <summary>Forgets every bar seen.</summary>
    void Reset();
}
