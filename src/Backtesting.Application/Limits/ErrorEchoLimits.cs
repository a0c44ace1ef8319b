using Backtesting.Engine.Validation;

namespace Backtesting.Application.Limits;

/// <summary>
/// Bounds what an error response repeats of the caller's input, so a large bad request cannot make a
/// larger answer: at most <see cref="MaxListed"/> errors, each field and value clipped to
/// <see cref="MaxEchoChars"/> characters. Every host (REST, MCP, WebSocket) renders errors through this.
/// </summary>
public static class ErrorEchoLimits
{
    public const int MaxListed = 50;
    public const int MaxEchoChars = 100;

    /// <summary>The errors to list (clipped) and how many more were left out.</summary>
    public static (IReadOnlyList<ValidationError> Listed, int Omitted) Cap(IReadOnlyList<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var listed = errors.Take(MaxListed).Select(e => e with { Field = Clip(e.Field)!, Value = Clip(e.Value) }).ToArray();
        return (listed, errors.Count - listed.Length);
    }

    /// <summary>"; and N more problems" when some were left out, else empty.</summary>
    public static string MoreSuffix(int omitted) => omitted > 0 ? $"; and {omitted} more problem{(omitted == 1 ? "" : "s")}" : "";

    /// <summary>The text cut to <see cref="MaxEchoChars"/> characters with an ellipsis.</summary>
    public static string? Clip(string? text) =>
        text is null || text.Length <= MaxEchoChars ? text : string.Concat(text.AsSpan(0, MaxEchoChars), "…");
}
