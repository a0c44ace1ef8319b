using Backtesting.Application.Backtests;
using Backtesting.Engine.Data;
using Backtesting.Engine.Validation;

namespace Backtesting.Application.MarketData;

/// <summary>
/// The timeframe bars are stored under, read from their timestamps: the median spacing between consecutive bars
/// (so weekends, holidays and the odd missing bar do not count) matched to a known timeframe. Imports use it when no
/// timeframe is given and reject a given one the timestamps contradict (hourly bars stored as "1d" would be read as days).
/// </summary>
public static class TimeframeInference
{
    private static readonly (string Name, TimeSpan Spacing)[] Fixed =
    [
        ("1m", TimeSpan.FromMinutes(1)), ("5m", TimeSpan.FromMinutes(5)), ("15m", TimeSpan.FromMinutes(15)), ("30m", TimeSpan.FromMinutes(30)),
        ("1h", TimeSpan.FromHours(1)), ("4h", TimeSpan.FromHours(4)), ("1d", TimeSpan.FromDays(1)), ("1w", TimeSpan.FromDays(7)),
    ];

    /// <summary>One of <see cref="BacktestRequestValidator.Timeframes"/>, or null when there are fewer than two bars or the spacing matches none.</summary>
    public static string? Infer(BarSeries bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (MedianSpacing(bars) is not { } spacing) return null;
        foreach (var (name, step) in Fixed)
            if (spacing == step) return name;
        // calendar months are 28 to 31 days apart
        return spacing >= TimeSpan.FromDays(28) && spacing <= TimeSpan.FromDays(31) ? "1mo" : null;
    }

    /// <summary>
    /// The timeframe to store <paramref name="bars"/> under: the inferred one when <paramref name="given"/> is null,
    /// else <paramref name="given"/> unless the timestamps contradict it. Problems are added to <paramref name="errors"/>
    /// under <paramref name="field"/> (returns null then).
    /// </summary>
    public static string? Resolve(string? given, BarSeries bars, string field, List<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        string? inferred = Infer(bars);
        string spacing = MedianSpacing(bars) is { } s ? $"the bars are {Describe(s)} apart (median)" : "there is a single bar";
        if (given is null)
        {
            if (inferred is not null) return inferred;
            errors.Add(new ValidationError(field, null,
                $"is required here: it cannot be inferred ({spacing}); give one of {string.Join(", ", BacktestRequestValidator.Timeframes)}"));
            return null;
        }
        if (inferred is not null && inferred != given)
        {
            errors.Add(new ValidationError(field, $"'{given}'", $"does not match the timestamps: {spacing}, i.e. '{inferred}'; omit it or send '{inferred}'"));
            return null;
        }
        return given;
    }

    private static TimeSpan? MedianSpacing(BarSeries bars)
    {
        if (bars.Count < 2) return null;
        var gaps = new long[bars.Count - 1];
        for (int i = 1; i < bars.Count; i++) gaps[i - 1] = bars.Timestamps[i] - bars.Timestamps[i - 1];
        Array.Sort(gaps);
        // the lower median: a spacing that actually occurs, never the mean of two
        return TimeSpan.FromTicks(gaps[(gaps.Length - 1) / 2]);
    }

    private static string Describe(TimeSpan spacing) =>
        spacing.TotalDays >= 1 && spacing.Ticks % TimeSpan.TicksPerDay == 0 ? $"{spacing.TotalDays:0} day(s)"
        : spacing.Ticks % TimeSpan.TicksPerMinute == 0 ? $"{spacing.TotalMinutes:0} minute(s)"
        : $"{spacing.TotalSeconds:0.###} second(s)";
}
