using Backtesting.Engine.Rules;

namespace Backtesting.Engine.Validation;

/// <summary>
/// The one rule for names a caller sent that the receiver does not know (REST body fields, MCP tool arguments,
/// CLI options): each is an error naming it, the nearest known name when one is close, and every allowed name.
/// A misspelt field must never be ignored: <c>"paramters"</c> would otherwise run with default parameters.
/// </summary>
public static class UnknownFields
{
    /// <summary>One error per name of <paramref name="given"/> that is not in <paramref name="known"/>, in the order given.</summary>
    /// <param name="given">The names the caller sent.</param>
    /// <param name="known">The names the receiver accepts.</param>
    /// <param name="kind">What a name is, for the message: "a known field", "an argument of run_backtest", "an option of run".</param>
    public static IReadOnlyList<ValidationError> Check(IEnumerable<string> given, IReadOnlyCollection<string> known, string kind = "a known field")
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(known);
        var errors = new List<ValidationError>();
        foreach (string name in given)
            if (!known.Contains(name, StringComparer.Ordinal))
                errors.Add(new ValidationError(name, null, Message(name, known, kind)));
        return errors;
    }

    /// <summary>"is not a known field (did you mean 'parameters'?); allowed: a, b, c".</summary>
    public static string Message(string name, IReadOnlyCollection<string> known, string kind = "a known field")
    {
        ArgumentNullException.ThrowIfNull(known);
        return $"is not {kind}{NearestName.Hint(name, known)}; allowed: {string.Join(", ", known)}";
    }

    /// <summary>The known name closest to <paramref name="name"/> (at most two edits away), or null.</summary>
    public static string? Nearest(string name, IEnumerable<string> known) => NearestName.Find(name, known);
}
