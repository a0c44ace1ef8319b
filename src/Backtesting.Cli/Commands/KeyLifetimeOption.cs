using System.CommandLine;
using System.Globalization;
using Backtesting.Engine.Validation;

namespace Backtesting.Cli.Commands;

/// <summary><c>--expires-in</c> of the commands that issue API keys: how long a new key stays valid (absent: until revoked).</summary>
public static class KeyLifetimeOption
{
    /// <summary>The longest lifetime accepted: ten years (a key meant to outlive that should not expire at all).</summary>
    public const int MaxDays = 3650;

    private const string Allowed = "a whole number of days or hours, e.g. 30d or 12h (1h to 3650d)";

    public static Option<string?> Create() =>
        new("--expires-in") { Description = "How long the new key stays valid: 30d, 12h (default: until revoked)." };

    /// <summary>The lifetime given as <paramref name="value"/>, or null when absent; anything else is bad input naming --expires-in.</summary>
    public static TimeSpan? Parse(string? value)
    {
        if (value is null) return null;
        string text = value.Trim();
        TimeSpan? lifetime = text.Length >= 2 && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int count) && count > 0
            ? char.ToLowerInvariant(text[^1]) switch
            {
                'd' when count <= MaxDays => TimeSpan.FromDays(count),
                'h' when count <= MaxDays * 24 => TimeSpan.FromHours(count),
                _ => null,
            }
            : null;
        return lifetime ?? throw new ValidationException([new ValidationError("--expires-in", $"'{value}'", "must be " + Allowed)]);
    }
}
