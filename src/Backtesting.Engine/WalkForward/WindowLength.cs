using System.Globalization;

namespace Backtesting.Engine.WalkForward;

/// <summary>A window length: a number of bars, or a time span measured on the bar timestamps.</summary>
public readonly record struct WindowLength
{
    private WindowLength(int? bars, TimeSpan? duration)
    {
        Bars = bars;
        Duration = duration;
    }

    /// <summary>Length in bars, or null when the length is a time span.</summary>
    public int? Bars { get; }

    /// <summary>Length in time, or null when the length is in bars.</summary>
    public TimeSpan? Duration { get; }

    /// <summary>A length of <paramref name="bars"/> bars.</summary>
    public static WindowLength OfBars(int bars) => new(bars, null);

    /// <summary>A length of <paramref name="duration"/> on the timestamps.</summary>
    public static WindowLength OfDuration(TimeSpan duration) => new(null, duration);

    /// <summary>Parses "500" (bars) or a number with a unit: "90m" minutes, "12h" hours, "30d" days, "4w" weeks.</summary>
    public static WindowLength Parse(string text)
    {
        string s = text.Trim();
        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int bars)) return OfBars(bars);
        if (s.Length >= 2 && double.TryParse(s[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double amount) && double.IsFinite(amount))
        {
            double? minutes = s[^1] switch
            {
                'm' => amount,
                'h' => amount * 60,
                'd' => amount * 1440,
                'w' => amount * 10080,
                _ => null,
            };
            // at most 1000 years: beyond that a span says nothing about bars and overflows TimeSpan
            if (minutes is { } m && Math.Abs(m) <= 1000 * 366 * 1440.0) return OfDuration(TimeSpan.FromMinutes(m));
        }
        throw new FormatException($"'{text}' is not a window length: a bar count (e.g. 500) or a time span with a unit m, h, d or w (e.g. 30d)");
    }

    /// <summary>True when the length is positive.</summary>
    public bool IsPositive => Bars is { } b ? b > 0 : Duration is { } d && d > TimeSpan.Zero;

    public override string ToString() => Bars is { } b ? b.ToString(CultureInfo.InvariantCulture) : $"{Duration!.Value.TotalDays.ToString(CultureInfo.InvariantCulture)}d";
}
