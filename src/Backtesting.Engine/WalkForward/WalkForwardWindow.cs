namespace Backtesting.Engine.WalkForward;

/// <summary>
/// One walk-forward step as bar index ranges [start, end) of the series: the in-sample bars the
/// parameters are chosen on, then the out-of-sample bars they are traded on.
/// </summary>
public sealed record WalkForwardWindow(int Index, int InSampleStart, int InSampleEnd, int OutOfSampleStart, int OutOfSampleEnd)
{
    public int InSampleBars => InSampleEnd - InSampleStart;
    public int OutOfSampleBars => OutOfSampleEnd - OutOfSampleStart;
}
