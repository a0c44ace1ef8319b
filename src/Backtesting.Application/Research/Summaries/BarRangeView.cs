using Backtesting.Engine.Data;

namespace Backtesting.Application.Research;

/// <summary>A range of bars: first and last bar time (ISO 8601 UTC) and the bar count.</summary>
public sealed record BarRangeView(string Start, string End, int Bars)
{
    internal static BarRangeView None { get; } = new("", "", 0);

    /// <summary>Bars [start, end) of <paramref name="bars"/>.</summary>
    public static BarRangeView Of(BarSeries bars, int start, int end) =>
        new(ResearchJson.Time(bars.Timestamps[start]), ResearchJson.Time(bars.Timestamps[end - 1]), end - start);
}
